// Scenario 6: 100,000 executions parked in a Wait state, then 100,000
// parked on task tokens. Memory per parked execution (heap after a full
// collection, less the harness's inputs), timer lateness when the Waits
// fire, and how fast parked callbacks are released.
import { FUNCTION_ARN, type Contender, type Handlers, type Machine } from '../contenders/contender.js';
import type { SwitchyardContender } from '../contenders/switchyard.js';
import { settledHeap } from '../lib/memory.js';
import { spread } from '../lib/stats.js';
import { type Figures, type RunOptions, type Scenario, scaled } from './scenario.js';

export function waitDefinition(): object {
  return {
    Comment: 'bench: parked in Wait',
    StartAt: 'Park',
    States: {
      Park: { Type: 'Wait', TimestampPath: '$.at', Next: 'Mark' },
      Mark: { Type: 'Task', Resource: FUNCTION_ARN, End: true },
    },
  };
}

/**
 * Switchyard parks on a real .waitForTaskToken; the reference has no task
 * tokens, so its nearest equivalent is a local handler whose promise is
 * resolved later.
 */
export function callbackDefinition(c: Contender): object {
  const Park = c.id === 'switchyard'
    ? { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', End: true,
      Parameters: { FunctionName: FUNCTION_ARN, Payload: { 'token.$': '$$.Task.Token', 'i.$': '$.i' } } }
    : { Type: 'Task', Resource: FUNCTION_ARN, End: true };
  return { Comment: 'bench: parked on a callback', StartAt: 'Park', States: { Park } };
}

/** starts every execution; resolves once all are parked, with a promise of them all ending */
async function park(m: Machine, inputs: readonly object[], texts: readonly string[]): Promise<{ parkMs: number; ended: Promise<void> }> {
  let left = inputs.length;
  let failure: unknown;
  let ended!: () => void;
  const all = new Promise<void>((resolve) => { ended = resolve; });
  // the same two callbacks for every run: the harness adds no closure per execution to what is measured
  const ok = (): void => { if (--left === 0) ended(); };
  const failed = (e: unknown): void => { failure ??= e; ok(); };
  const t0 = performance.now();
  for (let i = 0; i < inputs.length; i++) m.run(inputs[i], texts[i]).then(ok, failed);
  // the reference moves between states in promise callbacks: let them run until it sleeps
  await new Promise((r) => setImmediate(r));
  const parkMs = performance.now() - t0;
  return { parkMs, ended: all.then(() => { if (failure) throw failure; }) };
}

async function parkedInWait(c: Contender, opts: RunOptions): Promise<Figures> {
  const n = scaled(opts, 100_000, 2_000);
  const budgetMs = scaled(opts, 12_000, 1_500);
  const spreadMs = scaled(opts, 5_000, 500);
  const lateness: number[] = [];
  const handlers: Handlers = { Mark: (e: { at: string }) => { lateness.push(Date.now() - Date.parse(e.at)); return {}; } };
  const m = c.machine(waitDefinition(), handlers);
  // JIT warm-up through the path measured: Waits that park and fire (a timestamp already past parks nothing, so a
  // warm-up due at once left Switchyard's firing path to be compiled, and deoptimised, in the first 200 ms of the
  // window: 5,000 firings at 20-60 ms late, a p99 of their own), due over 250 ms from shortly after they park
  const warmAt = Date.now() + 250;
  const warm = Array.from({ length: 5000 }, (_, i) => ({ i, at: new Date(warmAt + Math.floor((i * 250) / 5000)).toISOString() }));
  await (await park(m, warm, warm.map((x) => JSON.stringify(x)))).ended;
  lateness.length = 0;
  const base = Date.now() + budgetMs;
  const inputs = Array.from({ length: n }, (_, i) => ({ i, at: new Date(base + Math.floor((i * spreadMs) / n)).toISOString() }));
  const texts = inputs.map((x) => JSON.stringify(x));
  const heap0 = await settledHeap();
  const { parkMs, ended } = await park(m, inputs, texts);
  const heap1 = await settledHeap();
  const overrunMs = Math.max(0, Date.now() - base);
  await ended;
  if (lateness.length !== n) throw new Error(`${lateness.length} of ${n} waits fired`);
  const l = spread(lateness);
  return { bytes: (heap1 - heap0) / n, parkRate: n / (parkMs / 1000), lateP50: l.p50, lateP99: l.p99, lateMax: l.max, overrunMs };
}

async function parkedOnCallback(c: Contender, opts: RunOptions): Promise<Figures> {
  const n = scaled(opts, 100_000, 2_000);
  // the parked callbacks, filled from the start (their list's own growth is not the contender's memory)
  const tokens = new Array<string>(n);
  const resolvers = new Array<(v: unknown) => void>(n);
  let parked = 0;
  const sy = c.id === 'switchyard' ? c as SwitchyardContender : undefined;
  const handlers: Handlers = sy
    ? { Park: (p: { taskToken: string }) => { tokens[parked++] = p.taskToken; } }
    : { Park: () => new Promise((resolve) => { resolvers[parked++] = resolve; }) };
  const release = sy
    ? () => { for (let i = 0; i < parked; i++) { void sy.sendTaskSuccess(tokens[i]!, { ok: true }); tokens[i] = ''; } parked = 0; }
    : () => { for (let i = 0; i < parked; i++) { resolvers[i]!({ ok: true }); resolvers[i] = noop; } parked = 0; };
  const m = c.machine(callbackDefinition(c), handlers);
  const warm = Array.from({ length: 1000 }, (_, i) => ({ i }));
  const w = await park(m, warm, warm.map((x) => JSON.stringify(x))); // JIT warm-up
  release();
  await w.ended;
  const inputs = Array.from({ length: n }, (_, i) => ({ i }));
  const texts = inputs.map((x) => JSON.stringify(x));
  const heap0 = await settledHeap();
  const { parkMs, ended } = await park(m, inputs, texts);
  const heap1 = await settledHeap();
  if (parked !== n) throw new Error(`${parked} of ${n} executions reached their callback`);
  const t0 = performance.now();
  release();
  await ended;
  return { bytes: (heap1 - heap0) / n, parkRate: n / (parkMs / 1000), releaseRate: n / ((performance.now() - t0) / 1000) };
}

const noop = (): void => {};

const BYTES = { key: 'bytes', label: 'memory per parked execution', unit: 'B', better: 'lower', absoluteTarget: 2048 } as const;
const PARK_RATE = { key: 'parkRate', label: 'parking: executions/s', unit: '/s', better: 'higher' } as const;

export const parkedWait: Scenario = {
  id: 'parked-wait',
  title: '6a. 100,000 executions parked in Wait (due over 5 s)',
  metrics: [
    BYTES, PARK_RATE,
    { key: 'lateP50', label: 'timer lateness p50', unit: 'ms', better: 'lower' },
    { key: 'lateP99', label: 'timer lateness p99', unit: 'ms', better: 'lower', absoluteTarget: 20 },
    { key: 'lateMax', label: 'timer lateness max', unit: 'ms', better: 'lower' },
  ],
  run: parkedInWait,
};

export const parkedCallback: Scenario = {
  id: 'parked-token',
  title: '6b. 100,000 executions parked on task tokens',
  metrics: [BYTES, PARK_RATE, { key: 'releaseRate', label: 'callback release: executions/s', unit: '/s', better: 'higher' }],
  run: parkedOnCallback,
};
