// Execution environments for local handlers, reused while warm as Lambda
// reuses its execution environments. A handler that hangs, crashes or exits
// ends its own environment only; the server's event loop never runs handler
// code. At most `concurrency` environments exist; further invocations wait.
//
// Dispatch costs O(1) amortised per invocation, however many wait: waiting
// calls sit in one FIFO in arrival order and in one FIFO per handler file
// (an entry that stopped waiting is dropped when it reaches the head), idle
// environments are indexed per file and in one least-recently-idle set, and
// a release starts only what a free environment can take.
import { Fifo } from './fifo.js';
import { openChannel, type Channel, type FunctionContext, type InvokeJob, type Isolation, type RuntimeReply } from './environment.js';

export type { FunctionContext, InvokeJob, Isolation, RuntimeReply } from './environment.js';

/** an idle environment is shut down after this long (Lambda recycles idle ones too) */
const IDLE_MS = 5 * 60_000;

export interface EnvironmentOptions {
  /** environments alive at once, all functions together */
  readonly concurrency: number;
  readonly isolation: Isolation;
  /** V8 old-space limit of a worker thread, as the function's memory size */
  readonly memoryMb?: number;
  /** starts an environment's runtime; tests pass a fake */
  readonly openChannel?: typeof openChannel;
}

/** One handler file: its waiting calls and its environments. */
interface Fn {
  readonly file: string;
  /** the function context of the first call of this file (every call of one file has the same) */
  readonly context: FunctionContext;
  /** calls in arrival order; some may have stopped waiting */
  readonly queue: Fifo<Call>;
  waiting: number;
  /** environments alive for this file */
  envs: number;
  /** idle environments, longest idle first */
  readonly idle: Set<Env>;
}

const WAITING = 0;
const RUNNING = 1;
const DONE = 2;

class Env {
  call: Call | undefined = undefined;
  dead = false;
  idleTimer: NodeJS.Timeout | undefined = undefined;
  channel!: Channel;
  constructor(readonly fn: Fn) {}
}

class Call {
  state = WAITING;
  env: Env | undefined = undefined;
  timer: NodeJS.Timeout | undefined = undefined;
  constructor(
    readonly pool: ExecutionEnvironments, readonly id: number, readonly fn: Fn, readonly job: InvokeJob,
    readonly timeoutMs: number, readonly signal: AbortSignal | undefined, readonly resolve: (r: RuntimeReply) => void,
  ) {}

  /** the signal's abort listener, as an EventListener object (no closure per call) */
  handleEvent(): void { this.pool.cancel(this); }
}

export class ExecutionEnvironments {
  private readonly envs = new Set<Env>();
  private readonly fns = new Map<string, Fn>();
  /** every call in arrival order; some may have stopped waiting */
  private readonly queue = new Fifo<Call>();
  private waiting = 0;
  /** handler files with waiting calls */
  private waitingFns = 0;
  /** idle environments of every file, longest idle first: the first to make room for another file */
  private readonly idle = new Set<Env>();
  private seq = 0;
  private closing = false;
  private dispatching = false;
  private started = 0;

  constructor(readonly opts: EnvironmentOptions) {}

  /** environments alive now */
  get size(): number { return this.envs.size; }

  /** environments started so far (Lambda's cold starts) */
  get coldStarts(): number { return this.started; }

  /**
   * Runs one invocation. Resolves with the handler's reply, or a Lambda
   * runtime error when its environment dies or `timeoutMs` passes; on
   * `signal` the environment is destroyed (a hung handler cannot be interrupted).
   */
  run(job: InvokeJob, timeoutMs: number, signal?: AbortSignal): Promise<RuntimeReply> {
    return new Promise((resolve) => {
      if (signal?.aborted) { resolve(exitError(job, 'invocation cancelled')); return; }
      const fn = this.fnOf(job);
      const call = new Call(this, ++this.seq, fn, job, timeoutMs, signal, resolve);
      this.queue.push(call);
      fn.queue.push(call);
      if (fn.waiting++ === 0) this.waitingFns++;
      this.waiting++;
      this.dispatch();
    });
  }

  /** Stops every environment (server shutdown); calls still running or waiting end as cancelled. */
  close(): void {
    this.closing = true;
    try {
      for (const env of [...this.envs]) {
        const call = env.call;
        this.destroy(env);
        if (call) this.finish(call, exitError(call.job, 'invocation cancelled'));
      }
      for (let c = this.queue.shift(); c; c = this.queue.shift()) {
        if (c.state === WAITING) this.finish(c, exitError(c.job, 'invocation cancelled'));
      }
    } finally { this.closing = false; }
  }

  /** A running call's signal aborted: its environment is destroyed (a hung handler cannot be interrupted). */
  cancel(call: Call): void {
    if (call.env) this.destroy(call.env);
    this.finish(call, exitError(call.job, 'invocation cancelled'));
  }

  /** The call ran past its function timeout. */
  timeOut(call: Call): void {
    if (call.env) this.destroy(call.env);
    this.finish(call, timedOut(call.job, call.timeoutMs));
  }

