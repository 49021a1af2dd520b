// Drives the server with the official AWS SDK client, over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SFNClient, CreateStateMachineCommand, StartExecutionCommand, DescribeExecutionCommand, GetExecutionHistoryCommand,
  DescribeStateMachineCommand, ListStateMachinesCommand, StopExecutionCommand, ListExecutionsCommand,
  DeleteStateMachineCommand, StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startServer, type RunningServer } from '../../src/server/server.js';

let server: RunningServer;
let sfn: SFNClient;
const roleArn = 'arn:aws:iam::123456789012:role/test';

before(async () => {
  server = await startServer({ port: 0, functionsDir: 'test/fixtures/functions', store: 'memory' });
  // disableHostPrefix: StartSyncExecution would otherwise go to sync-<host>
  sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
});
after(async () => { sfn.destroy(); await server.close(); });

async function finished(executionArn: string) {
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    await server.engine.whenDone(executionArn);
  }
}

test('create, start, describe and read the history of an execution', async () => {
  const definition = JSON.stringify({
    StartAt: 'Hello',
    States: {
      Hello: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)" }, Next: 'Echo' },
      Echo: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo', End: true },
    },
  });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'wire-hello', definition, roleArn }));
  assert.match(stateMachineArn!, /^arn:aws:states:us-east-1:\d{12}:stateMachine:wire-hello$/);
  const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  assert.equal(described.definition, definition);
  assert.equal(described.type, 'STANDARD');
  const list = await sfn.send(new ListStateMachinesCommand({}));
  assert.ok(list.stateMachines!.some((s) => s.stateMachineArn === stateMachineArn));

  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"name":"world"}' }));
  const done = await finished(executionArn!);
  assert.equal(done.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(done.output!), { echoed: { greeting: 'Hello, world!' } });
  assert.ok(done.startDate instanceof Date && done.stopDate instanceof Date);

  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  assert.deepEqual(events!.map((e) => e.type), [
    'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'TaskStateEntered', 'LambdaFunctionScheduled',
    'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
  ]);
  assert.deepEqual(events!.map((e) => e.id), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // AWS chains the first state's entered event to 0, not to ExecutionStarted
  assert.deepEqual(events!.map((e) => e.previousEventId), [0, 0, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(events![0]!.executionStartedEventDetails!.input, '{"name":"world"}');

  const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 4 }));
  assert.deepEqual(reversed.events!.map((e) => e.id), [9, 8, 7, 6]);
  const rest = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 4, nextToken: reversed.nextToken }));
  assert.deepEqual(rest.events!.map((e) => e.id), [5, 4, 3, 2]);

  const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
  assert.deepEqual(executions.executions!.map((e) => e.name), ['run-1']);
});

test('a failing Lambda handler fails the execution with its error type', async () => {
  const definition = JSON.stringify({ StartAt: 'Boom', States: { Boom: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:boom', End: true } } });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'wire-boom', definition, roleArn }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
  const done = await finished(executionArn!);
  assert.equal(done.status, 'FAILED');
  assert.equal(done.error, 'BoomError');
  assert.deepEqual(JSON.parse(done.cause!), { errorMessage: 'it broke', errorType: 'BoomError' });
});

test('StopExecution aborts a waiting execution', async () => {
  const definition = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'wire-wait', definition, roleArn }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
  assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status, 'RUNNING');
  await sfn.send(new StopExecutionCommand({ executionArn, error: 'Manual', cause: 'test' }));
  const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(d.status, 'ABORTED');
  assert.equal(d.error, 'Manual');
});

test('StartSyncExecution runs an EXPRESS state machine to completion', async () => {
  const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: 1 }, End: true } } });
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'wire-express', definition, roleArn, type: 'EXPRESS' }));
  const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{}' }));
  assert.equal(r.status, 'SUCCEEDED');
  assert.equal(r.output, '{"ok":1}');
});

test('error paths answer as AWS does', async () => {
  await assert.rejects(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope' })),
    (e: any) => e.name === 'StateMachineDoesNotExist' && e.$metadata.httpStatusCode === 400);
  await assert.rejects(sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:nope:x' })),
    (e: any) => e.name === 'ExecutionDoesNotExist');
  await assert.rejects(sfn.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' })), (e: any) => e.name === 'InvalidArn');
  await assert.rejects(sfn.send(new CreateStateMachineCommand({ name: 'bad name!', definition: '{}', roleArn })), (e: any) => e.name === 'InvalidName');
  const badNext = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
  await assert.rejects(sfn.send(new CreateStateMachineCommand({ name: 'bad-next', definition: badNext, roleArn })),
    (e: any) => e.name === 'InvalidDefinition' && /Nowhere/.test(e.message) && /\/States\/A\/Next/.test(e.message));
  const noStart = JSON.stringify({ States: { A: { Type: 'Pass', End: true } } });
  await assert.rejects(sfn.send(new CreateStateMachineCommand({ name: 'no-start', definition: noStart, roleArn })),
    (e: any) => e.name === 'InvalidDefinition' && /StartAt/.test(e.message));
  const badPath = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: '$.a[', End: true } } });
  await assert.rejects(sfn.send(new CreateStateMachineCommand({ name: 'bad-path', definition: badPath, roleArn })),
    (e: any) => e.name === 'InvalidDefinition' && /InputPath/.test(e.message) && /\/States\/A/.test(e.message));
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'wire-dup', definition: badNext.replace('"Next":"Nowhere"', '"End":true'), roleArn }));
  await assert.rejects(sfn.send(new CreateStateMachineCommand({ name: 'wire-dup', definition: JSON.stringify({ StartAt: 'B', States: { B: { Type: 'Succeed' } } }), roleArn })),
    (e: any) => e.name === 'StateMachineAlreadyExists');
  await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{not json' })), (e: any) => e.name === 'InvalidExecutionInput');
  await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  await assert.rejects(sfn.send(new DescribeStateMachineCommand({ stateMachineArn })), (e: any) => e.name === 'StateMachineDoesNotExist');
});
