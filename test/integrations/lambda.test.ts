// Local Lambda handlers run in isolated execution environments: a hanging
// or crashing handler never stalls the server, timeouts are enforced, and
// the handler contract of shared/conformance/README.md ("Lambda") holds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFunctions } from '../../src/integrations/lambda/local-functions.js';
import { invokeFunctionArn, invokeLambdaInvoke } from '../../src/integrations/lambda/lambda-task.js';
import { cancellationOf, type LambdaResult } from '../../src/integrations/lambda/backend.js';
import { harness, types } from './harness.js';

const dir = 'test/integrations/functions';
const fns = new LocalFunctions({ dir, region: 'us-east-1', account: '123456789012', concurrency: 2 });
after(() => fns.close());

test('a returned value is the JSON result; context names the function', async () => {
  const r = await fns.invoke({ functionRef: 'arn:aws:lambda:us-east-1:123456789012:function:echo:live', payload: '{"a":1}' });
  assert.equal(r.kind, 'payload');
  assert.deepEqual(JSON.parse((r as { payload: string }).payload), {
    event: { a: 1 }, functionName: 'echo', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
  });
});

test('a returned Buffer is the raw payload; LogType Tail returns the log tail', async () => {
  const r = await fns.invoke({ functionRef: 'bytes', payload: '{"x":true}', logType: 'Tail' });
  assert.equal(r.kind, 'payload');
  if (r.kind !== 'payload') return;
  assert.equal(r.payload, 'not json at all');
  const log = Buffer.from(r.logResult!, 'base64').toString('utf8');
  assert.match(log, new RegExp(`^START RequestId: ${r.requestId} Version: \\$LATEST\\n`));
  assert.match(log, /bytes handler called with {"x":true}/);
  assert.match(log, /REPORT RequestId: .*Duration: /);
});

test('lambdaErrorPayload is the error payload verbatim', async () => {
  const r = await fns.invoke({ functionRef: 'custom-error', payload: '{}' });
  assert.equal(r.kind, 'functionError');
  if (r.kind !== 'functionError') return;
  assert.equal(r.errorType, 'CustomException');
  assert.equal(r.payload, JSON.stringify({ errorType: 'CustomException', errorMessage: 'custom', requestId: r.requestId, stackTrace: [] }));
});

test('a payload is parsed to check it only when it is text given by the state (a JSON value is sent as JSON.stringify wrote it)', async () => {
  const limits = { cancel: cancellationOf(new AbortController().signal) };
  const bad = await invokeLambdaInvoke(fns, { FunctionName: 'echo', Payload: '{"unterminated": ' }, limits);
  assert.equal(bad.kind === 'failure' && bad.error, 'Lambda.InvalidRequestContentException');
  const text = await invokeLambdaInvoke(fns, { FunctionName: 'echo', Payload: '{"a": [1, 2]}' }, limits);
  assert.deepEqual(text.kind === 'success' && (text.output as { Payload: { event: unknown } }).Payload.event, { a: [1, 2] });
  const value = await invokeLambdaInvoke(fns, { FunctionName: 'echo', Payload: { s: '{"not": "parsed"' } }, limits);
  assert.deepEqual(value.kind === 'success' && (value.output as { Payload: { event: unknown } }).Payload.event, { s: '{"not": "parsed"' });
  const arn = await invokeFunctionArn(fns, 'arn:aws:lambda:us-east-1:123456789012:function:echo', [null, 'x'], limits);
  assert.deepEqual(arn.kind === 'success' && (arn.output as { event: unknown }).event, [null, 'x']);
});

