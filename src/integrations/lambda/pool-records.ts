// What the pool of execution environments (environments.ts) keeps: per
// handler file, per environment and per call.
import type { Cancellation } from './backend.js';
import type { Fifo } from './fifo.js';
import { SLOTS, type Channel, type FunctionContext, type InvokeJob, type RuntimeReply, type SentCall } from './environment.js';

/** One handler file: its waiting calls and its environments. */
export interface Fn {
  readonly file: string;
  /** the function context of the first call of this file (every call of one file has the same) */
  readonly context: FunctionContext;
  /** calls in arrival order; some may have stopped waiting */
  readonly queue: Fifo<Call>;
  waiting: number;
  /** environments alive for this file */
  envs: number;
  /** its environments holding calls whose oldest has not run LONG_MS yet */
  busy: number;
  /** environments holding no call, longest idle first */
  readonly idle: Set<Env>;
  /** environments holding calls with room for as many again */
  readonly open: Set<Env>;
  /** average handler time (ms, recent calls weigh most); NaN until one is known */
  handlerMs: number;
  /** calls one warm environment may hold */
  batch: number;
}

export const WAITING = 0;
export const SENT = 1;
export const DONE = 2;

export class Env {
  /** calls sent and not answered, at seq % SLOTS */
  readonly held: (Call | undefined)[] = new Array<Call | undefined>(SLOTS);
  /** seq of the oldest call held (the one running, or next to run); `next` when none */
  first = 0;
  /** seq of the next call sent */
  next = 0;
  count = 0;
  /** when the oldest call held became the oldest: it runs from about then */
  since = 0;
  /** has answered a call: its handler module is loaded */
  warm = false;
  /** counted in its function's `busy`: holds calls, the oldest not running LONG_MS yet */
  busy = false;
  /** its oldest call has run LONG_MS: it takes no more calls until that one ends */
  stalled = false;
  dead = false;
  /** the function timeout of the oldest call held */
  watchdog: NodeJS.Timeout | undefined = undefined;
  watchDue = 0;
  /** looks at the oldest call once it has run LONG_MS */
  long: NodeJS.Timeout | undefined = undefined;
  longFirst = -1;
  idleTimer: NodeJS.Timeout | undefined = undefined;
  idleSince = 0;
  channel!: Channel;
  constructor(readonly fn: Fn) {}
}

export type Done<A> = (reply: RuntimeReply, arg: A, job: InvokeJob) => void;

export class Call implements SentCall {
  state = WAITING;
  env: Env | undefined = undefined;
  seq = -1;
  /** its cancellation's signal has this call as a listener (it has run LONG_MS) */
  listening = false;
  constructor(
    readonly pool: { cancel(call: Call): void }, readonly fn: Fn, readonly job: InvokeJob, readonly timeoutMs: number,
    readonly cancel: Cancellation | undefined, readonly done: Done<any>, readonly arg: unknown,
  ) {}

  /** the signal's abort listener, as an EventListener object (no closure per call) */
  handleEvent(): void { this.pool.cancel(this); }
}

/** The calls `env` holds, oldest first. */
export function heldCalls(env: Env): Call[] {
  const out: Call[] = [];
  for (let s = env.first; s < env.next && out.length < env.count; s++) {
    const c = env.held[s % SLOTS];
    if (c) out.push(c);
  }
  return out;
}

/** The head of a queue after dropping the calls that no longer wait. */
export function oldest(q: Fifo<Call>): Call | undefined {
  let c = q.peek();
  while (c && c.state !== WAITING) { q.shift(); c = q.peek(); }
  return c;
}

export function first(set: Set<Env>): Env | undefined {
  for (const env of set) return env;
  return undefined;
}

/** What Lambda answers when the runtime exits mid-invocation. */
export function exitError(job: InvokeJob, detail: string): RuntimeReply {
  const errorMessage = `RequestId: ${job.requestId} Error: Runtime exited with error: ${detail}`;
  return { kind: 'functionError', errorType: 'Runtime.ExitError', payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage }) };
}

/** What Lambda answers when a function runs past its own timeout. */
export function timedOut(job: InvokeJob, timeoutMs: number): RuntimeReply {
  const errorMessage = `RequestId: ${job.requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
  return { kind: 'functionError', errorType: 'Sandbox.Timedout', payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }) };
}
