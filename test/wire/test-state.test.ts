// TestState over the wire: inspection levels, mocked results and errors,
// retries and catchers with stateConfiguration, a state of a whole definition,
// a real Lambda call, and the validation errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestStateCommand } from '@aws-sdk/client-sfn';
import { awsError, openWire, roleArn, type Wire } from './client.js';

let w: Wire;
before(async () => { w = await openWire({ functionsDir: 'test/fixtures/functions' }); });
after(() => w.close());

const json = (v: unknown): string => JSON.stringify(v);

test('a Pass state at INFO, DEBUG and TRACE', async () => {
  const definition = json({ Type: 'Pass', InputPath: '$.data', Parameters: { 'v.$': '$.x' }, ResultPath: '$.out', Next: 'After' });
  const input = json({ data: { x: 1 } });
  const info = await w.sfn.send(new TestStateCommand({ definition, roleArn, input }));
  assert.deepEqual({ status: info.status, output: info.output, nextState: info.nextState, inspectionData: info.inspectionData },
    { status: 'SUCCEEDED', output: '{"data":{"x":1},"out":{"v":1}}', nextState: 'After', inspectionData: undefined });
  const debug = await w.sfn.send(new TestStateCommand({ definition, roleArn, input, inspectionLevel: 'DEBUG' }));
  assert.deepEqual(debug.inspectionData, {
    input, afterInputPath: '{"x":1}', afterParameters: '{"v":1}', afterResultSelector: '{"v":1}', afterResultPath: '{"data":{"x":1},"out":{"v":1}}',
  });
  const trace = await w.sfn.send(new TestStateCommand({ definition, roleArn, input, inspectionLevel: 'TRACE' }));
  assert.deepEqual(trace.inspectionData, debug.inspectionData);
});

test('a Task with a mocked error: a retrier answers RETRIABLE with its back-off, exhausted it falls to a catcher', async () => {
  const definition = json({
    Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'f' }, QueryLanguage: 'JSONata',
    Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 3 }],
    Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Recover' }],
    End: true,
  });
  const mock = { errorOutput: { error: 'Boom', cause: 'it broke' } };
  const retriable = await w.sfn.send(new TestStateCommand({ definition, roleArn, mock, inspectionLevel: 'DEBUG', stateConfiguration: { retrierRetryCount: 1 } }));
  assert.equal(retriable.status, 'RETRIABLE');
  assert.equal(retriable.error, 'Boom');
  assert.deepEqual(retriable.inspectionData!.errorDetails, { retryIndex: 0, retryBackoffIntervalSeconds: 6 });
  assert.equal(retriable.inspectionData!.afterArguments, '{"FunctionName":"f"}');
  const caught = await w.sfn.send(new TestStateCommand({ definition, roleArn, mock, inspectionLevel: 'DEBUG', stateConfiguration: { retrierRetryCount: 3 } }));
  assert.equal(caught.status, 'CAUGHT_ERROR');
  assert.equal(caught.nextState, 'Recover');
  assert.deepEqual(JSON.parse(caught.output!), { Error: 'Boom', Cause: 'it broke' });
  assert.deepEqual(caught.inspectionData!.errorDetails, { retryIndex: 0, catchIndex: 0 });
});

test('a mocked result; a Map and a Parallel run on their mock', async () => {
  const task = await w.sfn.send(new TestStateCommand({
    definition: json({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultSelector: { 'p.$': '$.Payload' }, End: true }),
    mock: { result: '{"Payload": {"ok": true}, "StatusCode": 200}' }, inspectionLevel: 'TRACE',
  }));
  assert.equal(task.status, 'SUCCEEDED');
  assert.equal(task.output, '{"p":{"ok":true}}');
  assert.equal(task.inspectionData!.result, '{"Payload": {"ok": true}, "StatusCode": 200}');
  const map = await w.sfn.send(new TestStateCommand({
    definition: json({ Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 2, ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, End: true }),
    input: '{"items": [1, 2]}', mock: { result: '[10, 20]' }, inspectionLevel: 'DEBUG',
  }));
  assert.equal(map.output, '[10, 20]');
  assert.equal(map.inspectionData!.afterItemsPath, '[1, 2]');
  assert.equal(map.inspectionData!.maxConcurrency, 2);
  await assert.rejects(w.sfn.send(new TestStateCommand({
    definition: json({ Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }], End: true }), mock: { result: '[1, 2]' },
  })), awsError('ValidationException', 'Mocked result must contain the same number of items as number of Parallel branches.'));
});

test('stateName picks a state of a whole definition, with variables', async () => {
  const definition = json({
    StartAt: 'A', QueryLanguage: 'JSONata',
    States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Output: '{% $greeting & ", " & $states.input.name %}', End: true } },
  });
  const r = await w.sfn.send(new TestStateCommand({ definition, stateName: 'B', input: '{"name":"Ada"}', variables: '{"greeting":"Hello"}', inspectionLevel: 'TRACE' }));
  assert.equal(r.output, '"Hello, Ada"');
  assert.deepEqual(JSON.parse(r.inspectionData!.variables!), { greeting: 'Hello' });
  await assert.rejects(w.sfn.send(new TestStateCommand({ definition, stateName: 'Z' })), awsError('ValidationException', 'State not found in definition'));
});

test('an unmocked Task calls the Lambda function; the request checks', async () => {
  const definition = json({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo', End: true });
  const r = await w.sfn.send(new TestStateCommand({ definition, roleArn, input: '{"a":1}' }));
  assert.equal(r.status, 'SUCCEEDED');
  assert.deepEqual(JSON.parse(r.output!), { echoed: { a: 1 } });
  await assert.rejects(w.sfn.send(new TestStateCommand({ definition })), awsError('ValidationException', 'RoleArn must be specified when testing a Task state'));
  await assert.rejects(w.sfn.send(new TestStateCommand({ definition: json({ Type: 'Pass', End: true }), mock: { result: '{}' } })),
    awsError('ValidationException', "State type 'Pass' is not supported when a mock is specified"));
  await assert.rejects(w.sfn.send(new TestStateCommand({ definition, mock: { result: 'not json' } })), awsError('ValidationException', 'Mocked result must be valid JSON'));
  await assert.rejects(w.sfn.send(new TestStateCommand({ definition: json({ Type: 'Nope', End: true }) })), awsError('InvalidDefinition'));
  await assert.rejects(w.sfn.send(new TestStateCommand({
    definition: json({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }), mock: { result: '{"StatusCode": "200"}' },
  })), awsError('ValidationException', "Mock result schema validation error: Field 'StatusCode' must be a number"));
});
