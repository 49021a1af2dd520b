// The interpreter's event log: events read back as the objects makeEvent makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventLog, FORM_DETAIL, FORM_ENTERED, FORM_EXITED, FORM_FIELDS, FORM_NONE } from './event-log.js';
import { makeEvent, NOT_TRUNCATED } from './events.js';
import { runDefinition } from './test-driver.js';

const T0 = 1_767_225_600_000;

test('a log reads back every form as makeEvent makes it, key order included, with timestamps that differ after an append', () => {
  const a = new EventLog();
  a.add(1, T0, 'ExecutionStarted', 0, FORM_DETAIL, 'executionStartedEventDetails', { input: '{}', inputDetails: NOT_TRUNCATED, roleArn: 'r' });
  a.add(2, T0, 'PassStateEntered', 1, FORM_ENTERED, 'A', '{}');
  a.add(3, T0, 'PassStateExited', 2, FORM_EXITED, 'A', '[1]');
  const b = new EventLog();
  b.add(4, T0 + 7, 'MapIterationStarted', 3, FORM_NONE, undefined, undefined);
  b.add(5, T0 + 7, 'TaskFailed', 4, FORM_FIELDS, { taskFailedEventDetails: { error: 'E' }, extra: 1 }, undefined);
  a.append(b);
  const expected = [
    makeEvent(1, 0, T0, 'ExecutionStarted', 'executionStartedEventDetails', { input: '{}', inputDetails: NOT_TRUNCATED, roleArn: 'r' }),
    makeEvent(2, 1, T0, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'A', input: '{}', inputDetails: NOT_TRUNCATED }),
    makeEvent(3, 2, T0, 'PassStateExited', 'stateExitedEventDetails', { name: 'A', output: '[1]', outputDetails: NOT_TRUNCATED }),
    makeEvent(4, 3, T0 + 7, 'MapIterationStarted', undefined, undefined),
    { id: 5, previousEventId: 4, timestamp: T0 + 7, type: 'TaskFailed', taskFailedEventDetails: { error: 'E' }, extra: 1 },
  ];
  assert.deepEqual(a.events(), expected);
  assert.equal(JSON.stringify(a.events()), JSON.stringify(expected));
  assert.equal(a.lastId, 5);
  // made once
  assert.equal(a.events(), a.events());
  // events given as objects are read back as the same objects, ids that do not follow one another included
  const gapped = [expected[0]!, { ...expected[1]!, id: 4 }, { ...expected[2]!, id: 5, previousEventId: 4 }];
  const given = EventLog.of(gapped);
  assert.deepEqual(given.events(), gapped);
  for (let i = 0; i < gapped.length; i++) assert.equal(given.events()[i], gapped[i]);
  assert.equal(given.lastId, 5);
  a.append(given);
  assert.deepEqual(a.events().map((e) => e.id), [1, 2, 3, 4, 5, 1, 4, 5]);
});

test('a step writes its events to the log; its events are the log read as objects', () => {
  const r = runDefinition({ StartAt: 'A', States: {
    A: { Type: 'Pass', Result: { x: 1 }, Assign: { v: 1 }, Next: 'B' },
    B: { Type: 'Pass', End: true },
  } }, { in: true });
  assert.deepEqual(r.events.map((e) => e.type),
    ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  // an exit with assigned variables keeps its longer detail
  assert.deepEqual(r.events[2]!.stateExitedEventDetails, {
    name: 'A', output: '{"x":1}', outputDetails: NOT_TRUNCATED, assignedVariables: { v: '1' }, assignedVariablesDetails: NOT_TRUNCATED,
  });
  assert.deepEqual(r.events[3]!.stateEnteredEventDetails, { name: 'B', input: '{"x":1}', inputDetails: NOT_TRUNCATED });
  assert.deepEqual(Object.keys(r.events[4]!), ['id', 'previousEventId', 'timestamp', 'type', 'stateExitedEventDetails']);
});
