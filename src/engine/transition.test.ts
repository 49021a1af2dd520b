import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command, ExecState, HistoryEvent, StepResult } from '../asl/index.js';
import type { ExecutionRecord } from '../store/durable-store.js';
import { StepBatch, nextRecord } from './transition.js';

const state = { status: 'RUNNING' } as ExecState;
const ev = (id: number): HistoryEvent => ({ id, previousEventId: id - 1, timestamp: 0, type: 'PassStateEntered' } as unknown as HistoryEvent);
const result = (events: HistoryEvent[], commands: Command[]): StepResult => ({ state, events, commands });
const arm = (timerId: string): Command => ({ type: 'armTimer', timerId, dueAt: 5 });
const invoke = (taskId: string): Command =>
  ({ type: 'invokeTask', taskId, resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', family: 'lambda', resourceType: 'lambda', parameters: {}, stateName: 'T' });
const rec = { executionArn: 'arn', stateMachineArn: 'sm', name: 'x', startDate: 1, inputText: '{}', status: 'RUNNING', state, definition: '{}' } as ExecutionRecord;

test('steps of several signals make one transition: events in order, the net of their commands', () => {
  const b = new StepBatch();
  b.add({ type: 'taskSucceeded', taskId: 'k1', output: 1 }, result([ev(5), ev(6)], [arm('t2'), invoke('k3')]));
  b.add({ type: 'timerFired', timerId: 't1' }, result([ev(7)], [{ type: 'cancelTimer', timerId: 't2' }, { type: 'cancelTask', taskId: 'k0' }]));
  b.add({ type: 'taskStarted', taskId: 'k3' }, result([], []));
  b.add({ type: 'taskFailed', taskId: 'k4', error: 'E' }, result([ev(8)], [{ type: 'cancelTask', taskId: 'k3' }, arm('t9')]));
  const t = b.transition(rec, 4, undefined);
  assert.deepEqual(t.events.map((e) => e.id), [5, 6, 7, 8]);
  // t2 armed then cancelled, k3 scheduled then cancelled: neither is written
  // the timer rows are the engine's timers themselves: compared by what a row holds
  assert.deepEqual(t.timersArmed?.map(({ timerId, dueAt }) => ({ timerId, dueAt })), [{ timerId: 't9', dueAt: 5 }]);
  assert.deepEqual(t.timersCancelled, ['t1']);
  assert.equal(t.tasksScheduled, undefined);
  assert.deepEqual(t.tasksDeleted, ['k1', 'k4', 'k0']);
  // a step that produced nothing writes nothing for its signal
  assert.equal(t.tasksStarted, undefined);
  assert.equal(t.expectedVersion, 4);
  assert.deepEqual(b.commands.filter((c) => c !== undefined).map((c) => c.type), ['cancelTask', 'armTimer']);
});

test('the first step\'s events array is not appended to in place', () => {
  const first = [ev(1)];
  const b = new StepBatch();
  b.add(undefined, result(first, []));
  b.add({ type: 'timerFired', timerId: 't1' }, result([ev(2)], []));
  assert.deepEqual(first.map((e) => e.id), [1]);
  assert.deepEqual(b.transition(rec, 1, undefined).events.map((e) => e.id), [1, 2]);
});

test('a cancel finds its arm among many (a Map\'s children) and only its own', () => {
  const b = new StepBatch();
  b.add(undefined, result([], Array.from({ length: 100 }, (_, i) => invoke(`k${i}`))));
  b.add({ type: 'stop' }, result([ev(1)], [...Array.from({ length: 50 }, (_, i) => ({ type: 'cancelTask', taskId: `k${2 * i}` }) as Command), invoke('k100')]));
  b.add({ type: 'timerFired', timerId: 't' }, result([], [{ type: 'cancelTask', taskId: 'k100' }]));
  const t = b.transition(rec, 1, undefined);
  assert.deepEqual(t.tasksScheduled?.map((c) => c.taskId), Array.from({ length: 50 }, (_, i) => `k${2 * i + 1}`));
  assert.equal(t.tasksDeleted, undefined);
  assert.equal(b.empty, false);
});

test('nothing stepped: empty; the next record carries the state\'s status, and a redrive clears the last stop', () => {
  assert.equal(new StepBatch().empty, true);
  const failed = { ...rec, status: 'FAILED', stopDate: 9, error: 'E', cause: 'c' } as ExecutionRecord;
  const again = nextRecord(failed, state, 3, 20, true);
  assert.equal(again.status, 'RUNNING');
  assert.equal(again.stopDate, undefined);
  assert.equal(again.error, undefined);
  assert.equal(again.version, 3);
  const done = nextRecord(rec, { status: 'SUCCEEDED', output: { a: 1 } } as unknown as ExecState, 2, 30);
  assert.deepEqual([done.status, done.stopDate, done.outputText], ['SUCCEEDED', 30, '{"a":1}']);
});
