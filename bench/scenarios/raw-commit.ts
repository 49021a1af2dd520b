// The reference of the durable scenarios: the raw commit rate of the
// databases under the durable stores, SQLite (one file, WAL,
// synchronous=FULL, as SqliteStore opens it) and PostgreSQL (autocommit
// single-row INSERTs). Skipped when better-sqlite3 or pg is not installed,
// or the PostgreSQL server does not answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type Figures, type RunOptions, type Scenario, scaled } from './scenario.js';

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

