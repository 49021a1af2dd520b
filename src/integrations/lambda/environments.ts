// Execution environments for local handlers, reused while warm as Lambda
// reuses its execution environments. A handler that hangs, crashes or exits
// ends its own environment only; the server's event loop never runs handler
// code. At most `concurrency` environments exist; further invocations wait.
//
// An environment runs one invocation at a time, but a worker thread can be
// sent several at once (environment.ts): the calls of one function that are
// waiting when a dispatch runs go out in one message, and each comes back on
// its own as soon as it ends. How many an environment holds follows the
// function's handler time: as many as its recent average says run in about
// BATCH_BUDGET_MS, one while it is unknown or slow, one to a cold
// environment, one to a child process. Such short calls keep at most as many
// environments busy as the machine has cores (more threads running them
// would only take turns on the same cores, and with the server's own thread);
// other functions' calls do not wait for them. Calls held behind one that
// runs longer than LONG_MS are taken back and go to other environments, so a
// slow call delays the rest little more than when each waited for a free
// environment.
//
// A call's cancellation is read, not listened to, until its call has run LONG_MS:
// when it is sent, when it becomes the oldest its environment holds, and
// LONG_MS into its run (adding and removing a listener per call cost more
// than the rest of the dispatch). A call cancelled while it waits never
// runs; one cancelled once its environment holds it is taken back if the
// environment has not started it, else runs on as an invoked Lambda function
// does, and has its environment destroyed if it still runs LONG_MS into its
// run (a hung handler cannot be interrupted).
//
// Dispatch costs O(1) amortised per invocation, however many wait: waiting
// calls sit in one FIFO in arrival order and in one FIFO per handler file
// (an entry that stopped waiting is dropped when it reaches the head), idle
// environments are indexed per file and in one least-recently-idle set, and
// a dispatch sends only what environments can take. Calls arriving in one
// turn of the event loop are dispatched together at its end.
import { availableParallelism } from 'node:os';
import type { Cancellation } from './backend.js';
import { Fifo } from './fifo.js';
import { SLOTS, openChannel, type InvokeJob, type Isolation, type RuntimeReply } from './environment.js';
import { Call, DONE, Env, SENT, WAITING, exitError, first, heldCalls, oldest, timedOut, type Done, type Fn } from './pool-records.js';

export type { FunctionContext, InvokeJob, Isolation, RuntimeReply } from './environment.js';

/** an idle environment is shut down after this long (Lambda recycles idle ones too) */
const IDLE_MS = 5 * 60_000;
/** most calls one environment holds at once */
const MAX_BATCH = 512;
/** calls held by one environment add up to about this much handler time, by the function's average */
const BATCH_BUDGET_MS = 2;
/** a call running this long has its signal listened to, and the calls held behind it taken back for other environments */
const LONG_MS = 20;

export interface EnvironmentOptions {
  /** environments alive at once, all functions together */
  readonly concurrency: number;
  readonly isolation: Isolation;
  /** V8 old-space limit of a worker thread, as the function's memory size */
  readonly memoryMb?: number;
  /** environments a function of short calls keeps busy at once (default: the machine's cores) */
  readonly cores?: number;
  /** starts an environment's runtime; tests pass a fake */
  readonly openChannel?: typeof openChannel;
}

const resolveWith = (reply: RuntimeReply, resolve: (r: RuntimeReply) => void): void => resolve(reply);

export class ExecutionEnvironments {
  private readonly envs = new Set<Env>();
  private readonly fns = new Map<string, Fn>();
  /** every call in arrival order; some may have stopped waiting */
  private readonly queue = new Fifo<Call>();
  private waiting = 0;
  /** handler files with waiting calls */
  private waitingFns = 0;
  /** environments of every file holding no call, longest idle first: the first to make room for another file */
  private readonly idle = new Set<Env>();
  private closing = false;
  private dispatching = false;
  private scheduled = false;
  private started = 0;
  private readonly cores: number;

  constructor(readonly opts: EnvironmentOptions) {
    this.cores = Math.max(1, opts.cores ?? availableParallelism());
  }

  /** environments alive now */
  get size(): number { return this.envs.size; }

  /** environments started so far (Lambda's cold starts) */
  get coldStarts(): number { return this.started; }

