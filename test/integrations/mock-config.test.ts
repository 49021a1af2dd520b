// MockConfigFile in AWS Step Functions Local's format: the documented example
// (LambdaSQSIntegration with HappyPath, RetryPath and HybridPath) runs here
// unchanged, the test case chosen with `#TestCase` on the state machine ARN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { StartExecutionCommand, GetExecutionHistoryCommand, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { harness, fakeServer, types, type Harness } from './harness.js';
import { MockConfig, MockConfigError } from '../../src/integrations/index.js';

// "Configuration file for mocked service integrations", AWS Step Functions Developer Guide
const MOCK_CONFIG = {
  StateMachines: {
    LambdaSQSIntegration: {
      TestCases: {
        HappyPath: { LambdaState: 'MockedLambdaSuccess', SQSState: 'MockedSQSSuccess' },
        RetryPath: { LambdaState: 'MockedLambdaRetry', SQSState: 'MockedSQSSuccess' },
        HybridPath: { LambdaState: 'MockedLambdaSuccess' },
      },
    },
  },
  MockedResponses: {
    MockedLambdaSuccess: { 0: { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } } } },
    LambdaMockedResourceNotReady: { 0: { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } } },
    MockedSQSSuccess: { 0: { Return: { MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' } } },
    MockedLambdaRetry: {
      0: { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'Lambda resource is not ready.' } },
      '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'Lambda timed out.' } },
      3: { Return: { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } } },
    },
  },
};

// the state machine of the same guide page ("Using mocked service integrations")
const DEFINITION = {
  Comment: 'This state machine is called: LambdaSQSIntegration',
  StartAt: 'LambdaState',
  States: {
    LambdaState: {
      Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'Payload.$': '$', FunctionName: 'HelloWorldFunction' },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Next: 'SQSState',
    },
    SQSState: {
      Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/myQueue', 'MessageBody.$': '$' },
      End: true,
    },
  },
};

let h: Harness;
let sqs: Awaited<ReturnType<typeof fakeServer>>;
const sent: { target: string; body: any }[] = [];
let arn: string;

before(async () => {
  // a local SQS stand-in (AWS JSON 1.0, as SDK v3 speaks it) for the state the HybridPath does not mock
  sqs = await fakeServer((req, body, res) => {
    const r = JSON.parse(body);
    sent.push({ target: String(req.headers['x-amz-target']), body: r });
    res.setHeader('content-type', 'application/x-amz-json-1.0');
    res.end(JSON.stringify({ MD5OfMessageBody: createHash('md5').update(r.MessageBody).digest('hex'), MessageId: 'local-message-1' }));
  });
  const file = join(mkdtempSync(join(tmpdir(), 'switchyard-mock-')), 'MockConfigFile.json');
  writeFileSync(file, JSON.stringify(MOCK_CONFIG));
  h = await harness({ mockConfigFile: file, waitTimeScale: 0, integrations: { services: { sqs: { endpoint: sqs.url } } } });
  arn = await h.create('LambdaSQSIntegration', DEFINITION);
});
after(async () => { await h.close(); await sqs.close(); });

async function runCase(testCase: string, name: string) {
  const { executionArn } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#${testCase}`, name, input: '{"order":1}' }));
  assert.equal(executionArn, `${arn.replace(':stateMachine:', ':execution:')}:${name}`);
  await h.server.engine.whenDone(executionArn!);
  const describe = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
  const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return { describe, events: events! };
}

test('HappyPath: both task states answer with their mocked responses', async () => {
  const { describe, events } = await runCase('HappyPath', 'happy');
  assert.equal(describe.status, 'SUCCEEDED');
  assert.equal(describe.stateMachineArn, arn);
  assert.deepEqual(JSON.parse(describe.output!), MOCK_CONFIG.MockedResponses.MockedSQSSuccess[0].Return);
  const lambda = events.find((e) => e.type === 'TaskSucceeded')!;
  assert.deepEqual(JSON.parse(lambda.taskSucceededEventDetails!.output!), MOCK_CONFIG.MockedResponses.MockedLambdaSuccess[0].Return);
  assert.equal(sent.length, 0);
});

test('RetryPath: invocation 0 and 1-2 throw, 3 returns; the Retry runs through them', async () => {
  const { describe, events } = await runCase('RetryPath', 'retry');
  assert.equal(describe.status, 'SUCCEEDED');
  const failures = events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails!);
  assert.deepEqual(failures.map((f) => [f.error, f.cause]), [
    ['Lambda.ResourceNotReadyException', 'Lambda resource is not ready.'],
    ['Lambda.TimeoutException', 'Lambda timed out.'],
    ['Lambda.TimeoutException', 'Lambda timed out.'],
  ]);
  assert.equal(types(events).filter((t) => t === 'TaskScheduled').length, 5);
});

test('HybridPath: the unmocked state makes the real call (here to a local SQS endpoint)', async () => {
  const { describe } = await runCase('HybridPath', 'hybrid');
  assert.equal(describe.status, 'SUCCEEDED', describe.cause);
  const out = JSON.parse(describe.output!);
  assert.equal(out.MessageId, 'local-message-1');
  assert.equal(out.SdkHttpMetadata.HttpStatusCode, 200);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.target, 'AmazonSQS.SendMessage');
  // an object MessageBody is sent as its JSON text, as the optimized integration does
  assert.deepEqual(JSON.parse(sent[0]!.body.MessageBody), { StatusCode: 200, Payload: { StatusCode: 200, body: 'Hello from Lambda!' } });
});

test('an execution started without a test case is not mocked', async () => {
  const { describe, events } = await h.run(arn, {}, 'plain');
  assert.equal(describe.status, 'FAILED');
  assert.equal(events.find((e) => e.type === 'TaskFailed')!.taskFailedEventDetails!.error, 'Lambda.ResourceNotFoundException');
});

test('invalid mock configurations are refused with the reason', () => {
  assert.throws(() => new MockConfig({ MockedResponses: { R: { 1: { Return: 1 } } } }), MockConfigError);
  assert.throws(() => new MockConfig({ MockedResponses: { R: { 0: { Return: 1, Throw: { Error: 'E' } } } } }), /exactly one of Return or Throw/);
  assert.throws(() => new MockConfig({ StateMachines: { M: { TestCases: { T: { S: 'Missing' } } } } }), /names 'Missing'/);
});
