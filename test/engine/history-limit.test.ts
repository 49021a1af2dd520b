// AWS quota: an execution history holds at most 25,000 events; an execution
// that would write more fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine/engine.js';
import { ManualClock } from '../../src/engine/clock.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

test('an endless loop fails at the 25,000-event history quota', async () => {
  const engine = new Engine({
    store: new MemoryStore(), expressStore: new MemoryStore(), clock: new ManualClock(), region: 'us-east-1', account: '123456789012',
    tasks: { invoke: async () => ({ kind: 'pending' }) },
  });
  const definition = JSON.stringify({
    StartAt: 'Again',
    States: {
      Again: { Type: 'Pass', Next: 'Loop' },
      Loop: { Type: 'Choice', Choices: [{ Variable: '$', IsPresent: true, Next: 'Again' }], Default: 'Done' },
      Done: { Type: 'Succeed' },
    },
  });
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:loop:x';
  const rec = await engine.startExecution({
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:loop', stateMachineName: 'loop', type: 'STANDARD',
    definition, roleArn: 'arn:aws:iam::123456789012:role/r', executionArn: arn, name: 'x', input: {}, inputText: '{}',
  });
  assert.equal(rec?.status, 'FAILED');
  assert.equal(rec?.error, 'States.Runtime');
  const events = await engine.history(arn);
  assert.equal(events.length, 25_000);
  assert.equal(events.at(-1)!.type, 'ExecutionFailed');
  assert.deepEqual(events.map((e) => e.id), Array.from({ length: 25_000 }, (_, i) => i + 1));
  await engine.close();
});