  /**
   * Runs one invocation. Resolves with the handler's reply, or a Lambda
   * runtime error when its environment dies or `timeoutMs` passes; on
   * `cancel` the environment is destroyed (a hung handler cannot be interrupted).
   */
  run(job: InvokeJob, timeoutMs: number, cancel?: Cancellation): Promise<RuntimeReply> {
    return new Promise((resolve) => this.call(job, timeoutMs, cancel, resolveWith, resolve));
  }

  /** `run` with a callback: `done(reply, arg, job)` is called once. */
  call<A>(job: InvokeJob, timeoutMs: number, cancel: Cancellation | undefined, done: Done<A>, arg: A): void {
    if (cancel?.cancelled) { done(exitError(job, 'invocation cancelled'), arg, job); return; }
    const fn = this.fnOf(job);
    const call = new Call(this, fn, job, timeoutMs, cancel, done, arg);
    this.queue.push(call);
    fn.queue.push(call);
    if (fn.waiting++ === 0) this.waitingFns++;
    this.waiting++;
    this.schedule();
  }

  /** Stops every environment (server shutdown); calls still running or waiting end as cancelled. */
  close(): void {
    this.closing = true;
    try {
      for (const env of [...this.envs]) {
        const held = heldCalls(env);
        this.destroy(env);
        for (const c of held) this.finish(c, exitError(c.job, 'invocation cancelled'));
      }
      for (let c = this.queue.shift(); c; c = this.queue.shift()) {
        if (c.state === WAITING) this.finish(c, exitError(c.job, 'invocation cancelled'));
      }
    } finally { this.closing = false; }
  }

  /**
   * A sent call's signal aborted. Not started yet: it is taken back and never
   * runs. Running: its environment is destroyed (a hung handler cannot be
   * interrupted) and the calls held behind it go back to the queue.
   */
  cancel(call: Call): void {
    const env = call.env;
    if (call.state !== SENT || !env) return;
    const reply = exitError(call.job, 'invocation cancelled');
    if (!env.dead && !env.channel.withdraw(call.seq) && env.channel.halt(call.seq)) this.retire(env, call, reply);
    else this.finish(call, reply);
  }

  /** The oldest call of `env` may be past its function timeout. */
  checkTimeout(env: Env): void {
    env.watchdog = undefined;
    if (env.dead || env.count === 0) return;
    const call = env.held[env.first % SLOTS]!;
    const now = Date.now();
    const due = env.since + call.timeoutMs;
    if (now < due) { this.arm(env, due - now); return; }
    if (env.channel.halt(call.seq)) { this.retire(env, call, timedOut(call.job, call.timeoutMs)); return; }
    // not running: it has not started yet (waiting does not count) or has just ended (its answer is on its way)
    env.since = now;
    this.arm(env, call.timeoutMs);
  }

  /**
   * The oldest call of `env` may have run LONG_MS. If so, and its signal has
   * aborted, it is cancelled; otherwise its signal is listened to from now
   * on, and the calls held behind it that have not started go back to the
   * queue, for environments that can start them sooner.
   */
  checkLong(env: Env): void {
    env.long = undefined;
    if (env.dead || env.count === 0) return;
    if (env.first !== env.longFirst) { this.watchLong(env); return; }
    const head = env.held[env.first % SLOTS]!;
    if (head.cancel?.cancelled) { this.cancel(head); return; }
    if (head.cancel && !head.listening) {
      head.listening = true;
      head.cancel.signal.addEventListener('abort', head, { once: true });
    }
    env.stalled = true;
    this.counted(env, false);
    env.fn.open.delete(env);
    const back: Call[] = [];
    for (let s = env.next - 1; s > env.first; s--) {
      const c = env.held[s % SLOTS];
      if (!c) continue;
      if (!env.channel.withdraw(s)) break;
      this.release(env, c);
      back.push(c);
    }
    this.requeue(back.reverse());
  }

  /** An idle environment's time may be up. */
  expire(env: Env): void {
    env.idleTimer = undefined;
    if (env.dead || env.count > 0) return;
    const left = env.idleSince + IDLE_MS - Date.now();
    if (left > 0) { env.idleTimer = setTimeout(idleExpired, left, this, env).unref(); return; }
    this.destroy(env);
    if (this.waiting > 0) this.schedule();
  }

