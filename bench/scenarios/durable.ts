// Scenarios 5 and 7 need the durable engine (issue 4), which the engine does
// not take yet: their Switchyard side is a skipped slot. What runs now is the
// reference: the raw commit rate of the databases under it, SQLite (one file,
// WAL, synchronous=FULL) and PostgreSQL (autocommit INSERTs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type Figures, type RunOptions, type Scenario, scaled } from './scenario.js';

export const DURABLE_PENDING = 'durable engine not wired: Engine takes the in-memory Store only (issue 4)';

/** about one history event as a store writes it */
const ROW = JSON.stringify({ id: 3, previousEventId: 2, timestamp: 1_767_225_600_000, type: 'PassStateExited',
  stateExitedEventDetails: { name: 'Step2', output: '{"orderId":"o-1042","customer":{"id":7,"tier":"gold"}}', outputDetails: { truncated: false } } });

/** calls fn until durationMs have passed; returns calls per second times perCall */
function rate(durationMs: number, perCall: number, fn: () => void): number {
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < durationMs) { fn(); calls++; t = performance.now(); }
  return (calls * perCall) / ((t - t0) / 1000);
}

async function sqliteRates(durationMs: number): Promise<Figures> {
  let Database: typeof import('better-sqlite3');
  try { Database = (await import('better-sqlite3')).default; } catch { return {}; }
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO raw (body) VALUES (?)');
    const one = db.transaction(() => { insert.run(ROW); });
    const hundred = db.transaction(() => { for (let i = 0; i < 100; i++) insert.run(ROW); });
    return { sqliteTx1: rate(durationMs, 1, one), sqliteRows100: rate(durationMs, 100, hundred) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const POSTGRES_URL = process.env.SWITCHYARD_BENCH_POSTGRES ?? process.env.SWITCHYARD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresRates(durationMs: number): Promise<Figures> {
  let pg: typeof import('pg')['default'];
  try { pg = (await import('pg')).default; } catch { return {}; }
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try { await admin.connect(); } catch (e) {
    console.error(`bench: PostgreSQL at ${POSTGRES_URL} unreachable (${(e as Error).message}); its references are skipped`);
    return {};
  }
  const table = `switchyard_bench_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, body text NOT NULL)`);
    const commits = async (connections: number): Promise<number> => {
      const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: POSTGRES_URL }));
      await Promise.all(clients.map((c) => c.connect()));
      try {
        let n = 0;
        const t0 = performance.now();
        const deadline = t0 + durationMs;
        await Promise.all(clients.map(async (c) => {
          while (performance.now() < deadline) { await c.query(`INSERT INTO ${table} (body) VALUES ($1)`, [ROW]); n++; }
        }));
        return n / ((performance.now() - t0) / 1000);
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
    };
    return { pgCommits1: await commits(1), pgCommits16: await commits(16) };
  } finally {
    await admin.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await admin.end();
  }
}

export const rawCommit: Scenario = {
  id: 'raw-commit',
  title: '5. durable reference: raw commit rates',
  contenders: ['reference'],
  metrics: [
    { key: 'sqliteTx1', label: 'SQLite WAL FULL, 1 row/tx: commits/s', unit: '/s', better: 'higher' },
    { key: 'sqliteRows100', label: 'SQLite WAL FULL, 100 rows/tx: rows/s', unit: '/s', better: 'higher' },
    { key: 'pgCommits1', label: 'PostgreSQL 1 INSERT/tx, 1 connection: commits/s', unit: '/s', better: 'higher' },
    { key: 'pgCommits16', label: 'PostgreSQL 1 INSERT/tx, 16 connections: commits/s', unit: '/s', better: 'higher' },
  ],
  async run(_c, opts: RunOptions) {
    const ms = scaled(opts, 2_000, 200);
    return { ...(await sqliteRates(ms)), ...(await postgresRates(ms)) };
  },
};

const pending = async (): Promise<Figures> => ({});

/** Slots for the durable scenarios; their reference figures come from raw-commit. */
export const durableSqlite: Scenario = {
  id: 'durable-sqlite',
  title: '5a. SQLite: 10-state chain, every transition durable',
  skip: DURABLE_PENDING,
  referenceFrom: 'raw-commit',
  metrics: [
    { key: 'sqliteTx1', label: '1 in flight: transitions/s (ref: 1-row commits/s)', unit: '/s', better: 'higher' },
    { key: 'sqliteTx1', label: '100 in flight: transitions/s (ref: 1-row commits/s)', unit: '/s', better: 'higher', absoluteTarget: 50_000 },
    { key: 'p50', label: 'latency p50 of one execution', unit: 'ms', better: 'lower', absoluteTarget: 3 },
  ],
  run: pending,
};

export const durablePostgres: Scenario = {
  id: 'durable-postgres',
  title: '5b. PostgreSQL: 10-state chain and 10-Task chain, 100 in flight',
  skip: DURABLE_PENDING,
  referenceFrom: 'raw-commit',
  metrics: [
    { key: 'pgCommits16', label: '10-state chain: transitions/s (ref: 16-conn commits/s)', unit: '/s', better: 'higher' },
    { key: 'tasks', label: '10-Task chain: executions/s', unit: '/s', better: 'higher', absoluteTarget: 1_400 },
    { key: 'commitsPerExecution', label: '10-Task chain: commits per execution', unit: '', better: 'lower', absoluteTarget: 12 },
  ],
  run: pending,
};

export const recovery: Scenario = {
  id: 'recovery',
  title: '7. recovery of 10,000 in-flight durable executions after SIGKILL',
  skip: DURABLE_PENDING,
  contenders: [],
  metrics: [{ key: 'resumeMs', label: 'time to resume all', unit: 'ms', better: 'lower' }],
  run: pending,
};
