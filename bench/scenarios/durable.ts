// Scenario 5: the durable engine on SQLite (synchronous=FULL) and on
// PostgreSQL, every transition committed before it is acted on. The
// reference figures are the raw commit rates of raw-commit.ts, measured in
// the same run. A "state transition" is one state entered: ten per chain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DurableStore } from '../../src/store/durable-store.js';
import type { SwitchyardContender } from '../contenders/switchyard.js';
import { FUNCTION_ARN, type Handlers } from '../contenders/contender.js';
import { spread } from '../lib/stats.js';
import { CHAIN_INPUT, chainDefinition, drive } from './chain.js';
import { POSTGRES_URL } from './raw-commit.js';
import { type Figures, type RunOptions, type Scenario, scaled } from './scenario.js';

export function taskChainDefinition(length = 10): object {
  const States: Record<string, object> = {};
  for (let i = 1; i <= length; i++) {
    States[`Task${i}`] = { Type: 'Task', Resource: FUNCTION_ARN, ...(i < length ? { Next: `Task${i + 1}` } : { End: true }) };
  }
  return { Comment: 'bench: Task chain', StartAt: 'Task1', States };
}

const taskHandlers: Handlers = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [`Task${i + 1}`, (e: { n?: number }) => ({ ...e, n: (e.n ?? 0) + 1 })]),
);

async function contender(store: DurableStore): Promise<SwitchyardContender> {
  const { SwitchyardContender } = await import('../contenders/switchyard.js');
  return new SwitchyardContender({ store });
}

/** executions/s, latencies and the engine's writes per execution for `total` runs, `inFlight` at a time */
async function measureDurable(sy: SwitchyardContender, definition: object, handlers: Handlers, total: number, inFlight: number):
  Promise<{ perSecond: number; latencies: number[]; transitionsPer: number; batchesPer: number }> {
  const m = sy.machine(definition, handlers);
  const text = JSON.stringify(CHAIN_INPUT);
  const before = { ...sy.engine.commitStats };
  const r = await drive(m, total, inFlight, CHAIN_INPUT, text);
  const after = sy.engine.commitStats;
  return { ...r, transitionsPer: (after.transitions - before.transitions) / total, batchesPer: (after.batches - before.batches) / total };
}

async function sqliteChain(opts: RunOptions): Promise<Figures> {
  let SqliteStore: typeof import('../../src/store/sqlite/sqlite-store.js').SqliteStore;
  try { ({ SqliteStore } = await import('../../src/store/sqlite/sqlite-store.js')); } catch { return {}; }
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const store = new SqliteStore({ path: join(dir, 'bench.db') });
  const sy = await contender(store);
  try {
    await measureDurable(sy, chainDefinition(), {}, scaled(opts, 200, 20), 10); // JIT warm-up
    const seq = await measureDurable(sy, chainDefinition(), {}, scaled(opts, 300, 20), 1);
    const par = await measureDurable(sy, chainDefinition(), {}, scaled(opts, 5_000, 200), 100);
    return { seqRate: seq.perSecond * 10, seqP50: spread(seq.latencies).p50, parRate: par.perSecond * 10,
      parP50: spread(par.latencies).p50, parBatches: par.batchesPer };
  } finally {
    await sy.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresChains(opts: RunOptions): Promise<Figures> {
  let PostgresStore: typeof import('../../src/store/postgres/postgres-store.js').PostgresStore;
  let pg: typeof import('pg')['default'];
  try {
    ({ PostgresStore } = await import('../../src/store/postgres/postgres-store.js'));
    pg = (await import('pg')).default;
  } catch { return {}; }
  const schema = `switchyard_bench_${randomBytes(4).toString('hex')}`;
  let store: DurableStore;
  try { store = await PostgresStore.open({ connectionString: POSTGRES_URL, schema }); } catch (e) {
    console.error(`bench: PostgreSQL at ${POSTGRES_URL} unavailable (${(e as Error).message}); scenario skipped`);
    return {};
  }
  const sy = await contender(store);
  try {
    await measureDurable(sy, taskChainDefinition(), taskHandlers, scaled(opts, 200, 20), 50); // JIT warm-up
    const seq = await measureDurable(sy, chainDefinition(), {}, scaled(opts, 300, 20), 1);
    const chain = await measureDurable(sy, chainDefinition(), {}, scaled(opts, 3_000, 200), 100);
    const tasks = await measureDurable(sy, taskChainDefinition(), taskHandlers, scaled(opts, 2_000, 100), 100);
    return { seqRate: seq.perSecond * 10, seqP50: spread(seq.latencies).p50, chainRate: chain.perSecond * 10, chainP50: spread(chain.latencies).p50,
      taskRate: tasks.perSecond, taskP50: spread(tasks.latencies).p50, taskTransitions: tasks.transitionsPer, taskBatches: tasks.batchesPer };
  } finally {
    await sy.close();
    await store.close();
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

export const durableSqlite: Scenario = {
  id: 'durable-sqlite',
  title: '5a. SQLite (WAL, synchronous=FULL): 10-state chain, every transition durable',
  referenceFrom: 'raw-commit',
  contenders: ['switchyard'],
  metrics: [
    { key: 'seqRate', refKey: 'sqliteTx1', label: '1 in flight: state transitions/s (ref: 1-row commits/s)', unit: '/s', better: 'higher' },
    { key: 'seqP50', label: '1 in flight: latency p50 of one execution', unit: 'ms', better: 'lower', absoluteTarget: 3 },
    { key: 'parRate', refKey: 'sqliteTx1', label: '100 in flight: state transitions/s (ref: 1-row commits/s)', unit: '/s', better: 'higher', absoluteTarget: 50_000 },
    { key: 'parP50', label: '100 in flight: latency p50', unit: 'ms', better: 'lower' },
    { key: 'parBatches', label: '100 in flight: database commits per execution', unit: '', better: 'lower' },
  ],
  run: (_c, opts) => sqliteChain(opts),
};

export const durablePostgres: Scenario = {
  id: 'durable-postgres',
  title: '5b. PostgreSQL: 10-state chain (1 and 100 in flight) and 10-Task chain (100 in flight)',
  referenceFrom: 'raw-commit',
  contenders: ['switchyard'],
  metrics: [
    { key: 'seqRate', refKey: 'pgCommits1', label: '10-state chain, 1 in flight: state transitions/s (ref: 1-conn commits/s)', unit: '/s', better: 'higher' },
    { key: 'seqP50', label: '10-state chain, 1 in flight: latency p50 of one execution', unit: 'ms', better: 'lower' },
    { key: 'chainRate', refKey: 'pgCommits16', label: '10-state chain, 100 in flight: state transitions/s (ref: 16-conn commits/s)', unit: '/s', better: 'higher' },
    { key: 'chainP50', label: '10-state chain, 100 in flight: latency p50', unit: 'ms', better: 'lower' },
    { key: 'taskRate', label: '10-Task chain: executions/s', unit: '/s', better: 'higher', absoluteTarget: 1_400 },
    { key: 'taskP50', label: '10-Task chain: latency p50', unit: 'ms', better: 'lower' },
    { key: 'taskTransitions', label: '10-Task chain: transitions written per execution', unit: '', better: 'lower', absoluteTarget: 12 },
    { key: 'taskBatches', label: '10-Task chain: database commits per execution', unit: '', better: 'lower' },
  ],
  run: (_c, opts) => postgresChains(opts),
};
