// Executions are kept for the retention age after they stop, then deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine/engine.js';
import { ManualClock } from '../../src/engine/clock.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

const DAY = 24 * 3600 * 1000;

test('finished executions are deleted once older than the retention age; running ones stay', async () => {
  const clock = new ManualClock();
  const engine = new Engine({
    store: new MemoryStore(), expressStore: new MemoryStore(), clock, region: 'us-east-1', account: '123456789012',
    tasks: { invoke: async () => ({ kind: 'pending' }) }, retentionMs: 2 * DAY,
  });
  const base = { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', stateMachineName: 'm', type: 'STANDARD' as const,
    roleArn: 'arn:aws:iam::123456789012:role/r', input: {}, inputText: '{}' };
  const quick = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
  const slow = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10 * 24 * 3600, End: true } } });
  await engine.startExecution({ ...base, definition: quick, executionArn: `${base.stateMachineArn.replace('stateMachine', 'execution')}:done`, name: 'done' });
  await engine.startExecution({ ...base, definition: slow, executionArn: `${base.stateMachineArn.replace('stateMachine', 'execution')}:waiting`, name: 'waiting' });
  assert.equal(await engine.sweepRetention(), 0);
  clock.advance(DAY);
  assert.equal(await engine.sweepRetention(), 0);
  // LLM token usage recorded for the finished execution goes with it
  const done = 'arn:aws:states:us-east-1:123456789012:execution:m:done';
  engine.recordUsage(done, 'P', { modelId: 'm1', inputTokens: 3, outputTokens: 1 });
  assert.equal((await engine.tokenUsage(done)).length, 1);
  clock.advance(1.5 * DAY);
  assert.equal(await engine.sweepRetention(), 1);
  assert.deepEqual(await engine.tokenUsage(done), []);
  assert.equal(await engine.getExecution('arn:aws:states:us-east-1:123456789012:execution:m:done'), undefined);
  assert.equal((await engine.getExecution('arn:aws:states:us-east-1:123456789012:execution:m:waiting'))?.status, 'RUNNING');
  await engine.close();
});
