// A task whose call was answered before the server was killed (its
// TaskSubmitted written) is not called again after the restart: a `.sync`
// nested execution is waited for, not started a second time; a
// `.waitForTaskToken` Lambda is not invoked again, and its token still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, freePort, historyOf, spawnServer, TEST_POSTGRES, testSchema, dropSchema } from './harness.js';

const ROLE = 'arn:aws:iam::123456789012:role/resume';

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const submitted = (port: number, arn: string) => until('TaskSubmitted', async () =>
  ((await historyOf(port, arn)) as { type: string }[]).some((e) => e.type === 'TaskSubmitted') ? true : undefined);

const ended = (port: number, arn: string) => until('the end of the execution', async () => {
  const d = await call(port, 'DescribeExecution', { executionArn: arn });
  return d.status === 'RUNNING' ? undefined : d;
});

/** a `.sync:2` parent whose child waits 50 s (1 s at the harness's --wait-time-scale 0.02), killed once TaskSubmitted is written */
async function nestedAcrossRestart(store: string, extra: string[]): Promise<void> {
  const port = await freePort();
  let s = await spawnServer(port, store, undefined, extra);
  try {
    const child = await call(port, 'CreateStateMachine', { name: 'child', roleArn: ROLE, definition: JSON.stringify({
      StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 50, Next: 'Done' }, Done: { Type: 'Pass', Result: { done: true }, End: true } },
    }) });
    const parent = await call(port, 'CreateStateMachine', { name: 'parent', roleArn: ROLE, definition: JSON.stringify({
      StartAt: 'Nested', States: { Nested: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2',
        Parameters: { StateMachineArn: child.stateMachineArn, Input: { n: 1 } }, OutputPath: '$.Output', End: true } },
    }) });
    const run = await call(port, 'StartExecution', { stateMachineArn: parent.stateMachineArn, input: '{}' });
    await submitted(port, run.executionArn);
    s.child.kill('SIGKILL');
    await s.exited;
    s = await spawnServer(port, store, undefined, extra);
    const d = await ended(port, run.executionArn);
    assert.equal(d.status, 'SUCCEEDED', JSON.stringify(d));
    assert.deepEqual(JSON.parse(d.output), { done: true });
    const children = await call(port, 'ListExecutions', { stateMachineArn: child.stateMachineArn });
    assert.equal(children.executions.length, 1, 'one child, started once');
    const types = ((await historyOf(port, run.executionArn)) as { type: string }[]).map((e) => e.type);
    assert.equal(types.filter((t) => t === 'TaskSubmitted').length, 1);
    assert.deepEqual(types.slice(-3), ['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  } finally {
    s.child.kill('SIGKILL');
  }
}

test('SQLite: a .sync nested execution started before a SIGKILL is waited for after the restart, not started again', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-resume-'));
  try {
    await nestedAcrossRestart(`sqlite:${join(dir, 'resume.db')}`, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: the same, the restarted worker taking the executions over once their leases lapse', { timeout: 60_000 }, async () => {
  const schema = testSchema('sy_resume');
  try {
    await nestedAcrossRestart(`${TEST_POSTGRES}?schema=${schema}`, ['--lease-ms', '1000']);
  } finally {
    await dropSchema(schema);
  }
});

test('a .waitForTaskToken Lambda answered before a SIGKILL is not invoked again; its token completes the task after the restart', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-resume-'));
  const store = `sqlite:${join(dir, 'resume.db')}`;
  const tally = join(dir, 'calls.txt');
  const port = await freePort();
  let s = await spawnServer(port, store);
  try {
    const m = await call(port, 'CreateStateMachine', { name: 'callback', roleArn: ROLE, definition: JSON.stringify({
      StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'tally', Payload: { 'token.$': '$$.Task.Token', file: tally } }, End: true } },
    }) });
    const run = await call(port, 'StartExecution', { stateMachineArn: m.stateMachineArn, input: '{}' });
    await submitted(port, run.executionArn);
    s.child.kill('SIGKILL');
    await s.exited;
    s = await spawnServer(port, store);
    // give a second call, if one were made, the time to land
    await new Promise((r) => setTimeout(r, 500));
    const calls = readFileSync(tally, 'utf8').trim().split('\n');
    assert.equal(calls.length, 1, 'the function was called once');
    await call(port, 'SendTaskSuccess', { taskToken: calls[0], output: JSON.stringify({ answer: 42 }) });
    const d = await ended(port, run.executionArn);
    assert.equal(d.status, 'SUCCEEDED', JSON.stringify(d));
    assert.deepEqual(JSON.parse(d.output), { answer: 42 });
  } finally {
    s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
