import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivityQueue, LONG_POLL_MS, activityTaskToken, resolveActivityTaskToken } from './activities.js';
import { ManualClock } from './clock.js';

const arn = 'arn:aws:states:us-east-1:123456789012:activity:a';
const task = (taskId: string) => ({ activityArn: arn, executionArn: 'arn:aws:states:us-east-1:123456789012:execution:m:e', taskId, input: '{}' });

test('tasks wait in order for workers; a cancelled task leaves the queue', async () => {
  const q = new ActivityQueue(() => new ManualClock());
  const cancel = new AbortController();
  q.schedule(task('k1'), new AbortController().signal);
  q.schedule(task('k2'), cancel.signal);
  q.schedule(task('k3'), new AbortController().signal);
  cancel.abort();
  assert.equal(q.pending(arn), 2);
  assert.equal((await q.poll(arn))?.taskId, 'k1');
  assert.equal((await q.poll(arn))?.taskId, 'k3');
});

test('a poll waits up to 60 s: a task scheduled meanwhile goes to it, else it ends empty', async () => {
  const clock = new ManualClock();
  const q = new ActivityQueue(() => clock);
  const first = q.poll(arn);
  clock.advance(30_000);
  q.schedule(task('k1'), new AbortController().signal);
  assert.equal((await first)?.taskId, 'k1');
  const second = q.poll(arn);
  clock.advance(LONG_POLL_MS - 1);
  assert.equal(q.waiting(arn), 1);
  clock.advance(1);
  assert.equal(await second, undefined);
  assert.equal(q.waiting(arn), 0);
});

test('a task token names its execution and task; other tokens are not ours', () => {
  const t = activityTaskToken('arn:x', 'k9');
  assert.deepEqual(resolveActivityTaskToken(t), { executionArn: 'arn:x', taskId: 'k9' });
  assert.equal(resolveActivityTaskToken('abc'), undefined);
  assert.equal(resolveActivityTaskToken('SYact1!!!'), undefined);
});
