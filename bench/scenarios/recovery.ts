// Scenario 7: 10,000 durable executions parked in a Wait on SQLite, the
// process SIGKILLed, a new engine opened on the same file. Figures: time for
// recover() to reload and re-arm them all, and until all have finished (their
// timers are overdue by then: the new engine's clock is set past them).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Clock } from '../../src/engine/clock.js';
import { type Figures, type RunOptions, type Scenario, scaled } from './scenario.js';

export function parkDefinition(): object {
  return {
    Comment: 'bench: parked for recovery',
    StartAt: 'Park',
    States: { Park: { Type: 'Wait', TimestampPath: '$.at', Next: 'Done' }, Done: { Type: 'Pass', End: true } },
  };
}

/** a system clock running `skewMs` ahead */
function aheadClock(inner: Clock, skewMs: number): Clock {
  return { now: () => inner.now() + skewMs, schedule: (dueAt, fn, arg) => inner.schedule(dueAt - skewMs, fn, arg), cancel: (h) => inner.cancel(h) };
}

async function parkAndKill(path: string, n: number, at: string): Promise<number> {
  // the compiled dist/ when run.ts chose it (scripts/prefer-dist.mjs)
  const victim = spawn(process.execPath, ['--import', 'tsx', '--import', resolve(import.meta.dirname, '../../scripts/prefer-dist.mjs'),
    resolve(import.meta.dirname, '../recovery-victim.ts'), path, String(n), at],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const t0 = performance.now();
  await new Promise<void>((ok, fail) => {
    victim.stdout.on('data', (b: Buffer) => { if (b.toString().includes('parked')) ok(); });
    victim.on('exit', (code) => fail(new Error(`recovery victim exited ${code} before parking`)));
  });
  const parkMs = performance.now() - t0;
  const gone = new Promise((r) => victim.once('exit', r));
  victim.kill('SIGKILL');
  await gone;
  return parkMs;
}

async function recoverAfterKill(opts: RunOptions): Promise<Figures> {
  let SqliteStore: typeof import('../../src/store/sqlite/sqlite-store.js').SqliteStore;
  try { ({ SqliteStore } = await import('../../src/store/sqlite/sqlite-store.js')); } catch { return {}; }
  const { Engine } = await import('../../src/engine/engine.js');
  const { SystemClock } = await import('../../src/engine/clock.js');
  const { MemoryStore } = await import('../../src/store/memory/memory-store.js');
  const { REGION, ACCOUNT, executionArnOf } = await import('../contenders/switchyard.js');
  const n = scaled(opts, 10_000, 200);
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const path = join(dir, 'recovery.db');
  const skewMs = 3_600_000;
  const parkMs = await parkAndKill(path, n, new Date(Date.now() + skewMs / 2).toISOString());
  const store = new SqliteStore({ path });
  const engine = new Engine({
    store, expressStore: new MemoryStore(), clock: aheadClock(new SystemClock(), skewMs),
    tasks: { invoke: async () => ({ kind: 'failure', error: 'States.Runtime', cause: 'no tasks here' }) }, region: REGION, account: ACCOUNT,
  });
  try {
    const t0 = performance.now();
    const resumed = await engine.recover();
    const recoverMs = performance.now() - t0;
    if (resumed !== n) throw new Error(`recovered ${resumed} of ${n} executions`);
    const ends = await Promise.all(Array.from({ length: n }, (_, i) => engine.whenDone(executionArnOf('bench-1', `x${i + 1}`))));
    const allDoneMs = performance.now() - t0;
    const failed = ends.filter((e) => e.status !== 'SUCCEEDED').length;
    if (failed) throw new Error(`${failed} recovered executions did not succeed`);
    return { recoverMs, allDoneMs, parkRate: n / (parkMs / 1000) };
  } finally {
    await engine.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const recovery: Scenario = {
  id: 'recovery',
  title: '7. SQLite: 10,000 in-flight executions resumed after SIGKILL',
  contenders: ['switchyard'],
  metrics: [
    { key: 'recoverMs', label: 'recover(): all reloaded and re-armed', unit: 'ms', better: 'lower' },
    { key: 'allDoneMs', label: 'until all finished (their Waits overdue)', unit: 'ms', better: 'lower' },
    { key: 'parkRate', label: 'parking before the kill: executions/s', unit: '/s', better: 'higher' },
  ],
  run: (_c, opts) => recoverAfterKill(opts),
};
