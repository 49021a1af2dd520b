// Activities over the wire: the README's worker example, long polling,
// heartbeats and timeouts (on a manual clock), task tokens and the errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  SFNClient, CreateActivityCommand, DescribeActivityCommand, ListActivitiesCommand, DeleteActivityCommand, GetActivityTaskCommand,
  CreateStateMachineCommand, StartExecutionCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand,
  SendTaskSuccessCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand, StopExecutionCommand, ListStateMachinesCommand,
} from '@aws-sdk/client-sfn';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { ManualClock } from '../../src/engine/clock.js';

const roleArn = 'arn:aws:iam::123456789012:role/test';
let server: RunningServer;
let sfn: SFNClient;
const clock = new ManualClock();
let timed: RunningServer;
let timedSfn: SFNClient;

const client = (url: string): SFNClient =>
  new SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });

before(async () => {
  server = await startServer({ port: 0, store: 'memory' });
  sfn = client(server.url);
  timed = await startServer({ port: 0, store: 'memory', clock });
  timedSfn = client(timed.url);
});
after(async () => { sfn.destroy(); timedSfn.destroy(); await server.close(); await timed.close(); });

/** Waits (without time passing) until the server has done what a request in flight asked. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

test('the README activity worker example serves a task end to end', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Activity workers'));
  const code = /```js\n([\s\S]*?)```/.exec(section)![1]!
    .replace('http://127.0.0.1:8083', server.url)
    .replace("from '@aws-sdk/client-sfn'", `from '${import.meta.resolve('@aws-sdk/client-sfn')}'`);
  const file = join(mkdtempSync(join(tmpdir(), 'switchyard-readme-')), 'worker.mjs');
  writeFileSync(file, code);
  const logged: unknown[][] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => { logged.push(args); };
  try { await import(file); } finally { console.log = log; }
  assert.deepEqual(logged, [['SUCCEEDED', '{"greeting":"Hello, world!"}']]);

  const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
  const sm = stateMachines!.find((s) => s.name === 'greet-by-worker')!;
  const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: sm.stateMachineArn }));
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executions![0]!.executionArn }));
  assert.deepEqual(events!.map((e) => e.type), [
    'ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded',
  ]);
  assert.deepEqual(events![2]!.activityScheduledEventDetails, {
    resource: `arn:aws:states:us-east-1:123456789012:activity:greeter`, input: '{"name":"world"}', inputDetails: { truncated: false }, heartbeatInSeconds: 60,
  });
  assert.deepEqual(events![3]!.activityStartedEventDetails, { workerName: 'worker-1' });
});

test('activities: create is idempotent by name, describe, list, delete; the AWS errors', async () => {
  const a = await sfn.send(new CreateActivityCommand({ name: 'resize', tags: [{ key: 'team', value: 'media' }] }));
  const again = await sfn.send(new CreateActivityCommand({ name: 'resize' }));
  assert.equal(again.activityArn, a.activityArn);
  assert.equal(again.creationDate!.getTime(), a.creationDate!.getTime());
  const d = await sfn.send(new DescribeActivityCommand({ activityArn: a.activityArn }));
  assert.equal(d.name, 'resize');
  assert.deepEqual(d.encryptionConfiguration, { type: 'AWS_OWNED_KEY' });
  const { activities } = await sfn.send(new ListActivitiesCommand({}));
  assert.ok(activities!.some((x) => x.activityArn === a.activityArn));
  await sfn.send(new DeleteActivityCommand({ activityArn: a.activityArn }));
  await sfn.send(new DeleteActivityCommand({ activityArn: a.activityArn }));
  await assert.rejects(sfn.send(new DescribeActivityCommand({ activityArn: a.activityArn })),
    (e: any) => e.name === 'ActivityDoesNotExist' && e.message === `Activity Does Not Exist: '${a.activityArn}'` && e.$metadata.httpStatusCode === 400);
  await assert.rejects(sfn.send(new DescribeActivityCommand({ activityArn: 'no_an_activity_arn' })),
    (e: any) => e.name === 'InvalidArn' && e.message === "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'");
  await assert.rejects(sfn.send(new GetActivityTaskCommand({ activityArn: a.activityArn })), (e: any) => e.name === 'ActivityDoesNotExist');
  await assert.rejects(sfn.send(new CreateActivityCommand({ name: 'bad/name' })), (e: any) => e.name === 'InvalidName' && e.message === "Invalid Name: 'bad/name'");
});

test('task tokens: an unknown token is InvalidToken, a finished task TaskTimedOut', async () => {
  await assert.rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    (e: any) => e.name === 'InvalidToken' && e.message === "Invalid Token: 'Invalid token'");
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'stopped-worker' }));
  const definition = JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, End: true } } });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'wire-activity-stop', definition, roleArn }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  await sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
  await assert.rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{not json' })), (e: any) => e.name === 'InvalidOutput');
  await sfn.send(new StopExecutionCommand({ executionArn }));
  for (const send of [
    () => sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' })),
    () => sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'E' })),
    () => sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })),
  ]) {
    await assert.rejects(send(), (e: any) => e.name === 'TaskTimedOut' && e.message === "Task Timed Out: 'Provided task does not exist anymore'");
  }
});

test('SendTaskFailure fails the activity with the worker\'s error', async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'failing-worker' }));
  const definition = JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, End: true } } });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'wire-activity-fail', definition, roleArn }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  assert.equal(task.input, '{"n":1}');
  await sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'Overloaded', cause: 'try later' }));
  const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(d.status, 'FAILED');
  assert.equal(d.error, 'Overloaded');
  assert.equal(d.cause, 'try later');
});

test('GetActivityTask long-polls: a waiting worker gets the task when it is scheduled, an idle one nothing after 60 s', async () => {
  const { activityArn } = await timedSfn.send(new CreateActivityCommand({ name: 'long-poll' }));
  const activities = timed.engine.activities;
  const idle = timedSfn.send(new GetActivityTaskCommand({ activityArn }));
  await until(() => activities.waiting(activityArn!) === 1);
  clock.advance(59_999);
  assert.equal(activities.waiting(activityArn!), 1, 'the poll is still open before 60 s');
  clock.advance(1);
  assert.equal(activities.waiting(activityArn!), 0);
  assert.equal((await idle).taskToken, undefined);

  const waiting = timedSfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'early' }));
  await until(() => activities.waiting(activityArn!) === 1);
  const definition = JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, End: true } } });
  const { stateMachineArn } = await timedSfn.send(new CreateStateMachineCommand({ name: 'wire-long-poll', definition, roleArn }));
  const { executionArn } = await timedSfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"a":1}' }));
  const task = await waiting;
  assert.equal(task.input, '{"a":1}');
  await timedSfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"ok":true}' }));
  const d = await timedSfn.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(d.status, 'SUCCEEDED');
  assert.equal(d.output, '{"ok":true}');
});

test('a worker that hangs up stops polling; the task goes to the next worker', async () => {
  const { activityArn } = await timedSfn.send(new CreateActivityCommand({ name: 'hang-up' }));
  const activities = timed.engine.activities;
  const abort = new AbortController();
  const gone = timedSfn.send(new GetActivityTaskCommand({ activityArn }), { abortSignal: abort.signal });
  await until(() => activities.waiting(activityArn!) === 1);
  abort.abort();
  await assert.rejects(gone);
  await until(() => activities.waiting(activityArn!) === 0);
  const definition = JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, End: true } } });
  const { stateMachineArn } = await timedSfn.send(new CreateStateMachineCommand({ name: 'wire-hang-up', definition, roleArn }));
  await timedSfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"b":2}' }));
  assert.equal(activities.pending(activityArn!), 1);
  assert.equal((await timedSfn.send(new GetActivityTaskCommand({ activityArn }))).input, '{"b":2}');
});

test('heartbeats keep an activity alive; a missed heartbeat times it out', async () => {
  const { activityArn } = await timedSfn.send(new CreateActivityCommand({ name: 'heartbeat' }));
  const definition = JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, HeartbeatSeconds: 10, End: true } } });
  const { stateMachineArn } = await timedSfn.send(new CreateStateMachineCommand({ name: 'wire-heartbeat', definition, roleArn }));
  const { executionArn, startDate } = await timedSfn.send(new StartExecutionCommand({ stateMachineArn }));
  const task = await timedSfn.send(new GetActivityTaskCommand({ activityArn }));
  clock.advance(8_000);
  await timedSfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
  clock.advance(20_000);
  await timed.engine.whenDone(executionArn!);
  const d = await timedSfn.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(d.status, 'FAILED');
  assert.equal(d.error, 'States.HeartbeatTimeout');
  await assert.rejects(timedSfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' })), (e: any) => e.name === 'TaskTimedOut');
  const { events } = await timedSfn.send(new GetExecutionHistoryCommand({ executionArn }));
  const timedOut = events!.find((e) => e.type === 'ActivityTimedOut')!;
  // the heartbeat at 8 s moved the deadline from 10 s to 18 s
  assert.equal(timedOut.timestamp!.getTime() - startDate!.getTime(), 18_000);
});
