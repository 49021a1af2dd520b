// A finished execution is folded (finished.ts): reading it back must give the
// record and history that were committed, whatever the execution did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transition, TransitionOutcome } from '../durable-store.js';
import { MemoryStore } from './memory-store.js';
import { Finished } from './finished.js';
import { ManualClock } from '../../engine/clock.js';
import { Engine } from '../../engine/engine.js';
import type { TaskContext, TaskInvocation, TaskOutcome } from '../../engine/task-runner.js';

/** keeps what was committed: the last record and every event, per execution */
class RecordingStore extends MemoryStore {
  readonly records = new Map<string, Transition['execution']>();
  readonly events = new Map<string, unknown[]>();
  override commitTransitionsNow(batch: readonly Transition[]): readonly TransitionOutcome[] {
    const out = super.commitTransitionsNow(batch);
    batch.forEach((t, i) => {
      if (!out[i]!.ok) return;
      const arn = t.execution.executionArn;
      this.records.set(arn, { ...t.execution, version: t.expectedVersion + 1 } as Transition['execution']);
      const events = this.events.get(arn) ?? [];
      events.push(...(t.log ? t.log.events() : t.events));
      this.events.set(arn, events);
    });
    return out;
  }
  folded(arn: string): boolean { return (this as unknown as { rows: Map<string, unknown> }).rows.get(arn) instanceof Finished; }
}

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
/** the texts of payloads as a reader sees them */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

const DEFINITIONS: Record<string, object> = {
  chain: { StartAt: 'A', States: { A: { Type: 'Pass', Result: { n: 1 }, ResultPath: '$.r', Next: 'B' }, B: { Type: 'Pass', End: true } } },
  task: { StartAt: 'T', States: { T: { Type: 'Task', Resource: FN, ResultSelector: { 'got.$': '$.v' }, End: true } } },
  retried: {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: FN, Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 1, MaxAttempts: 2 }], End: true } },
  },
  failed: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'because' } } },
  caught: {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: FN, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }], Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  },
  waited: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, Next: 'P' }, P: { Type: 'Pass', End: true } } },
  map: {
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } },
  },
  parallel: {
    StartAt: 'P',
    States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
      { StartAt: 'B', States: { B: { Type: 'Task', Resource: FN, End: true } } }], End: true } },
  },
  jsonata: {
    QueryLanguage: 'JSONata', StartAt: 'A',
    States: { A: { Type: 'Pass', Assign: { x: '{% $states.input.items %}' }, Output: '{% $count($x) %}', End: true } },
  },
  timeout: { TimeoutSeconds: 30, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } },
  callback: {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: FN, Payload: { 'token.$': '$$.Task.Token' } }, End: true } },
  },
};

/** executions whose row is not folded: a callback's (its token is kept), and those that did not finish in the transition that started them */
const KEPT = new Set(['callback', 'retried', 'waited', 'timeout', 'task', 'caught', 'parallel']);

test('a finished execution reads back as committed: its record, its history, its listing; rows with tokens left, or that waited, are kept', async () => {
  const store = new RecordingStore();
  const clock = new ManualClock();
  let retriedCalls = 0;
  const tokens: string[] = [];
  const engine = new Engine({
    store, expressStore: new MemoryStore(), clock, region: 'us-east-1', account: '123456789012',
    tasks: {
      invoke: (inv: TaskInvocation, ctx: TaskContext): Promise<TaskOutcome> => {
        if (inv.taskToken) { tokens.push(inv.taskToken); return Promise.resolve({ kind: 'pending' }); }
        // the retried execution's first call fails (its retry comes a second later); the caught one's fails
        if (ctx.executionArn.endsWith(':retried') && ++retriedCalls === 1) return Promise.resolve({ kind: 'failure', error: 'Boom', cause: 'first' });
        if (ctx.executionArn.endsWith(':caught')) return Promise.resolve({ kind: 'failure', error: 'Other', cause: 'caught' });
        return Promise.resolve({ kind: 'success', output: { v: [1, 'two', { three: 3 }] } });
      },
    },
  });
  const arnOf = (name: string): string => `arn:aws:states:us-east-1:123456789012:execution:m-${name}:${name}`;
  for (const [name, definition] of Object.entries(DEFINITIONS)) {
    const input = { items: [1, 2, 3], name };
    await engine.startExecution({
      stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:m-${name}`, stateMachineName: `m-${name}`, type: 'STANDARD',
      definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::123456789012:role/r', executionArn: arnOf(name), name, input,
      inputText: JSON.stringify(input),
    });
  }
  for (let i = 0; i < 10; i++) { clock.advance(5_000); await new Promise((r) => setImmediate(r)); }
  for (const t of tokens) {
    const target = await engine.taskToken(t);
    await engine.signal(target!.executionArn, { type: 'taskSucceeded', taskId: target!.taskId, output: { ok: true } });
  }
  for (const name of Object.keys(DEFINITIONS)) {
    const arn = arnOf(name);
    const rec = await engine.whenDone(arn);
    assert.notEqual(rec.status, 'RUNNING', name);
    assert.deepStrictEqual(await store.getExecution(arn), store.records.get(arn), name);
    assert.deepStrictEqual(plain(await store.history(arn)), plain(store.events.get(arn)), name);
    // pages of history read from the end as from the start
    const reversed = await store.history(arn, { reverse: true, limit: 3 });
    assert.deepStrictEqual(plain(reversed), plain(store.events.get(arn)!.slice(-3).reverse()), name);
    // a callback's token stays resolvable, and a row that waited is promoted already: both kept as rows
    assert.equal(store.folded(arn), !KEPT.has(name), name);
  }
  const listed = await store.listExecutions({});
  assert.equal(listed.items.length, Object.keys(DEFINITIONS).length);
  for (const item of listed.items) {
    const rec = store.records.get(item.executionArn)!;
    assert.deepStrictEqual(item, { executionArn: rec.executionArn, stateMachineArn: rec.stateMachineArn, name: rec.name, status: rec.status,
      startDate: rec.startDate, stopDate: rec.stopDate });
  }
  await engine.close();
});

test('a folded execution written to again (a redrive) is a row again, and its history goes on from where it was', async () => {
  const store = new RecordingStore();
  const engine = new Engine({
    store, expressStore: new MemoryStore(), clock: new ManualClock(), region: 'us-east-1', account: '123456789012',
    tasks: { invoke: () => Promise.resolve<TaskOutcome>({ kind: 'success', output: 7 }) },
  });
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:x';
  // fails in the transition that starts it (the context has no redrive count before a redrive), so it is folded
  await engine.startExecution({
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', stateMachineName: 'm', type: 'STANDARD',
    definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'n.$': '$$.Execution.RedriveCount' }, Next: 'T' },
      T: { Type: 'Task', Resource: FN, End: true } } }),
    roleArn: 'arn:aws:iam::123456789012:role/r', executionArn: arn, name: 'x', input: {}, inputText: '{}',
  });
  assert.equal((await engine.whenDone(arn)).status, 'FAILED');
  assert.equal(store.folded(arn), true);
  await engine.redrive(arn);
  const rec = await engine.whenDone(arn);
  assert.equal(rec.status, 'SUCCEEDED');
  assert.deepStrictEqual(await store.getExecution(arn), store.records.get(arn));
  assert.deepStrictEqual(plain(await store.history(arn)), plain(store.events.get(arn)));
  // written to after it was folded, it stays a row
  assert.equal(store.folded(arn), false);
  await engine.close();
});
