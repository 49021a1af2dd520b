// One execution environment: a worker thread (or a child process) running
// runtime.mjs for ONE handler module, one invocation at a time, as a Lambda
// execution environment does. The pool in environments.ts decides which
// environment serves which invocation.
//
// A worker thread can be sent several calls at once: it runs them one after
// the other, in the order sent, and answers each as soon as it ends. Each call
// sent has a slot in memory shared with the worker, which says whether the
// call is waiting, running or done; the pool and the runtime move it on with
// compare-and-swap, so the pool can take back a call that has not started
// (it never runs here) or stop the one running (the runtime then starts
// nothing more), without a message and without a race. A child process shares
// no memory: it is sent one call at a time.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNTIME = fileURLToPath(new URL('./runtime.mjs', import.meta.url));

export type Isolation = 'worker' | 'process';

/** Context fields that are the same for every call of one handler file: sent once, when its environment starts. */
export interface FunctionContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
}

export interface InvokeJob {
  readonly file: string;
  readonly functionContext: FunctionContext;
  readonly requestId: string;
  /** epoch ms when the call's time is up, for context.getRemainingTimeInMillis() */
  readonly deadline: number;
  /** the request payload, JSON text */
  readonly payload: string;
  readonly captureLogs: boolean;
}

export type RuntimeReply =
  | { readonly kind: 'payload'; readonly payload: string; readonly logs?: string }
  | { readonly kind: 'functionError'; readonly errorType: string; readonly payload: string; readonly logs?: string };

/** A call as sent: its number in its environment (0, 1, 2... in the order sent) and what to run. */
export interface SentCall {
  readonly seq: number;
  readonly job: InvokeJob;
}

/**
 * Calls an environment may hold at once (sent, not yet answered), and so the
 * number of its shared slots: call `seq` uses slot `seq % SLOTS`, so the pool
 * keeps the calls held by one environment within SLOTS numbers of each other.
 */
export const SLOTS = 1024;

/**
 * The wire protocol with runtime.mjs, flat arrays (structured clone copies
 * them faster than objects with named fields):
 * in  [seq, payload, awsRequestId, deadline, captureLogs] for each call sent, in order
 * out [seq, payload, errorType (null: success), logs (null: not captured), handler ms]
 * A slot holds (seq % 2^28) * 4 + state, so a slot reused by a later call is
 * never mistaken for the earlier one.
 */
type ResultMessage = [number, string, string | null, string | null, number];

const PENDING = 0;
const RUNNING = 1;
const FINISHED = 2;
/** taken back by the pool: withdrawn before it started, or stopped while it ran */
const STOPPED = 3;
const tag = (seq: number, state: number): number => (seq % 0x10000000) * 4 + state;

export interface ChannelOptions {
  readonly isolation: Isolation;
  /** V8 old-space limit of a worker thread, as the function's memory size */
  readonly memoryMb?: number;
}

export interface Channel {
  /** whether calls may be sent before the previous ones are answered */
  readonly prefetch: boolean;
  /** calls to run after those sent before, in this order */
  send(calls: readonly SentCall[]): void;
  /** takes back call `seq` if it has not started: true when it never will here */
  withdraw(seq: number): boolean;
  /** stops call `seq` if it is running: true when it was (the runtime starts nothing more; kill it) */
  halt(seq: number): boolean;
  /** call `seq` has ended in the runtime: its answer is on its way */
  finished(seq: number): boolean;
  /** call `seq` has not started */
  pending(seq: number): boolean;
  kill(): void;
}

/**
 * Starts the runtime for `file`. `onResult` gets each call's number, reply
 * and the time its handler took (NaN when unknown); `onDeath` is called once
 * the runtime has exited, after every answer it sent was delivered.
 */