  /** Calls of one turn of the event loop are dispatched together at its end. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(dispatchSoon, this);
  }

  /**
   * Sends waiting calls in arrival order while an environment can take them,
   * and returns as soon as none can. The oldest call goes, with the calls of
   * its file behind it, to: an idle environment warm for its file; a new
   * environment if the pool has room; an environment of its file with room
   * for more; otherwise a free environment serves the next calls of its own
   * file while that file holds no more than its share of the pool
   * (concurrency / files waiting), so mixed workloads do not respawn an
   * environment per call, or is replaced by one for the oldest call's file.
   * A file over its share always yields, so no file waits forever. A call
   * cancelled while it waited ends when it is reached, without an
   * environment (listening on the signal of every waiting call would cost
   * O(listeners) per removal on a shared signal).
   */
  dispatch(): void {
    this.scheduled = false;
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      while (this.waiting > 0 && !this.closing && this.dispatchOne());
    } finally { this.dispatching = false; }
  }

  /** Sends or ends the next waiting calls; false when no environment can take them and the pool is full. */
  private dispatchOne(): boolean {
    const head = oldest(this.queue)!;
    if (head.cancel?.cancelled) return this.cancelWaiting(head);
    if (!this.capped(head.fn)) return this.place(head.fn);
    // the oldest call's function keeps the environments it has: other functions' calls need not wait for it
    for (const fn of this.fns.values()) {
      if (fn.waiting > 0 && !this.capped(fn) && this.place(fn)) return true;
    }
    return false;
  }

  /** short calls of `fn` keep as many environments busy as there are cores */
  private atCap(fn: Fn): boolean {
    return fn.batch > 1 && fn.busy >= this.cores;
  }

  /** ... and none of them has room for more */
  private capped(fn: Fn): boolean {
    return this.atCap(fn) && this.roomy(fn) === undefined;
  }

  /** An environment of `fn` holding calls with room for as many again (one listed may have lost it: its function's batch shrank). */
  private roomy(fn: Fn): Env | undefined {
    for (const env of fn.open) {
      if (env.count > this.lowWater(env) || env.next - env.first >= SLOTS) fn.open.delete(env);
      else return env;
    }
    return undefined;
  }

  /** `env` takes more calls once it holds this many or fewer */
  private lowWater(env: Env): number {
    return this.cap(env) >> 1;
  }

  /** calls `env` may hold */
  private cap(env: Env): number {
    return env.channel.prefetch && env.warm ? env.fn.batch : 1;
  }

  /** Sends the oldest waiting calls of `fn` where they can go; false when nowhere. */
  private place(fn: Fn): boolean {
    if (this.atCap(fn)) return this.fill(this.roomy(fn)!);
    const warm = first(fn.idle);
    if (warm) return this.fill(warm);
    if (this.envs.size < this.opts.concurrency) return this.fill(this.spawn(fn));
    const open = this.roomy(fn);
    if (open) return this.fill(open);
    const free = first(this.idle);
    if (!free) return false;
    const own = free.fn;
    if (own.waiting > 0 && !this.atCap(own) && own.envs <= Math.floor(this.opts.concurrency / this.waitingFns)) return this.fill(free);
    this.destroy(free);
    return this.fill(this.spawn(fn));
  }

  private cancelWaiting(call: Call): boolean {
    this.finish(call, exitError(call.job, 'invocation cancelled'));
    return true;
  }

  /** Sends `env` (idle, new, or with room) the oldest waiting calls of its file, as many as it may hold and its share of them. */
  private fill(env: Env): boolean {
    const fn = env.fn;
    const cap = this.cap(env);
    // its share: the waiting calls spread over the environments that could take them now
    let takers = fn.idle.size + (fn.idle.has(env) ? 0 : 1) + this.opts.concurrency - this.envs.size;
    if (fn.batch > 1) takers = Math.min(takers, Math.max(1, this.cores - fn.busy + (env.busy ? 1 : 0)));
    let n = Math.min(cap - env.count, SLOTS - (env.next - env.first), Math.ceil(fn.waiting / takers));
    if (n <= 0) { fn.open.delete(env); return false; }
    const wasIdle = env.count === 0;
    const batch: Call[] = [];
    while (n > 0 && fn.waiting > 0) {
      const call = oldest(fn.queue)!;
      fn.queue.shift();
      if (call.cancel?.cancelled) { this.finish(call, exitError(call.job, 'invocation cancelled')); continue; }
      this.unwait(call);
      call.state = SENT;
      call.env = env;
      call.seq = env.next++;
      env.held[call.seq % SLOTS] = call;
      env.count++;
      batch.push(call);
      n--;
    }
    if (batch.length === 0) {
      if (wasIdle) this.makeIdle(env);
      return true;
    }
    if (wasIdle) {
      this.idle.delete(env);
      fn.idle.delete(env);
      this.counted(env, true);
      env.since = Date.now();
      this.arm(env, batch[0]!.timeoutMs);
      this.watchLong(env);
    }
    if (env.count > this.lowWater(env)) fn.open.delete(env);
    env.channel.send(batch);
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
      if (call.listening) call.cancel!.signal.removeEventListener('abort', call);
      if (call.env) this.release(call.env, call);
    }
    call.state = DONE;
    call.done(reply, call.arg, call.job);
    if (this.waiting > 0) this.schedule();
  }

  /** `call` leaves `env` (answered, ended or taken back). */
  private release(env: Env, call: Call): void {
    env.held[call.seq % SLOTS] = undefined;
    call.env = undefined;
    env.count--;
    if (env.dead) return;
    if (env.count === 0) { this.makeIdle(env); return; }
    if (call.seq === env.first) {
      let s = env.first + 1;
      while (env.held[s % SLOTS] === undefined) s++;
      env.first = s;
      env.since = Date.now();
      if (env.stalled) { env.stalled = false; this.counted(env, true); }
      const due = env.since + env.held[s % SLOTS]!.timeoutMs;
      if (due < env.watchDue) this.arm(env, due - env.since);
      if (env.long === undefined) this.watchLong(env);
    }
    if (!env.stalled && env.count <= this.lowWater(env)) env.fn.open.add(env);
  }

  /** Puts calls taken back from an environment, none of them started there, first in the queue, in their order. */
  private requeue(back: Call[]): void {
    for (let i = back.length - 1; i >= 0; i--) {
      const old = back[i]!;
      if (old.listening) old.cancel!.signal.removeEventListener('abort', old);
      // a new record: the old one may still sit, taken, in a queue
      old.state = DONE;
      const call = new Call(this, old.fn, old.job, old.timeoutMs, old.cancel, old.done, old.arg);
      this.queue.unshift(call);
      call.fn.queue.unshift(call);
      if (call.fn.waiting++ === 0) this.waitingFns++;
      this.waiting++;
    }
    if (back.length > 0) this.schedule();
  }

  private makeIdle(env: Env): void {
    this.counted(env, false);
    env.first = env.next;
    env.stalled = false;
    clearTimeout(env.watchdog);
    env.watchdog = undefined;
    clearTimeout(env.long);
    env.long = undefined;
    env.fn.open.delete(env);
    this.idle.add(env);
    env.fn.idle.add(env);
    env.idleSince = Date.now();
    env.idleTimer ??= setTimeout(idleExpired, IDLE_MS, this, env).unref();
  }

  private counted(env: Env, busy: boolean): void {
    if (env.busy === busy) return;
    env.busy = busy;
    env.fn.busy += busy ? 1 : -1;
  }

  private arm(env: Env, ms: number): void {
    clearTimeout(env.watchdog);
    env.watchDue = Date.now() + ms;
    env.watchdog = setTimeout(timeoutDue, ms, this, env);
  }

  /** looks at the oldest call of `env` when it has run LONG_MS */
  private watchLong(env: Env): void {
    env.longFirst = env.first;
    env.long = setTimeout(longDue, Math.max(1, env.since + LONG_MS - Date.now()), this, env).unref();
  }

  /** A recent handler time of `fn`'s calls. */
  private learn(fn: Fn, ms: number): void {
    fn.handlerMs = Number.isNaN(fn.handlerMs) ? ms : fn.handlerMs + (ms - fn.handlerMs) / 8;
    fn.batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_BUDGET_MS / Math.max(fn.handlerMs, 1e-3))));
  }

  private fnOf(job: InvokeJob): Fn {
    let fn = this.fns.get(job.file);
    if (!fn) {
      fn = { file: job.file, context: job.functionContext, queue: new Fifo(), waiting: 0, envs: 0, busy: 0, idle: new Set(), open: new Set(), handlerMs: NaN, batch: 1 };
      this.fns.set(job.file, fn);
    }
    return fn;
  }

  private spawn(fn: Fn): Env {
    const env = new Env(fn);
    this.started++;
    env.channel = (this.opts.openChannel ?? openChannel)(fn.file, fn.context, this.opts,
      (seq, reply, ms) => this.onResult(env, seq, reply, ms), (detail) => this.onDeath(env, detail));
    this.envs.add(env);
    fn.envs++;
    return env;
  }

  private onResult(env: Env, seq: number, reply: RuntimeReply, handlerMs: number): void {
    const call = env.held[seq % SLOTS];
    if (!call || call.seq !== seq) return;
    env.warm = true;
    // (a runtime sent one call at a time, a child process, keeps its function at one: the cap on busy environments is for calls queued in them)
    if (!Number.isNaN(handlerMs) && env.channel.prefetch) this.learn(env.fn, handlerMs);
    this.finish(call, reply);
    // the next calls it holds were cancelled since they were sent: taken back if not started (one started
    // already runs on, and is stopped if it is still running LONG_MS into its run)
    // (a signal is read only for a call not started yet: a runtime that runs ahead of the answers skips it)
    while (!env.dead && env.count > 0) {
      const head = env.held[env.first % SLOTS]!;
      if (!env.channel.pending(head.seq) || !head.cancel?.cancelled || !env.channel.withdraw(head.seq)) break;
      this.finish(head, exitError(head.job, 'invocation cancelled'));
    }
  }

  /**
   * The runtime exited (every answer it sent has been delivered). The call it
   * ran fails with Runtime.ExitError; calls it had not started go back to the
   * queue, except that when it started none, the first fails (a runtime that
   * dies on its own before any call is not retried forever).
   */
  private onDeath(env: Env, detail: string): void {
    const killed = env.dead;
    const held = heldCalls(env);
    this.destroy(env);
    const back: Call[] = [];
    let failed = false;
    for (const c of held) {
      if (!killed && env.channel.withdraw(c.seq)) {
        this.release(env, c);
        back.push(c);
      } else {
        this.finish(c, exitError(c.job, detail));
        failed = true;
      }
    }
    if (!failed && back.length > 0) {
      const c = back.shift()!;
      this.finish(c, exitError(c.job, detail));
    }
    this.requeue(back);
  }

  /** Stops `env` because of `call`, which ends with `reply`; the calls held behind it go back to the queue. */
  private retire(env: Env, call: Call, reply: RuntimeReply): void {
    this.destroy(env);
    this.finish(call, reply);
    const back: Call[] = [];
    for (const c of heldCalls(env)) {
      if (env.channel.withdraw(c.seq)) {
        this.release(env, c);
        back.push(c);
      } else if (!env.channel.finished(c.seq)) this.finish(c, exitError(c.job, 'invocation cancelled'));
      // else its answer is on its way
    }
    this.requeue(back);
  }

  private destroy(env: Env): void {
    if (env.dead) return;
    env.dead = true;
    this.counted(env, false);
    clearTimeout(env.idleTimer);
    clearTimeout(env.watchdog);
    clearTimeout(env.long);
    this.envs.delete(env);
    env.fn.envs--;
    this.idle.delete(env);
    env.fn.idle.delete(env);
    env.fn.open.delete(env);
    env.channel.kill();
  }
}

function dispatchSoon(pool: ExecutionEnvironments): void { pool.dispatch(); }

function timeoutDue(pool: ExecutionEnvironments, env: Env): void { pool.checkTimeout(env); }

function longDue(pool: ExecutionEnvironments, env: Env): void { pool.checkLong(env); }

function idleExpired(pool: ExecutionEnvironments, env: Env): void { pool.expire(env); }
