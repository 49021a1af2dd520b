// Nested workflows, callbacks through aws-sdk:sfn, the HTTP Task with a
// local connection, resource mapping and Lambda forwarding mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, fakeServer, types, type Harness } from './harness.js';

let h: Harness;
let api: Awaited<ReturnType<typeof fakeServer>>;
const requests: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
const CONNECTION = 'arn:aws:events:us-east-1:123456789012:connection/orders/0f1e';

before(async () => {
  api = await fakeServer((req, body, res) => {
    requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.headers.authorization !== `Basic ${Buffer.from('svc:s3cret').toString('base64')}`) { res.statusCode = 401; res.end('no'); return; }
    if (req.url!.startsWith('/missing')) { res.statusCode = 404; res.setHeader('content-type', 'application/json'); res.end('{"message":"not here"}'); return; }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, got: body }));
  });
  h = await harness({
    functionsDir: 'test/integrations/functions', waitTimeScale: 0,
    integrations: {
      resources: { '${EchoFunctionArn}': 'echo', 'arn:aws:lambda:*:*:function:MyStack-EchoFn*': 'echo' },
      connections: { [CONNECTION]: { AuthParameters: { BasicAuthParameters: { Username: 'svc', Password: 's3cret' },
        InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-tenant', Value: 't1' }] } } } },
    },
  });
});
after(async () => { await h.close(); await api.close(); });

test('startExecution.sync:2 returns the child as JSON; .sync as JSON text; a failed child is States.TaskFailed', async () => {
  const ok = await h.create('child-ok', { StartAt: 'P', States: { P: { Type: 'Pass', Result: { n: 1 }, End: true } } });
  const bad = await h.create('child-bad', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Nope', Cause: 'because' } } });
  const parent = (resource: string, child: string) => ({
    StartAt: 'Start',
    States: { Start: { Type: 'Task', Resource: resource, Parameters: { StateMachineArn: child, Input: { x: 1 }, 'Name.$': '$.name' }, End: true } },
  });
  const sync2 = await h.run(await h.create('parent-sync2', parent('arn:aws:states:::states:startExecution.sync:2', ok)), { name: 'c1' });
  assert.equal(sync2.describe.status, 'SUCCEEDED');
  const out2 = JSON.parse(sync2.describe.output!);
  assert.deepEqual([out2.Input, out2.Output, out2.Status, out2.Name], [{ x: 1 }, { n: 1 }, 'SUCCEEDED', 'c1']);
  assert.deepEqual(types(sync2.events).slice(2, 6), ['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded']);
  const sync1 = await h.run(await h.create('parent-sync', parent('arn:aws:states:::states:startExecution.sync', ok)), { name: 'c2' });
  const out1 = JSON.parse(sync1.describe.output!);
  assert.deepEqual([out1.Input, out1.Output], ['{"x":1}', '{"n":1}']);
  const failed = await h.run(await h.create('parent-fail', parent('arn:aws:states:::states:startExecution.sync', bad)), { name: 'c3' });
  assert.equal(failed.describe.error, 'States.TaskFailed');
  const cause = JSON.parse(failed.describe.cause!);
  assert.deepEqual([cause.Status, cause.Error, cause.Cause], ['FAILED', 'Nope', 'because']);
  const missing = await h.run(await h.create('parent-missing', parent('arn:aws:states:::states:startExecution', `${ok}-nope`)), { name: 'c4' });
  assert.equal(missing.describe.error, 'StepFunctions.StateMachineDoesNotExistException');
  assert.match(missing.describe.cause!, /^State Machine Does Not Exist: '.*-nope' \(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist;/);
});

test('.waitForTaskToken: the child answers its parent through aws-sdk:sfn:sendTaskSuccess on this server', async () => {
  const child = await h.create('callback-child', {
    StartAt: 'Reply',
    States: { Reply: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess', Parameters: { 'TaskToken.$': '$.token', Output: { done: true } }, End: true } },
  });
  const parent = await h.create('callback-parent', {
    StartAt: 'Wait',
    States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
      Parameters: { StateMachineArn: child, Input: { 'token.$': '$$.Task.Token' } }, End: true } },
  });
  const r = await h.run(parent);
  assert.equal(r.describe.status, 'SUCCEEDED', r.describe.cause);
  assert.deepEqual(JSON.parse(r.describe.output!), { done: true });
  const submitted = r.events.find((e) => e.type === 'TaskSubmitted')!.taskSubmittedEventDetails!;
  assert.match(JSON.parse(submitted.output!).ExecutionArn, /:execution:callback-child:/);
});

test('HTTP Task: connection auth, query, URL-encoded body; a 404 is States.Http.StatusCode.404', async () => {
  const arn = await h.create('http', {
    StartAt: 'Call',
    States: {
      Call: {
        Type: 'Task', Resource: 'arn:aws:states:::http:invoke',
        Parameters: {
          ApiEndpoint: `${api.url}/orders`, Method: 'POST', Authentication: { ConnectionArn: CONNECTION },
          Headers: { 'x-trace': 'abc' }, QueryParameters: { page: 2 }, RequestBody: { items: ['a', 'b'], id: 7 },
          Transform: { RequestBodyEncoding: 'URL_ENCODED', RequestEncodingOptions: { ArrayFormat: 'BRACKETS' } },
        },
        Next: 'Missing',
      },
      Missing: {
        Type: 'Task', Resource: 'arn:aws:states:::http:invoke', ResultPath: '$.second',
        Parameters: { ApiEndpoint: `${api.url}/missing`, Method: 'GET', Authentication: { ConnectionArn: CONNECTION } },
        Catch: [{ ErrorEquals: ['States.Http.StatusCode.404'], ResultPath: '$.error', Next: 'Done' }], End: true,
      },
      Done: { Type: 'Pass', End: true },
    },
  });
  const r = await h.run(arn);
  assert.equal(r.describe.status, 'SUCCEEDED', r.describe.cause);
  const out = JSON.parse(r.describe.output!);
  assert.equal(out.StatusCode, 200);
  assert.equal(out.StatusText, 'OK');
  assert.deepEqual(out.Headers['content-type'], ['application/json']);
  assert.equal(out.ResponseBody.got, 'items%5B%5D=a&items%5B%5D=b&id=7');
  assert.equal(out.error.Error, 'States.Http.StatusCode.404');
  assert.equal(JSON.parse(out.error.Cause).ResponseBody.message, 'not here');
  const first = requests.find((q) => q.url.startsWith('/orders'))!;
  assert.equal(first.url, '/orders?page=2');
  assert.equal(first.headers['x-tenant'], 't1');
  assert.equal(first.headers['x-trace'], 'abc');
  assert.equal(first.headers['content-type'], 'application/x-www-form-urlencoded');
  // the secret goes on the wire only, never into the history
  assert.ok(!JSON.stringify(r.events).includes('s3cret'));
});

test('resource mapping: ${Token} and CDK-style ARNs run the local function they map to', async () => {
  const arn = await h.create('mapped', {
    StartAt: 'Token',
    States: {
      Token: { Type: 'Task', Resource: '${EchoFunctionArn}', ResultPath: '$.a', Next: 'Cdk' },
      Cdk: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultSelector: { 'fn.$': '$.Payload.functionName' },
        Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:MyStack-EchoFn1234-ABCDEF', Payload: { v: 1 } }, ResultPath: '$.b', End: true },
    },
  });
  const r = await h.run(arn, { in: 1 });
  assert.equal(r.describe.status, 'SUCCEEDED', r.describe.cause);
  const out = JSON.parse(r.describe.output!);
  assert.deepEqual(out.a.event, { in: 1 });
  assert.equal(out.b.fn, 'echo');
});

test('forwarding mode: functions are invoked on a Lambda-compatible endpoint', async () => {
  const seen: string[] = [];
  const lambda = await fakeServer((req, body, res) => {
    seen.push(`${req.method} ${req.url} ${body}`);
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-amz-executed-version', '$LATEST');
    if (req.url!.includes('/functions/fails/')) {
      res.setHeader('x-amz-function-error', 'Unhandled');
      res.end(JSON.stringify({ errorMessage: 'bad', errorType: 'ValueError' }));
      return;
    }
    if (req.url!.includes('/functions/ghost/')) {
      res.statusCode = 404;
      res.setHeader('x-amzn-errortype', 'ResourceNotFoundException');
      res.end(JSON.stringify({ Type: 'User', message: 'Function not found: ghost' }));
      return;
    }
    res.end(JSON.stringify({ remote: JSON.parse(body) }));
  });
  const r2 = await harness({ lambdaEndpoint: lambda.url });
  try {
    const arn = await r2.create('remote', {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:works', Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'fails', 'Payload.$': '$' },
          Catch: [{ ErrorEquals: ['ValueError'], ResultPath: '$.err', Next: 'C' }], End: true },
        C: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'ghost' }, End: true },
      },
    });
    const r = await r2.run(arn, { k: 1 });
    assert.equal(r.describe.status, 'FAILED');
    assert.equal(r.describe.error, 'Lambda.ResourceNotFoundException');
    assert.match(r.describe.cause!, /Function not found: ghost \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;/);
    const caught = r.events.find((e) => e.type === 'TaskFailed')!.taskFailedEventDetails!;
    assert.deepEqual([caught.error, JSON.parse(caught.cause!).errorMessage], ['ValueError', 'bad']);
    assert.match(seen[0]!, /^POST \/2015-03-31\/functions\/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aworks\/invocations {"k":1}$/);
  } finally { await r2.close(); await lambda.close(); }
});
