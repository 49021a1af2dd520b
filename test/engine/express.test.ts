// EXPRESS executions live in memory and stop after five minutes, as on AWS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine/engine.js';
import { ManualClock } from '../../src/engine/clock.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

test('an EXPRESS execution times out after 300 s even without TimeoutSeconds', async () => {
  const clock = new ManualClock();
  const durable = new MemoryStore();
  const engine = new Engine({
    store: durable, expressStore: new MemoryStore(), clock, region: 'us-east-1', account: '123456789012',
    tasks: { invoke: async () => ({ kind: 'pending' }) },
  });
  const arn = 'arn:aws:states:us-east-1:123456789012:express:slow:x:0b6e2f6e-1111-2222-3333-444455556666';
  await engine.startExecution({
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:slow', stateMachineName: 'slow', type: 'EXPRESS',
    definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }),
    roleArn: 'arn:aws:iam::123456789012:role/r', executionArn: arn, name: 'x', input: {}, inputText: '{}',
  });
  const done = engine.whenDone(arn);
  clock.advance(299_000);
  assert.equal((await engine.getExecution(arn))?.status, 'RUNNING');
  clock.advance(1_000);
  assert.equal((await done).status, 'TIMED_OUT');
  assert.equal(await durable.getExecution(arn), undefined, 'EXPRESS executions are not written to the durable store');
  await engine.close();
});
