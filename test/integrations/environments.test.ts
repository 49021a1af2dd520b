// The pool of Lambda execution environments, driven through a fake runtime
// channel: which environment serves which call, in what order, and what
// ends a call. Real worker threads are exercised in lambda.test.ts.
import { test, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { ExecutionEnvironments, type InvokeJob, type RuntimeReply } from '../../src/integrations/lambda/environments.js';

interface FakeEnv {
  readonly file: string;
  alive: boolean;
  readonly onResult: (id: number, reply: RuntimeReply) => void;
  readonly onDeath: (detail: string) => void;
}

interface Sent { readonly file: string; readonly id: number; readonly job: InvokeJob; readonly env: FakeEnv }

/** A runtime that records what it is sent; the test answers for it. */
class FakeRuntime {
  readonly sent: Sent[] = [];
  kills = 0;
  readonly open: NonNullable<ConstructorParameters<typeof ExecutionEnvironments>[0]['openChannel']> = (file, _context, _opts, onResult, onDeath) => {
    const env: FakeEnv = { file, alive: true, onResult, onDeath };
    return {
      send: (id, job) => { assert.ok(env.alive, 'a call was sent to a killed environment'); this.sent.push({ file, id, job, env }); },
      kill: () => { env.alive = false; this.kills++; },
    };
  };

  reply(s: Sent): void { s.env.onResult(s.id, { kind: 'payload', payload: `done ${s.job.payload}` }); }

  /** files of the calls sent, in order */
  get files(): string[] { return this.sent.map((s) => s.file); }
}

const context = { functionName: 'f', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
  memoryLimitInMB: '128', logGroupName: '/aws/lambda/f' };
let n = 0;
const job = (file: string): InvokeJob => ({ file, functionContext: context, requestId: `req-${++n}`, deadline: 0, payload: String(n), captureLogs: false });

function pool(concurrency: number): { envs: ExecutionEnvironments; rt: FakeRuntime } {
  const rt = new FakeRuntime();
  return { envs: new ExecutionEnvironments({ concurrency, isolation: 'worker', openChannel: rt.open }), rt };
}

/** Answers every call sent so far and every call those answers start, in the order they were sent. */
function replyAll(rt: FakeRuntime): void {
  for (let i = 0; i < rt.sent.length; i++) rt.reply(rt.sent[i]!);
}

const settled = async <T>(p: Promise<T>): Promise<boolean> => {
  let done = false;
  void p.then(() => { done = true; });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

afterEach(() => mock.timers.reset());

test('calls start in arrival order, at most `concurrency` at once, on warm environments when there are', async () => {
  const { envs, rt } = pool(2);
  const calls = [0, 1, 2, 3, 4].map(() => job('a.mjs'));
  const replies = calls.map((j) => envs.run(j, 60_000));
  assert.deepEqual(rt.sent.map((s) => s.job), calls.slice(0, 2));
  rt.reply(rt.sent[0]!);
  assert.deepEqual(rt.sent.map((s) => s.job), calls.slice(0, 3));
  assert.equal(rt.sent[2]!.env, rt.sent[0]!.env);
  replyAll(rt);
  assert.deepEqual((await Promise.all(replies)).map((r) => r.payload), calls.map((j) => `done ${j.payload}`));
  assert.deepEqual(rt.sent.map((s) => s.job), calls);
  assert.equal(envs.coldStarts, 2);
  assert.equal(envs.size, 2);
});

test('20,000 waiting calls take linear time: a release starts only what can run', async () => {
  const { envs, rt } = pool(32);
  const t0 = performance.now();
  const replies = Array.from({ length: 20_000 }, () => envs.run(job('a.mjs'), 60_000));
  replyAll(rt);
  const results = await Promise.all(replies);
  const ms = performance.now() - t0;
  assert.equal(results.length, 20_000);
  assert.equal(rt.sent.length, 20_000);
  assert.equal(envs.coldStarts, 32);
  // scanning the queue per release took seconds for 10,000 calls (bench/RESULTS.md, 3c)
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
});

test('a call cancelled while it waits never runs: it ends, without an environment, when its turn comes', async () => {
  const { envs, rt } = pool(1);
  const first = envs.run(job('a.mjs'), 60_000);
  const ac = new AbortController();
  const cancelledJob = job('a.mjs');
  const cancelled = envs.run(cancelledJob, 60_000, ac.signal);
  const third = envs.run(job('a.mjs'), 60_000);
  ac.abort();
  rt.reply(rt.sent[0]!);
  const r = await cancelled;
  assert.equal(r.kind === 'functionError' && r.errorType, 'Runtime.ExitError');
  assert.equal(JSON.parse(r.payload).errorMessage, `RequestId: ${cancelledJob.requestId} Error: Runtime exited with error: invocation cancelled`);
  replyAll(rt);
  await Promise.all([first, third]);
  assert.equal(rt.sent.length, 2);
  assert.ok(!rt.sent.some((s) => s.job === cancelledJob));
  assert.equal(rt.kills, 0);
  assert.equal(envs.coldStarts, 1);
});

test('a signal shared by many waiting calls holds a listener only for the running ones', async () => {
  const { envs, rt } = pool(4);
  const shared = new AbortController();
  const replies = Array.from({ length: 2000 }, () => envs.run(job('a.mjs'), 60_000, shared.signal));
  assert.equal(getEventListeners(shared.signal, 'abort').length, 4);
  replyAll(rt);
  await Promise.all(replies);
  assert.equal(getEventListeners(shared.signal, 'abort').length, 0);
});

test('cancelling a running call destroys its environment; the next call gets a new one', async () => {
  const { envs, rt } = pool(1);
  const ac = new AbortController();
  const running = envs.run(job('a.mjs'), 60_000, ac.signal);
  const next = envs.run(job('a.mjs'), 60_000);
  ac.abort();
  assert.equal((await running).kind, 'functionError');
  assert.equal(rt.kills, 1);
  assert.equal(rt.sent.length, 2);
  assert.notEqual(rt.sent[1]!.env, rt.sent[0]!.env);
  rt.reply(rt.sent[1]!);
  assert.equal((await next).kind, 'payload');
  assert.equal(envs.size, 1);
});

test('the function timeout ends a call with Sandbox.Timedout; time spent waiting does not count', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { envs, rt } = pool(1);
  const first = envs.run(job('a.mjs'), 3000);
  const late = job('a.mjs');
  const second = envs.run(late, 3000);
  mock.timers.tick(2000);
  rt.reply(rt.sent[0]!);
  await first;
  mock.timers.tick(2999);
  assert.equal(await settled(second), false);
  mock.timers.tick(1);
  const r = await second;
  assert.equal(r.kind === 'functionError' && r.errorType, 'Sandbox.Timedout');
  assert.equal(JSON.parse(r.payload).errorMessage, `RequestId: ${late.requestId} Error: Task timed out after 3.00 seconds`);
  assert.equal(rt.kills, 1);
  assert.equal(envs.size, 0);
});

test('an environment that dies mid-call fails that call with Runtime.ExitError; waiting calls get a new environment', async () => {
  const { envs, rt } = pool(1);
  const dying = envs.run(job('a.mjs'), 60_000);
  const next = envs.run(job('a.mjs'), 60_000);
  rt.sent[0]!.env.onDeath('exit status 3');
  rt.sent[0]!.env.onDeath('exit status 3');
  const r = await dying;
  assert.equal(r.kind === 'functionError' && r.errorType, 'Runtime.ExitError');
  assert.match(r.payload, /Runtime exited with error: exit status 3/);
  assert.equal(rt.sent.length, 2);
  rt.reply(rt.sent[1]!);
  assert.equal((await next).kind, 'payload');
  assert.equal(envs.coldStarts, 2);
});

test('an idle environment stops after five minutes idle; a call in between keeps it', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const { envs, rt } = pool(2);
  const once = async (): Promise<void> => {
    const p = envs.run(job('a.mjs'), 60_000);
    rt.reply(rt.sent.at(-1)!);
    await p;
  };
  await once();
  mock.timers.tick(4 * 60_000);
  await once();
  mock.timers.tick(4 * 60_000);
  assert.equal(envs.size, 1);
  assert.equal(envs.coldStarts, 1);
  mock.timers.tick(60_000);
  assert.equal(envs.size, 0);
  assert.equal(rt.kills, 1);
});