test('InvocationType Event answers 202 at once and runs the handler on its own; DryRun answers 204 and runs nothing', async () => {
  const limits = { cancel: cancellationOf(new AbortController().signal) };
  const local = new LocalFunctions({ dir, region: 'us-east-1', account: '123456789012', concurrency: 1 });
  try {
    const dry = await invokeLambdaInvoke(local, { FunctionName: 'echo', Payload: { a: 1 }, InvocationType: 'DryRun' }, limits);
    assert.equal(dry.kind === 'success' && (dry.output as { StatusCode: number }).StatusCode, 204);
    assert.equal(local.environments.coldStarts, 0);
    const ev = await invokeLambdaInvoke(local, { FunctionName: 'slow', Payload: { ms: 100 }, InvocationType: 'Event' }, limits);
    assert.deepEqual(ev.kind === 'success' && [(ev.output as { StatusCode: number }).StatusCode, (ev.output as { Payload: unknown }).Payload], [202, '']);
    // calls are dispatched at the end of the event loop's turn
    await new Promise((r) => setImmediate(r));
    assert.equal(local.environments.coldStarts, 1);
  } finally { local.close(); }
});

test('a TypeScript handler runs', async () => {
  const r = await fns.invoke({ functionRef: 'typed', payload: '{"n":21}' });
  assert.deepEqual(r.kind === 'payload' && JSON.parse(r.payload), { doubled: 42 });
});

test('a missing function and a payload that is not JSON are Lambda service errors', async () => {
  const missing = await fns.invoke({ functionRef: 'nope', payload: '{}' });
  assert.equal(missing.kind === 'serviceError' && missing.error, 'Lambda.ResourceNotFoundException');
  assert.match(missing.kind === 'serviceError' ? missing.cause : '', /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:\$LATEST \(Service: AWSLambda; Status Code: 404;/);
  const bad = await fns.invoke({ functionRef: 'echo', payload: 'abc' });
  assert.equal(bad.kind === 'serviceError' && bad.error, 'Lambda.InvalidRequestContentException');
});

test('a handler file added while the server runs is found at its first call', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'switchyard-fns-'));
  const local = new LocalFunctions({ dir: tmp, region: 'us-east-1', account: '123456789012' });
  try {
    assert.equal((await local.invoke({ functionRef: 'late', payload: '{}' })).kind, 'serviceError');
    writeFileSync(join(tmp, 'late.mjs'), 'export const handler = (e) => ({ late: e });\n');
    const r = await local.invoke({ functionRef: 'late', payload: '1' });
    assert.deepEqual(r.kind === 'payload' && JSON.parse(r.payload), { late: 1 });
  } finally { local.close(); rmSync(tmp, { recursive: true, force: true }); }
});

test('a crashing handler ends its environment only: Runtime.ExitError, and the next call gets a fresh one', async () => {
  const r = await fns.invoke({ functionRef: 'crash', payload: '{}' });
  assert.equal(r.kind === 'functionError' && r.errorType, 'Runtime.ExitError');
  assert.match(r.kind === 'functionError' ? r.payload : '', /Runtime exited with error: exit status 3/);
  const again = await fns.invoke({ functionRef: 'echo', payload: '1' });
  assert.equal(again.kind, 'payload');
});

test('the function timeout ends a hanging handler with Sandbox.Timedout', async () => {
  const short = new LocalFunctions({ dir, region: 'us-east-1', account: '123456789012', timeoutSeconds: 0.3 });
  try {
    const r = await short.invoke({ functionRef: 'hang', payload: '{}' });
    assert.equal(r.kind === 'functionError' && r.errorType, 'Sandbox.Timedout');
    assert.match(r.kind === 'functionError' ? r.payload : '', /Task timed out after 0\.30 seconds/);
    assert.equal(short.environments.size, 0);
  } finally { short.close(); }
});

test('cancelling a call destroys its environment; concurrency bounds environments and queues the rest', async () => {
  const ac = new AbortController();
  const hung = fns.invoke({ functionRef: 'hang', payload: '{}', cancel: cancellationOf(ac.signal) });
  // the server's event loop still runs while the handler spins
  const ok = await fns.invoke({ functionRef: 'echo', payload: '2' });
  assert.equal(ok.kind, 'payload');
  ac.abort();
  assert.equal((await hung).kind, 'functionError');
  const runs = await Promise.all([0, 1, 2, 3].map(() => fns.invoke({ functionRef: 'slow', payload: '{"ms":50}' })));
  assert.ok(fns.environments.size <= 2);
  const spans = runs.map((r) => JSON.parse((r as { payload: string }).payload) as { started: number; ended: number });
  // with two environments, no instant has more than two handlers running
  for (const s of spans) assert.ok(spans.filter((o) => o.started <= s.started && s.started < o.ended).length <= 2);
});

