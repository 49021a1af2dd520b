// Which children a Map or Parallel still runs: finished ones are forgotten
// lazily (the id list is compacted in batches), and a failure must abort
// exactly the children still running, in launch order, and cancel their tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition } from '../parse/parse.js';
import { start, step, type StepResult } from '../step.js';
import type { ChildrenPhase, ExecState } from '../execution/state.js';
import type { Command } from '../execution/protocol.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:work';

function begin(definition: object, input: unknown): { run: (signal: Parameters<typeof step>[2]) => StepResult; first: StepResult; state: ExecState } {
  const program = parseDefinition(JSON.stringify(definition)).program!;
  let ids = 0;
  const env = { now: Date.UTC(2024, 0, 1), uuid: () => `u-${++ids}`, random: () => 0.5 };
  const info = {
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:sm:x', name: 'x', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:sm',
    stateMachineName: 'sm', roleArn: 'arn:aws:iam::123456789012:role/r', startTime: '2024-01-01T00:00:00.000Z', input, inputText: JSON.stringify(input),
    redriveCount: 0, region: 'us-east-1', account: '123456789012', type: 'STANDARD' as const,
  };
  const first = start(program, info, env);
  return { first, state: first.state, run: (signal) => step(program, first.state, signal, env) };
}

/** invokeTask commands by the item each task was called with ({ i }). */
const tasksByItem = (commands: readonly Command[]): Map<number, string> =>
  new Map(commands.flatMap((c) => (c.type === 'invokeTask' ? [[(c.parameters as { i: number }).i, c.taskId] as const] : [])));

test('an inline Map failing after many finished iterations aborts only those still running, in launch order', () => {
  const items = Array.from({ length: 40 }, (_, i) => ({ i }));
  const m = begin({ StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: {
    StartAt: 'W', States: { W: { Type: 'Task', Resource: FN, End: true } } } } } }, items);
  const tasks = tasksByItem(m.first.commands);
  assert.equal(tasks.size, 40);
  for (let i = 0; i < 30; i++) m.run({ type: 'taskSucceeded', taskId: tasks.get(i)!, output: { done: i } });
  const phase = m.state.frames.root!.phase as ChildrenPhase;
  assert.equal(phase.running, 10);
  // finished ids are dropped in batches: the list stays within a bound of the running ones
  assert.ok(phase.childIds.length <= 2 * phase.running + 16, `childIds holds ${phase.childIds.length}`);

  const r = m.run({ type: 'taskFailed', taskId: tasks.get(35)!, error: 'Boom' });
  const still = [30, 31, 32, 33, 34, 36, 37, 38, 39];
  const aborted = r.events.filter((e) => e.type === 'MapIterationAborted').map((e) => (e.mapIterationAbortedEventDetails as { index: number }).index);
  assert.deepEqual(aborted, still);
  assert.equal(r.events.filter((e) => e.type === 'TaskStateAborted').length, still.length + 1);
  const cancelled = new Set(r.commands.flatMap((c) => (c.type === 'cancelTask' ? [c.taskId] : [])));
  for (const i of still) assert.ok(cancelled.has(tasks.get(i)!), `task of item ${i} cancelled`);
  assert.equal(m.state.status, 'FAILED');
});

test('a distributed Map past its tolerated failures aborts every running child, including the last launched', () => {
  const items = Array.from({ length: 5 }, (_, i) => ({ i }));
  const m = begin({ StartAt: 'M', States: {
    M: { Type: 'Map', ToleratedFailureCount: 1, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Hold' }], Next: 'Hold',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'W', States: { W: { Type: 'Task', Resource: FN, End: true } } } },
    Hold: { Type: 'Wait', Seconds: 60, End: true },
  } }, items);
  const tasks = tasksByItem(m.first.commands);
  m.run({ type: 'taskFailed', taskId: tasks.get(0)!, error: 'Boom' }); // tolerated
  const r = m.run({ type: 'taskFailed', taskId: tasks.get(1)!, error: 'Boom' });
  assert.deepEqual(r.events.map((e) => e.type), ['MapRunFailed', 'MapStateFailed', 'MapStateExited', 'WaitStateEntered']);
  const cancelled = r.commands.flatMap((c) => (c.type === 'cancelTask' ? [c.taskId] : []));
  assert.deepEqual(cancelled, [2, 3, 4].map((i) => tasks.get(i)!));
  assert.deepEqual(Object.keys(m.state.frames), ['root']);
  // a late result of an aborted child changes nothing
  const late = m.run({ type: 'taskSucceeded', taskId: tasks.get(4)!, output: {} });
  assert.deepEqual([late.events, late.commands], [[], []]);
  assert.equal(m.state.frames.root!.phase.kind, 'waiting');
});
