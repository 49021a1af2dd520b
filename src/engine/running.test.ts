// Signals that wait for an execution are stepped together and committed as
// ONE transition, with the history applying them one at a time would write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryEvent } from '../asl/index.js';
import type { Transition, TransitionOutcome } from '../store/durable-store.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import { ManualClock } from './clock.js';
import { Engine } from './engine.js';
import type { TaskInvocation, TaskOutcome } from './task-runner.js';

class RecordingStore extends MemoryStore {
  readonly written: Transition[] = [];
  // the committer writes a memory store's batches at once, through commitTransitionsNow
  override commitTransitionsNow(batch: readonly Transition[]): readonly TransitionOutcome[] {
    this.written.push(...batch);
    return super.commitTransitionsNow(batch);
  }
}

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const branch = (name: string, then?: object) => ({
  StartAt: name,
  States: { [name]: { Type: 'Task', Resource: FN, ...(then ? { Next: 'Later' } : { End: true }) }, ...(then ? { Later: then } : {}) },
});

/** runs the definition with every task held until the test settles it; `together` settles them in one turn */
async function run(definition: object, settle: (calls: Map<string, (o: TaskOutcome) => void>) => Promise<void>) {
  const store = new RecordingStore();
  const calls = new Map<string, (o: TaskOutcome) => void>();
  const engine = new Engine({
    store, expressStore: new MemoryStore(), clock: new ManualClock(), region: 'us-east-1', account: '123456789012',
    tasks: { invoke: (inv: TaskInvocation) => new Promise((resolve) => { calls.set(inv.stateName, resolve); }) },
  });
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:x';
  await engine.startExecution({
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', stateMachineName: 'm', type: 'STANDARD',
    definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::123456789012:role/r', executionArn: arn, name: 'x', input: {}, inputText: '{}',
  });
  await settle(calls);
  const rec = await engine.whenDone(arn);
  const history = (await engine.history(arn)).map((e: HistoryEvent) => ({ ...e }));
  await engine.close();
  return { rec, history, written: store.written.slice(1) };
}

const parallel = (branches: object[]) => ({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: branches, End: true } } });
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

test('task results that arrive in one turn are one transition, with the history of one at a time', async () => {
  const def = parallel([branch('A'), branch('B'), branch('C')]);
  const ok = (v: string): TaskOutcome => ({ kind: 'success', output: v });
  // the three results come in the same turn: they are stepped together
  const together = await run(def, async (calls) => { for (const n of ['A', 'B', 'C']) calls.get(n)!(ok(n)); });
  const apart = await run(def, async (calls) => { for (const n of ['A', 'B', 'C']) { calls.get(n)!(ok(n)); await turn(); await turn(); } });
  assert.equal(together.rec.status, 'SUCCEEDED');
  assert.deepEqual(together.history, apart.history);
  assert.deepEqual(together.written.map((t) => t.tasksDeleted?.length), [3]);
  assert.equal(apart.written.length, 3);
});

test('a timer armed and cancelled within one transition is neither written nor armed', async () => {
  // in one transition, A's result moves its branch to a Wait (a timer) and B's failure fails the Parallel, cancelling that timer
  const def = parallel([branch('C'), branch('A', { Type: 'Wait', Seconds: 100, End: true }), branch('B')]);
  const together = await run(def, async (calls) => {
    calls.get('C')!({ kind: 'success', output: 0 });
    calls.get('A')!({ kind: 'success', output: 1 });
    calls.get('B')!({ kind: 'failure', error: 'Boom', cause: 'b' });
  });
  const apart = await run(def, async (calls) => {
    for (const [n, o] of [['C', { kind: 'success', output: 0 }], ['A', { kind: 'success', output: 1 }], ['B', { kind: 'failure', error: 'Boom', cause: 'b' }]] as const) {
      calls.get(n)!(o);
      await turn(); await turn();
    }
  });
  assert.equal(together.rec.status, 'FAILED');
  assert.deepEqual(together.history, apart.history);
  assert.equal(together.written.length, 1);
  assert.equal(together.written[0]!.timersArmed, undefined);
  assert.equal(together.written[0]!.timersCancelled, undefined);
  assert.ok(apart.written[1]!.timersArmed?.length);
  assert.ok(apart.written[2]!.timersCancelled?.length);
});

test('callers waiting for an execution are each told its final row once, whether they wait with onDone or whenDone', async () => {
  const clock = new ManualClock();
  const engine = new Engine({
    store: new MemoryStore(), expressStore: new MemoryStore(), clock, region: 'us-east-1', account: '123456789012',
    tasks: { invoke: async () => ({ kind: 'success', output: {} }) },
  });
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:w';
  await engine.startExecution({
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', stateMachineName: 'm', type: 'STANDARD',
    definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }),
    roleArn: 'arn:aws:iam::123456789012:role/r', executionArn: arn, name: 'w', input: {}, inputText: '{}',
  });
  const told: string[] = [];
  const note = (rec: { status: string }, who: string): void => { told.push(`${who}:${rec.status}`); };
  assert.equal(engine.onDone(arn, note, 'a'), true);
  const whenDone = engine.whenDone(arn);
  assert.equal(engine.onDone(arn, () => { throw new Error('a waiter that throws'); }, undefined), true);
  assert.equal(engine.onDone(arn, note, 'b'), true);
  assert.equal(engine.onDone(`${arn}-other`, note, 'c'), false);
  clock.advance(10_000);
  assert.equal((await whenDone).status, 'SUCCEEDED');
  assert.deepEqual(told, ['a:SUCCEEDED', 'b:SUCCEEDED']);
  // it has ended: onDone declines, whenDone answers from the store
  assert.equal(engine.onDone(arn, note, 'd'), false);
  assert.equal((await engine.whenDone(arn)).status, 'SUCCEEDED');
  await engine.close();
});