test('functions sharing a full pool keep their warm environments up to their share: no environment started per call', async () => {
  const { envs, rt } = pool(2);
  const files = Array.from({ length: 10 }, () => ['a.mjs', 'a.mjs', 'b.mjs', 'b.mjs']).flat();
  const replies = files.map((f) => envs.run(job(f), 60_000));
  replyAll(rt);
  await Promise.all(replies);
  assert.equal(rt.sent.length, files.length);
  // two to begin, one when b first waits, one when a has no calls left; strict arrival order starts 40 here
  assert.ok(envs.coldStarts <= 4, `${envs.coldStarts} environments started`);
  assert.ok(envs.size <= 2);
});

test('a function over its share yields its environment to an older call of another function', async () => {
  const { envs, rt } = pool(2);
  const files = ['a.mjs', 'a.mjs', 'a.mjs', 'a.mjs', 'b.mjs', 'a.mjs', 'a.mjs', 'a.mjs', 'a.mjs'];
  const replies = files.map((f) => envs.run(job(f), 60_000));
  replyAll(rt);
  await Promise.all(replies);
  assert.deepEqual(rt.files, files);
});

test('while more functions wait than the pool holds, calls start in arrival order', async () => {
  const { envs, rt } = pool(2);
  const files = Array.from({ length: 5 }, () => ['a.mjs', 'b.mjs', 'c.mjs']).flat();
  const replies = files.map((f) => envs.run(job(f), 60_000));
  replyAll(rt);
  await Promise.all(replies);
  // the last a starts 13th; then two functions wait for two environments, each keeping its own
  assert.deepEqual(rt.files.slice(0, 13), files.slice(0, 13));
  assert.deepEqual(rt.files.slice(13).sort(), ['b.mjs', 'c.mjs']);
  assert.ok(envs.size <= 2);
});

test('close ends running and waiting calls as cancelled and stops every environment', async () => {
  const { envs, rt } = pool(1);
  const running = envs.run(job('a.mjs'), 60_000);
  const waiting = envs.run(job('b.mjs'), 60_000);
  envs.close();
  for (const r of await Promise.all([running, waiting])) {
    assert.equal(r.kind === 'functionError' && r.errorType, 'Runtime.ExitError');
    assert.match(r.payload, /invocation cancelled/);
  }
  assert.equal(envs.size, 0);
  assert.equal(rt.kills, 1);
  assert.equal(rt.sent.length, 1);
});