export function openChannel(
  file: string, context: FunctionContext, opts: ChannelOptions,
  onResult: (seq: number, reply: RuntimeReply, handlerMs: number) => void, onDeath: (detail: string) => void,
): Channel {
  const onMessage = (msg: ResultMessage): void => {
    const logs = msg[3] ?? undefined;
    onResult(msg[0], msg[2] === null ? { kind: 'payload', payload: msg[1], logs } : { kind: 'functionError', errorType: msg[2], payload: msg[1], logs }, msg[4]);
  };
  if (opts.isolation === 'process') {
    const child = fork(RUNTIME, [file, JSON.stringify(context)], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // an environment alone never keeps the server process alive (a running call's timer does)
    child.unref();
    child.channel?.unref();
    child.on('message', onMessage);
    let dead = false;
    const died = (detail: string): void => { if (!dead) { dead = true; onDeath(detail); } };
    child.on('exit', (code, sig) => died(sig ? `signal: ${sig}` : `exit status ${code ?? 0}`));
    child.on('error', (e) => died(e.message));
    return {
      prefetch: false,
      send: (calls) => { child.send(invokeMessage(calls)); },
      withdraw: () => false,
      halt: () => true,
      finished: () => false,
      pending: () => false,
      kill: () => { child.kill('SIGKILL'); },
    };
  }
  const shared = new SharedArrayBuffer(4 * SLOTS);
  const slots = new Int32Array(shared);
  const worker = startWorker({
    workerData: { file, context, slots: shared },
    resourceLimits: opts.memoryMb ? { maxOldGenerationSizeMb: opts.memoryMb } : undefined,
  });
  worker.on('message', onMessage);
  // an uncaught error comes before the exit; answers still queued are delivered before 'exit'
  let failure: string | undefined;
  worker.on('error', (e) => { failure ??= `${e.name}: ${e.message}`; });
  worker.on('exit', (code) => onDeath(failure ?? `exit status ${code}`));
  worker.unref();
  return {
    prefetch: true,
    send: (calls) => {
      for (const c of calls) Atomics.store(slots, c.seq % SLOTS, tag(c.seq, PENDING));
      worker.postMessage(invokeMessage(calls));
    },
    withdraw: (seq) => Atomics.compareExchange(slots, seq % SLOTS, tag(seq, PENDING), tag(seq, STOPPED)) === tag(seq, PENDING),
    halt: (seq) => Atomics.compareExchange(slots, seq % SLOTS, tag(seq, RUNNING), tag(seq, STOPPED)) === tag(seq, RUNNING),
    finished: (seq) => Atomics.load(slots, seq % SLOTS) === tag(seq, FINISHED),
    pending: (seq) => Atomics.load(slots, seq % SLOTS) === tag(seq, PENDING),
    kill: () => { void worker.terminate(); },
  };
}

const HOOK_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** the server's Node flags less its module hooks; undefined: the server has none, a worker inherits its flags */
let runtimeFlags: string[] | undefined | null = null;

/**
 * A worker runtime starts with the server's Node flags less its module hooks
 * (--import, --require, --loader): an environment loads only its handler
 * (runtime.mjs registers tsx itself for a TypeScript one), and the server's
 * hooks would add a loader thread and their start-up to every environment.
 * Process-wide flags (V8's) apply to workers already and may not be given
 * again: those Node names are left out once it has named them.
 */
function startWorker(options: WorkerOptions): Worker {
  if (runtimeFlags === null) runtimeFlags = withoutHooks(process.execArgv);
  if (runtimeFlags === undefined) return new Worker(RUNTIME, options);
  try {
    return new Worker(RUNTIME, { ...options, execArgv: runtimeFlags });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    const named = new Set(/flags: (.*)$/.exec((e as Error).message)?.[1]?.split(', ') ?? []);
    const kept = runtimeFlags.filter((f) => !named.has(f));
    try {
      const worker = new Worker(RUNTIME, { ...options, execArgv: kept });
      runtimeFlags = kept;
      return worker;
    } catch {
      runtimeFlags = undefined;
      return new Worker(RUNTIME, options);
    }
  }
}

function withoutHooks(argv: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let hooks = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    if (HOOK_FLAGS.has(a)) { hooks = true; i++; continue; }
    if (eq > 0 && HOOK_FLAGS.has(a.slice(0, eq))) { hooks = true; continue; }
    out.push(a);
  }
  return hooks ? out : undefined;
}

/** The runtime knows its module and function context already: a call sends only what varies. */
function invokeMessage(calls: readonly SentCall[]): unknown[] {
  // built by push: a packed array is cloned element by element, a holey one as a sparse object
  const msg: unknown[] = [];
  for (const { seq, job } of calls) msg.push(seq, job.payload, job.requestId, job.deadline, job.captureLogs);
  return msg;
}
