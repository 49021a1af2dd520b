// Raw commit rates of the databases under the durable stores: the reference
// the engine's durable transitions per second are compared with (issue 7).
// SQLite: one file, WAL, synchronous=FULL (as SqliteStore opens it).
// PostgreSQL: autocommit single-row INSERTs, with 1 and with 16 connections.
// Run alone: node --import tsx src/store/durable/bench-raw.ts [postgres-url]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';

export interface RawCommitRates {
  /** single-row insert transactions per second, SQLite WAL synchronous=FULL */
  readonly sqliteSingleRowTxPerSec: number;
  /** rows per second with 100 rows per transaction, same file settings */
  readonly sqliteRowsPerSecBatch100: number;
  /** committed single-INSERT transactions per second on one connection */
  readonly postgresCommitsPerSec1?: number;
  /** the same with 16 connections in parallel */
  readonly postgresCommitsPerSec16?: number;
}

export interface RawBenchOptions {
  /** time spent on each measurement */
  readonly durationMs?: number;
  /** where the SQLite file goes (a fresh temporary folder by default) */
  readonly dir?: string;
  /** postgres://USER@HOST:PORT/DB; PostgreSQL is skipped without it */
  readonly postgresUrl?: string;
}

/** about the size of one history event as the stores write it */
const BODY = JSON.stringify({ id: 1, previousEventId: 0, timestamp: 1_700_000_000_000, type: 'TaskStateEntered',
  stateEnteredEventDetails: { name: 'Extract', input: JSON.stringify({ doc: 's3://bucket/key.pdf', page: 1 }) } });

function sqliteRates(dir: string, durationMs: number): { single: number; batch: number } {
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE raw (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO raw (body) VALUES (?)');
    const one = db.transaction(() => insert.run(BODY));
    const hundred = db.transaction(() => { for (let i = 0; i < 100; i++) insert.run(BODY); });
    const measure = (fn: () => unknown, rowsPerCall: number): number => {
      let rows = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < durationMs) {
        fn();
        rows += rowsPerCall;
        t = performance.now();
      }
      return rows / ((t - t0) / 1000);
    };
    return { single: measure(() => one(), 1), batch: measure(() => hundred(), 100) };
  } finally {
    db.close();
  }
}

async function postgresRate(url: string, schema: string, connections: number, durationMs: number): Promise<number> {
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: url, options: `-c search_path=${schema}` }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    let commits = 0;
    const t0 = performance.now();
    const deadline = t0 + durationMs;
    await Promise.all(clients.map(async (c) => {
      while (performance.now() < deadline) {
        await c.query('INSERT INTO raw (body) VALUES ($1)', [BODY]);
        commits++;
      }
    }));
    return commits / ((performance.now() - t0) / 1000);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

export async function benchRaw(opts: RawBenchOptions = {}): Promise<RawCommitRates> {
  const durationMs = opts.durationMs ?? 3000;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'sy-bench-raw-'));
  let sqlite: { single: number; batch: number };
  try {
    sqlite = sqliteRates(dir, durationMs);
  } finally {
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  }
  const rates = { sqliteSingleRowTxPerSec: sqlite.single, sqliteRowsPerSecBatch100: sqlite.batch };
  if (!opts.postgresUrl) return rates;
  const schema = `sy_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: opts.postgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`CREATE TABLE ${schema}.raw (id bigserial PRIMARY KEY, body text NOT NULL)`);
    const one = await postgresRate(opts.postgresUrl, schema, 1, durationMs);
    const sixteen = await postgresRate(opts.postgresUrl, schema, 16, durationMs);
    return { ...rates, postgresCommitsPerSec1: one, postgresCommitsPerSec16: sixteen };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.argv[2] ?? process.env.SWITCHYARD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
  const r = await benchRaw({ postgresUrl: url });
  const f = (n: number | undefined) => (n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'));
  console.log(`SQLite WAL synchronous=FULL, single-row transactions: ${f(r.sqliteSingleRowTxPerSec)} tx/s`);
  console.log(`SQLite WAL synchronous=FULL, 100 rows per transaction: ${f(r.sqliteRowsPerSecBatch100)} rows/s`);
  console.log(`PostgreSQL single-INSERT commits, 1 connection:   ${f(r.postgresCommitsPerSec1)} commits/s`);
  console.log(`PostgreSQL single-INSERT commits, 16 connections: ${f(r.postgresCommitsPerSec16)} commits/s`);
}