  /**
   * Starts waiting calls in arrival order while an environment can take one,
   * and returns as soon as none can. A free environment serves, in order: the
   * oldest call if it is warm for that call's file; a new environment if the
   * pool has room; the next call of its own file while that file holds no
   * more than its share of the pool (concurrency / files waiting), so mixed
   * workloads do not respawn an environment per call; otherwise it is
   * replaced by one for the oldest call's file. A file over its share always
   * yields, so no file waits forever. A call cancelled while it waited ends
   * when it is reached, without an environment (listening on the signal of
   * every waiting call would cost O(listeners) per removal on a shared signal).
   */
  private dispatch(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.waiting > 0 && !this.closing && this.dispatchOne());
    } finally { this.dispatching = false; }
  }

  /** Starts or ends the next waiting call; false when every environment is busy and the pool is full. */
  private dispatchOne(): boolean {
    const head = oldest(this.queue)!;
    if (head.signal?.aborted) return this.cancelWaiting(head);
    const warm = first(head.fn.idle);
    if (warm) return this.start(head, warm);
    if (this.envs.size < this.opts.concurrency) return this.start(head, this.spawn(head.fn));
    const free = first(this.idle);
    if (!free) return false;
    const own = free.fn;
    if (own.waiting > 0 && own.envs <= Math.floor(this.opts.concurrency / this.waitingFns)) {
      const next = oldest(own.queue)!;
      return next.signal?.aborted ? this.cancelWaiting(next) : this.start(next, free);
    }
    this.destroy(free);
    return this.start(head, this.spawn(head.fn));
  }

  private cancelWaiting(call: Call): boolean {
    this.finish(call, exitError(call.job, 'invocation cancelled'));
    return true;
  }

  private start(call: Call, env: Env): true {
    this.unwait(call);
    call.state = RUNNING;
    this.idle.delete(env);
    env.fn.idle.delete(env);
    clearTimeout(env.idleTimer);
    env.call = call;
    call.env = env;
    call.timer = setTimeout(callTimedOut, call.timeoutMs, call);
    call.signal?.addEventListener('abort', call, { once: true });
    env.channel.send(call.id, call.job);
    return true;
  }

  private unwait(call: Call): void {
    const fn = call.fn;
    if (--fn.waiting === 0) { this.waitingFns--; fn.queue.clear(); }
    if (--this.waiting === 0) this.queue.clear();
  }

  /** Ends a call once, whichever comes first: its reply, timeout, cancellation, its environment's death or close. */
  private finish(call: Call, reply: RuntimeReply): void {
    if (call.state === DONE) return;
    if (call.state === WAITING) this.unwait(call);
    else {
      clearTimeout(call.timer);
      call.signal?.removeEventListener('abort', call);
    }
    call.state = DONE;
    const env = call.env;
    if (env) {
      env.call = undefined;
      call.env = undefined;
      if (!env.dead) this.makeIdle(env);
    }
    call.resolve(reply);
    this.dispatch();
  }

  private makeIdle(env: Env): void {
    this.idle.add(env);
    env.fn.idle.add(env);
    env.idleTimer = setTimeout(idleExpired, IDLE_MS, this, env).unref();
  }

  /** An idle environment's time is up. */
  expire(env: Env): void {
    if (env.call || env.dead) return;
    this.destroy(env);
    this.dispatch();
  }

  private fnOf(job: InvokeJob): Fn {
    let fn = this.fns.get(job.file);
    if (!fn) {
      fn = { file: job.file, context: job.functionContext, queue: new Fifo(), waiting: 0, envs: 0, idle: new Set() };
      this.fns.set(job.file, fn);
    }
    return fn;
  }

  private spawn(fn: Fn): Env {
    const env = new Env(fn);
    this.started++;
    env.channel = (this.opts.openChannel ?? openChannel)(fn.file, fn.context, this.opts, (id, reply) => this.onResult(env, id, reply), (detail) => this.onDeath(env, detail));
    this.envs.add(env);
    fn.envs++;
    return env;
  }

  private onResult(env: Env, id: number, reply: RuntimeReply): void {
    const call = env.call;
    if (call && call.id === id) this.finish(call, reply);
  }

  private onDeath(env: Env, detail: string): void {
    const call = env.call;
    this.destroy(env);
    if (call) this.finish(call, exitError(call.job, detail));
    else this.dispatch();
  }

  private destroy(env: Env): void {
    if (env.dead) return;
    env.dead = true;
    clearTimeout(env.idleTimer);
    this.envs.delete(env);
    env.fn.envs--;
    this.idle.delete(env);
    env.fn.idle.delete(env);
    env.channel.kill();
  }
}

function callTimedOut(call: Call): void { call.pool.timeOut(call); }

function idleExpired(pool: ExecutionEnvironments, env: Env): void { pool.expire(env); }

/** The head of a queue after dropping the calls that no longer wait. */
function oldest(q: Fifo<Call>): Call | undefined {
  let c = q.peek();
  while (c && c.state !== WAITING) { q.shift(); c = q.peek(); }
  return c;
}

function first(set: Set<Env>): Env | undefined {
  for (const env of set) return env;
  return undefined;
}

/** What Lambda answers when the runtime exits mid-invocation. */
function exitError(job: InvokeJob, detail: string): RuntimeReply {
  const errorMessage = `RequestId: ${job.requestId} Error: Runtime exited with error: ${detail}`;
  return { kind: 'functionError', errorType: 'Runtime.ExitError', payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage }) };
}

/** What Lambda answers when a function runs past its own timeout. */
function timedOut(job: InvokeJob, timeoutMs: number): RuntimeReply {
  const errorMessage = `RequestId: ${job.requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
  return { kind: 'functionError', errorType: 'Sandbox.Timedout', payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }) };
}
