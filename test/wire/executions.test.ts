// Executions over the wire: start (idempotent by name and input), sync
// starts, listing with filters and pages, history options, stop, redrive,
// and map runs of a Distributed Map.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStateMachineCommand, StartExecutionCommand, StartSyncExecutionCommand, DescribeExecutionCommand, ListExecutionsCommand,
  GetExecutionHistoryCommand, StopExecutionCommand, RedriveExecutionCommand, CreateActivityCommand, GetActivityTaskCommand,
  SendTaskFailureCommand, SendTaskSuccessCommand, ListMapRunsCommand, DescribeMapRunCommand, UpdateMapRunCommand,
} from '@aws-sdk/client-sfn';
import { awsError, finished, openWire, roleArn, type Wire } from './client.js';

let w: Wire;
before(async () => { w = await openWire(); });
after(() => w.close());

const waiting = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });

test('StartExecution: the same name and input answer again while running; otherwise ExecutionAlreadyExists', async () => {
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'ex-idem', definition: waiting, roleArn }));
  const a = await w.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run', input: '{"x":1}' }));
  const b = await w.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run', input: '{"x":1}' }));
  assert.equal(b.executionArn, a.executionArn);
  await assert.rejects(w.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run', input: '{"x":2}' })),
    awsError('ExecutionAlreadyExists', `Execution Already Exists: '${a.executionArn}'`));
  await assert.rejects(w.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{oops' })), awsError('InvalidExecutionInput'));
  await assert.rejects(w.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'no/slash' })), awsError('InvalidName'));
  await assert.rejects(w.sfn.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}-x` })), awsError('StateMachineDoesNotExist'));
  await assert.rejects(w.sfn.send(new StartSyncExecutionCommand({ stateMachineArn })), awsError('StateMachineTypeNotSupported'));
  const stop = await w.sfn.send(new StopExecutionCommand({ executionArn: a.executionArn, error: 'Manual', cause: 'enough' }));
  const d = await w.sfn.send(new DescribeExecutionCommand({ executionArn: a.executionArn }));
  assert.equal(d.status, 'ABORTED');
  assert.equal(d.stopDate!.getTime(), stop.stopDate!.getTime());
  assert.equal(d.redriveStatus, 'REDRIVABLE');
  await assert.rejects(w.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run', input: '{"x":1}' })), awsError('ExecutionAlreadyExists'));
});

test('StartSyncExecution runs an EXPRESS state machine and answers with its result', async () => {
  const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } } });
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'ex-sync', definition, roleArn, type: 'EXPRESS' }));
  const r = await w.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"a":2,"b":3}' }));
  assert.equal(r.status, 'SUCCEEDED');
  assert.equal(r.output, '{"sum":5}');
  assert.ok(r.billingDetails!.billedDurationInMilliseconds! >= 100);
  await assert.rejects(w.sfn.send(new ListExecutionsCommand({ stateMachineArn })), awsError('StateMachineTypeNotSupported'));
});

test('ListExecutions: status filter, pages, bad tokens; GetExecutionHistory without data and in reverse', async () => {
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'ex-list', definition: waiting, roleArn }));
  const arns: string[] = [];
  for (let i = 0; i < 5; i++) arns.push((await w.sfn.send(new StartExecutionCommand({ stateMachineArn, name: `e${i}`, input: '{"secret":1}' }))).executionArn!);
  await w.sfn.send(new StopExecutionCommand({ executionArn: arns[0] }));
  const seen: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await w.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 2, nextToken }));
    seen.push(...page.executions!.map((e) => e.name!));
    nextToken = page.nextToken;
  } while (nextToken);
  assert.deepEqual(seen.sort(), ['e1', 'e2', 'e3', 'e4']);
  const aborted = await w.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
  assert.deepEqual(aborted.executions!.map((e) => e.name), ['e0']);
  await assert.rejects(w.sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken: 'bad' })), awsError('InvalidToken'));
  await assert.rejects(w.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'DONE' as any })), awsError('ValidationException'));
  await assert.rejects(w.sfn.send(new ListExecutionsCommand({})), awsError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN'));
  await assert.rejects(w.sfn.send(new ListExecutionsCommand({ stateMachineArn: 'invalid_state_machine_arn' })), awsError('InvalidArn'));

  const bare = await w.sfn.send(new GetExecutionHistoryCommand({ executionArn: arns[0], includeExecutionData: false }));
  assert.equal(bare.events![0]!.executionStartedEventDetails!.input, undefined);
  const reversed = await w.sfn.send(new GetExecutionHistoryCommand({ executionArn: arns[0], reverseOrder: true, maxResults: 1 }));
  assert.equal(reversed.events![0]!.type, 'ExecutionAborted');
  assert.ok(reversed.nextToken);
  await assert.rejects(w.sfn.send(new GetExecutionHistoryCommand({ executionArn: 'invalid_state_machine_arn' })), awsError('InvalidArn'));
  for (const a of arns.slice(1)) await w.sfn.send(new StopExecutionCommand({ executionArn: a }));
});

test('RedriveExecution continues a failed execution from the state that failed', async () => {
  const { activityArn } = await w.sfn.send(new CreateActivityCommand({ name: 'redrive-worker' }));
  const definition = JSON.stringify({
    StartAt: 'Prepare', States: {
      Prepare: { Type: 'Pass', Result: { step: 'prepared' }, Next: 'Work' },
      Work: { Type: 'Task', Resource: activityArn, End: true },
    },
  });
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'ex-redrive', definition, roleArn }));
  const { executionArn } = await w.sfn.send(new StartExecutionCommand({ stateMachineArn }));
  await assert.rejects(w.sfn.send(new RedriveExecutionCommand({ executionArn })), awsError('ExecutionNotRedrivable', 'Execution is RUNNING and cannot be redriven'));
  const first = await w.sfn.send(new GetActivityTaskCommand({ activityArn }));
  await w.sfn.send(new SendTaskFailureCommand({ taskToken: first.taskToken, error: 'Flaky' }));
  assert.equal((await w.sfn.send(new DescribeExecutionCommand({ executionArn }))).status, 'FAILED');

  const { redriveDate } = await w.sfn.send(new RedriveExecutionCommand({ executionArn }));
  const second = await w.sfn.send(new GetActivityTaskCommand({ activityArn }));
  assert.equal(second.input, '{"step":"prepared"}');
  await w.sfn.send(new SendTaskSuccessCommand({ taskToken: second.taskToken, output: '{"done":true}' }));
  const d = await finished(w, executionArn!);
  assert.equal(d.status, 'SUCCEEDED');
  assert.equal(d.output, '{"done":true}');
  assert.equal(d.redriveCount, 1);
  assert.equal(d.redriveDate!.getTime(), redriveDate!.getTime());
  assert.equal(d.redriveStatus, 'NOT_REDRIVABLE');
  const { events } = await w.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  const types = events!.map((e) => e.type);
  assert.deepEqual(types.slice(types.indexOf('ExecutionFailed')), [
    'ExecutionFailed', 'ExecutionRedriven', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded',
  ]);
  const redriven = events!.find((e) => e.type === 'ExecutionRedriven')!;
  assert.deepEqual(redriven.executionRedrivenEventDetails, { redriveCount: 1 });
  const redrivenOnly = await w.sfn.send(new ListExecutionsCommand({ stateMachineArn, redriveFilter: 'REDRIVEN' }));
  assert.deepEqual(redrivenOnly.executions!.map((e) => e.executionArn), [executionArn]);
  await assert.rejects(w.sfn.send(new RedriveExecutionCommand({ executionArn })), awsError('ExecutionNotRedrivable', 'Execution is SUCCEEDED and cannot be redriven'));
  await assert.rejects(w.sfn.send(new RedriveExecutionCommand({ executionArn: `${executionArn}-none` })), awsError('ExecutionDoesNotExist'));
});

test('map runs of a Distributed Map: list, describe, update; its ARN lists no child executions here', async () => {
  const definition = JSON.stringify({
    StartAt: 'Fan', States: {
      Fan: {
        Type: 'Map', Label: 'fan', MaxConcurrency: 5, ToleratedFailureCount: 1, ItemsPath: '$.items',
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  });
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'ex-maprun', definition, roleArn }));
  const { executionArn } = await w.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"items":[1,2,3]}' }));
  assert.equal((await finished(w, executionArn!)).status, 'SUCCEEDED');
  const { mapRuns } = await w.sfn.send(new ListMapRunsCommand({ executionArn }));
  assert.equal(mapRuns!.length, 1);
  const mapRunArn = mapRuns![0]!.mapRunArn!;
  assert.match(mapRunArn, /^arn:aws:states:us-east-1:123456789012:mapRun:ex-maprun\/fan:[0-9a-f-]+$/);
  assert.equal(mapRuns![0]!.executionArn, executionArn);
  const run = await w.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
  assert.equal(run.status, 'SUCCEEDED');
  assert.equal(run.maxConcurrency, 5);
  assert.equal(run.toleratedFailureCount, 1);
  assert.equal(run.itemCounts!.total, 3);
  assert.equal(run.itemCounts!.succeeded, 3);
  await w.sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 2 }));
  assert.equal((await w.sfn.send(new DescribeMapRunCommand({ mapRunArn }))).maxConcurrency, 2);
  assert.deepEqual((await w.sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions, []);
  await assert.rejects(w.sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailurePercentage: 101 })), awsError('ValidationException'));
  const unknown = mapRunArn.replace(/:[0-9a-f-]+$/, ':00000000-0000-0000-0000-000000000000');
  await assert.rejects(w.sfn.send(new DescribeMapRunCommand({ mapRunArn: unknown })), awsError('ResourceNotFound'));
  await assert.rejects(w.sfn.send(new DescribeMapRunCommand({ mapRunArn: executionArn })), awsError('InvalidArn'));
});