/** `batch.mjs` on its own two environments: `call` invokes it with an event; the environments are closed after */
async function withBatch(run: (call: (event: object) => Promise<LambdaResult>) => Promise<void>): Promise<void> {
  const local = new LocalFunctions({ dir, region: 'us-east-1', account: '123456789012', concurrency: 2 });
  try {
    await run((event) => local.invoke({ functionRef: 'batch', payload: JSON.stringify(event) }));
  } finally { local.close(); }
}

test('many calls at once to a short handler: each gets its own answer, and module state is per environment, one call at a time', () => withBatch(async (call) => {
  await Promise.all([0, 1].map((v) => call({ v })));
  const results = await Promise.all(Array.from({ length: 500 }, (_, v) => call({ v })));
  const outs = results.map((r) => JSON.parse((r as { payload: string }).payload) as { v: number; calls: number; threadId: number });
  assert.deepEqual(outs.map((o) => o.v), Array.from({ length: 500 }, (_, v) => v));
  const byThread = new Map<number, typeof outs>();
  for (const o of outs) byThread.set(o.threadId, [...byThread.get(o.threadId) ?? [], o]);
  assert.ok(byThread.size <= 2);
  // every environment counted its own calls, each once
  for (const list of byThread.values()) assert.equal(new Set(list.map((o) => o.calls)).size, list.length);
}));

test('a handler that crashes among calls sent together fails only its own call; the others are answered', () => withBatch(async (call) => {
  await Promise.all(Array.from({ length: 20 }, (_, v) => call({ v })));
  const results = await Promise.all(Array.from({ length: 60 }, (_, v) => call({ v, crash: v === 10 })));
  const failed = results.flatMap((r, v) => (r.kind === 'payload' ? [] : [[v, r.kind === 'functionError' ? r.errorType : r.kind]]));
  assert.deepEqual(failed, [[10, 'Runtime.ExitError']]);
  assert.match((results[10] as { payload: string }).payload, /Runtime exited with error: exit status 3/);
}));

test('a slow call does not hold back the calls sent with it: they are answered first', () => withBatch(async (call) => {
  await Promise.all(Array.from({ length: 20 }, (_, v) => call({ v })));
  let slowDone = false;
  const slow = call({ v: -1, ms: 1500 }).then((r) => { slowDone = true; return r; });
  const quick = await Promise.all(Array.from({ length: 40 }, (_, v) => call({ v })));
  assert.equal(slowDone, false);
  assert.ok(quick.every((r) => r.kind === 'payload'));
  assert.equal((await slow).kind, 'payload');
}));

test('through the engine: a hanging handler ends in States.Timeout and the server keeps serving', async () => {
  const h = await harness({ functionsDir: dir, waitTimeScale: 0.01 });
  try {
    const arn = await h.create('hang-timeout', {
      StartAt: 'Hang',
      States: { Hang: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:hang', TimeoutSeconds: 5, End: true } },
    });
    const echo = await h.create('echo-after', {
      StartAt: 'Echo', States: { Echo: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', Payload: '"hi"' }, End: true } },
    });
    const started = h.run(arn);
    const side = await h.run(echo);
    assert.equal(side.describe.status, 'SUCCEEDED');
    assert.equal(JSON.parse(side.describe.output!).Payload.event, 'hi');
    const { describe, events } = await started;
    assert.equal(describe.status, 'FAILED');
    assert.equal(describe.error, 'States.Timeout');
    assert.deepEqual(types(events).slice(2), ['LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionTimedOut', 'ExecutionFailed']);
  } finally { await h.close(); }
});
