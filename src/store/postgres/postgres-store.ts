// DurableStore on PostgreSQL through a pg Pool, for several worker processes
// on one database: leases taken with SELECT ... FOR UPDATE SKIP LOCKED,
// "work available" through LISTEN/NOTIFY (work-channel.ts), group commit with
// set-based statements (commit.ts).
import pg from 'pg';
import type { HistoryEvent } from '../../asl/index.js';
import {
  type DurableStore, type ExecutionQuery, type ExecutionSummary, type HistoryQuery, type Lease, type Page,
  type StateMachineRecord, type StoredExecution, type TaskRecord, type TaskResult, type TaskTokenTarget,
  type TimerRecord, type Transition, type TransitionOutcome,
  executionToken, pageSize, parseExecutionToken,
} from '../durable-store.js';
import {
  EXECUTION_COLUMNS, SUMMARY_COLUMNS, type ExecutionRow, type Num, type SummaryRow, type TaskRow, type TimerRow,
  toEvent, toExecution, toStateMachine, toSummary, toTask, toTimer,
} from '../durable/rows.js';
import { EVENTS_PER_ROW, commitBatch, statementName } from './commit.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { WorkChannel, type WorkHint } from './work-channel.js';

export interface PostgresStoreOptions {
  /** postgres://USER@HOST:PORT/DB */
  readonly connectionString: string;
  /** tables live in this schema (created if missing); default: the server's search_path */
  readonly schema?: string;
  /** pool size: concurrent queries and group commits */
  readonly maxConnections?: number;
}

const DEFAULT_CONNECTIONS = 10;

// A history row holds the events first_id..id (one event id when first_id is
// NULL; see eventRows() in commit.ts). A page reads rows in id order, "n"
// counting each row's events on the page's side of afterId, and stops at the
// row that fills it.
const HISTORY_FORWARD = `SELECT body FROM (
  SELECT id, body, id - greatest(coalesce(first_id, id), $2::bigint + 1) + 1 AS n,
    sum(id - greatest(coalesce(first_id, id), $2::bigint + 1) + 1) OVER (ORDER BY id) AS upto
  FROM history_events WHERE execution_arn = $1 AND id > $2::bigint ORDER BY id LIMIT $3::int) AS h
WHERE $3::int IS NULL OR upto - n < $3::int ORDER BY id`;

// backwards, the row holding event afterId - 1 ends at most EVENTS_PER_ROW - 1 ids later
const HISTORY_BACKWARD = `SELECT body FROM (
  SELECT id, body, least(id, $2::bigint - 1) - coalesce(first_id, id) + 1 AS n,
    sum(least(id, $2::bigint - 1) - coalesce(first_id, id) + 1) OVER (ORDER BY id DESC) AS upto
  FROM history_events WHERE execution_arn = $1 AND id < $2::bigint + ${EVENTS_PER_ROW} AND coalesce(first_id, id) < $2::bigint
  ORDER BY id DESC LIMIT $3::int) AS h
WHERE $3::int IS NULL OR upto - n < $3::int ORDER BY id DESC`;

/** the execution columns, with the execution's info stored beside its state (NULL: inside it, as rows written before) */
const COLUMNS = `${EXECUTION_COLUMNS}, info`;
const E = COLUMNS.split(', ').map((c) => `e.${c}`).join(', ');
type Row = ExecutionRow & { info: string | null };

function execution(r: Row): StoredExecution {
  const rec = toExecution(r);
  if (r.info === null) return rec;
  // info first, as the engine's states have it
  return { ...rec, state: { info: JSON.parse(r.info) as unknown, ...(rec.state as object) } as StoredExecution['state'] };
}

export class PostgresStore implements DurableStore {
  /** NOTIFY channel for "work available" (one per schema, so test schemas do not hear each other) */
  readonly channel: string;

  /** group commits in flight at once: batches never share an execution, and lock their rows in ARN order; two connections stay for reads */
  readonly commitConcurrency: number;

  /** transitions this store has committed (the commit statement is planned again as it grows) */
  private committed = 0;

  /** execution infos the database holds as they are (CommitOptions.infos) */
  private readonly infos = new WeakSet<object>();

  private constructor(readonly opts: PostgresStoreOptions, readonly pool: pg.Pool) {
    this.channel = `switchyard_work${opts.schema ? '_' + opts.schema : ''}`.slice(0, 63);
    this.commitConcurrency = Math.max(1, (opts.maxConnections ?? DEFAULT_CONNECTIONS) - 2);
  }

  static async open(opts: PostgresStoreOptions): Promise<PostgresStore> {
    if (opts.schema) {
      const c = new pg.Client({ connectionString: opts.connectionString });
      await c.connect();
      try { await c.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(opts.schema)}`); } finally { await c.end(); }
    }
    const pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.maxConnections ?? DEFAULT_CONNECTIONS,
      ...(opts.schema && { options: `-c search_path=${pg.escapeIdentifier(opts.schema)}` }),
    });
    // an idle client that loses its connection must not crash the process
    pool.on('error', () => undefined);
    const store = new PostgresStore(opts, pool);
    const client = await pool.connect();
    try { await migrate(client, MIGRATIONS, Date.now()); } finally { client.release(); }
    return store;
  }

  private async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  private async tx<R>(fn: (c: pg.PoolClient) => Promise<R>): Promise<R> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  /** listens for "work available" hints from other processes; resolves to a function that stops listening */
  async listen(onWork: (hint: WorkHint) => void): Promise<() => Promise<void>> {
    const ch = await WorkChannel.listen({ connectionString: this.opts.connectionString, channel: this.channel, onWork });
    return () => ch.close();
  }

  // ---- state machines
  async getDocument(key: string): Promise<string | undefined> {
    const r = await this.pool.query('SELECT body FROM documents WHERE key = $1', [key]);
    return r.rows[0]?.body as string | undefined;
  }

  async putDocument(key: string, body: string | undefined): Promise<void> {
    if (body === undefined) await this.pool.query('DELETE FROM documents WHERE key = $1', [key]);
    else await this.pool.query('INSERT INTO documents (key, body) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET body = excluded.body', [key, body]);
  }

  async putStateMachine(sm: StateMachineRecord): Promise<void> {
    await this.pool.query(`INSERT INTO state_machines (arn, record) VALUES ($1, $2)
      ON CONFLICT (arn) DO UPDATE SET record = excluded.record`, [sm.arn, JSON.stringify(sm)]);
  }

  async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> {
    const [r] = await this.rows<{ record: string }>('SELECT record FROM state_machines WHERE arn = $1', [arn]);
    return r && toStateMachine(r.record);
  }

  async listStateMachines(): Promise<readonly StateMachineRecord[]> {
    return (await this.rows<{ record: string }>('SELECT record FROM state_machines ORDER BY arn')).map((r) => toStateMachine(r.record));
  }

  async deleteStateMachine(arn: string): Promise<void> {
    await this.pool.query('DELETE FROM state_machines WHERE arn = $1', [arn]);
  }

  // ---- group commit
  async commitTransitions(batch: readonly Transition[]): Promise<readonly TransitionOutcome[]> {
    if (!batch.length) return [];
    const statement = statementName(this.committed);
    const c = await this.pool.connect();
    try {
      const out = await commitBatch(c, batch, { channel: this.channel, statement, infos: this.infos });
      this.committed += batch.length;
      return out;
    } finally { c.release(); }
  }

  // ---- executions
  async getExecution(arn: string): Promise<StoredExecution | undefined> {
    const [r] = await this.rows<Row>(`SELECT ${COLUMNS} FROM executions WHERE arn = $1`, [arn]);
    return r && execution(r);
  }

  async listExecutions(q: ExecutionQuery): Promise<Page<ExecutionSummary>> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => { args.push(v); return `$${args.length}`; };
    if (q.stateMachineArn !== undefined) where.push(`state_machine_arn = ${arg(q.stateMachineArn)}`);
    if (q.status !== undefined) where.push(`status = ${arg(q.status)}`);
    if (q.nextToken !== undefined) {
      const k = parseExecutionToken(q.nextToken);
      where.push(`(start_date, arn) < (${arg(k.startDate)}, ${arg(k.arn)})`);
    }
    const limit = pageSize(q.limit);
    const rows = await this.rows<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM executions
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY start_date DESC, arn DESC LIMIT ${arg(limit + 1)}`, args);
    const items = rows.slice(0, limit).map(toSummary);
    const last = items[items.length - 1];
    return rows.length > limit && last ? { items, nextToken: executionToken(last.startDate, last.executionArn) } : { items };
  }

  async runningExecutions(): Promise<readonly StoredExecution[]> {
    return (await this.rows<Row>(`SELECT ${COLUMNS} FROM executions WHERE status = 'RUNNING'
      ORDER BY start_date, arn`)).map(execution);
  }

  async history(arn: string, q: HistoryQuery = {}): Promise<readonly HistoryEvent[]> {
    const limit = q.limit === undefined ? null : Math.max(1, Math.floor(q.limit));
    const reverse = q.reverse === true;
    const from = q.afterId ?? (reverse ? 2 ** 31 - 1 : 0);
    const rows = await this.rows<{ body: string }>(reverse ? HISTORY_BACKWARD : HISTORY_FORWARD, [arn, from, limit]);
    const out: HistoryEvent[] = [];
    for (const r of rows) {
      const doc = toEvent(r.body) as HistoryEvent | HistoryEvent[];
      if (!Array.isArray(doc)) out.push(doc);
      else if (reverse) { for (let i = doc.length - 1; i >= 0; i--) if (doc[i]!.id < from) out.push(doc[i]!); }
      else for (const ev of doc) if (ev.id > from) out.push(ev);
    }
    if (limit !== null && out.length > limit) out.length = limit;
    return out;
  }

  async deleteExecutionsBefore(stopDate: number, limit = 1000): Promise<readonly string[]> {
    return this.tx(async (c) => {
      const r = await c.query<{ arn: string }>(`DELETE FROM executions WHERE arn IN (SELECT arn FROM executions
        WHERE stop_date < $1 AND status <> 'RUNNING' ORDER BY stop_date LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING arn`,
      [stopDate, limit]);
      const arns = r.rows.map((row) => row.arn);
      for (const table of ['history_events', 'timers', 'tasks', 'task_tokens']) {
        if (arns.length) await c.query(`DELETE FROM ${table} WHERE execution_arn = ANY($1::text[])`, [arns]);
      }
      return arns;
    });
  }

  // ---- timers
  async dueTimers(now: number, limit: number, owner?: string): Promise<readonly TimerRecord[]> {
    const rows = owner === undefined
      ? await this.rows<TimerRow>(`SELECT * FROM timers WHERE due_at <= $1
          ORDER BY due_at, execution_arn, timer_id LIMIT $2`, [now, limit])
      : await this.rows<TimerRow>(`SELECT t.* FROM timers t JOIN executions e ON e.arn = t.execution_arn
          WHERE t.due_at <= $1 AND e.lease_owner = $2 ORDER BY t.due_at, t.execution_arn, t.timer_id LIMIT $3`, [now, owner, limit]);
    return rows.map(toTimer);
  }

  async nextTimerDue(owner?: string): Promise<number | undefined> {
    const [r] = owner === undefined
      ? await this.rows<{ d: Num | null }>('SELECT min(due_at) AS d FROM timers')
      : await this.rows<{ d: Num | null }>(`SELECT min(t.due_at) AS d FROM timers t
          JOIN executions e ON e.arn = t.execution_arn WHERE e.lease_owner = $1`, [owner]);
    return r?.d == null ? undefined : Number(r.d);
  }

  async timersOf(executionArn: string): Promise<readonly TimerRecord[]> {
    return (await this.rows<TimerRow>('SELECT * FROM timers WHERE execution_arn = $1 ORDER BY due_at, timer_id', [executionArn]))
      .map(toTimer);
  }

  // ---- tasks
  async tasksOf(executionArn: string): Promise<readonly TaskRecord[]> {
    return (await this.rows<TaskRow>('SELECT * FROM tasks WHERE execution_arn = $1 ORDER BY task_id', [executionArn])).map(toTask);
  }

  async recordTaskResults(results: readonly (TaskTokenTarget & { readonly result: TaskResult })[]): Promise<readonly boolean[]> {
    if (!results.length) return [];
    return this.tx(async (c) => {
      // the execution rows first, in ARN order, as a group commit takes them: no deadlock between the two
      await c.query('SELECT arn FROM executions WHERE arn = ANY($1::text[]) ORDER BY arn FOR SHARE',
        [[...new Set(results.map((r) => r.executionArn))]]);
      const r = await c.query<{ a: string; id: string }>(`UPDATE tasks t SET status = 'completed', result = x.r
        FROM (SELECT DISTINCT ON (a, id) a, id, r, n FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY
          AS u(a, id, r, n) ORDER BY a, id, n) AS x
        WHERE t.execution_arn = x.a AND t.task_id = x.id AND t.status <> 'completed'
        RETURNING t.execution_arn AS a, t.task_id AS id`,
      [results.map((x) => x.executionArn), results.map((x) => x.taskId), results.map((x) => JSON.stringify(x.result))]);
      const recorded = new Set(r.rows.map((row) => JSON.stringify([row.a, row.id])));
      if (recorded.size) await c.query('SELECT pg_notify($1, $2)', [this.channel, 'tasks']);
      // the first delivery of a task in this call wins; repeats are duplicates
      return results.map((x) => recorded.delete(JSON.stringify([x.executionArn, x.taskId])));
    });
  }

  async completedTasks(limit: number, owner?: string): Promise<readonly TaskRecord[]> {
    const rows = owner === undefined
      ? await this.rows<TaskRow>(`SELECT * FROM tasks WHERE status = 'completed' ORDER BY execution_arn, task_id LIMIT $1`, [limit])
      : await this.rows<TaskRow>(`SELECT t.* FROM tasks t JOIN executions e ON e.arn = t.execution_arn
          WHERE t.status = 'completed' AND e.lease_owner = $1 ORDER BY t.execution_arn, t.task_id LIMIT $2`, [owner, limit]);
    return rows.map(toTask);
  }

  async resolveTaskToken(token: string): Promise<TaskTokenTarget | undefined> {
    const [r] = await this.rows<{ execution_arn: string; task_id: string }>(
      'SELECT execution_arn, task_id FROM task_tokens WHERE token = $1', [token]);
    return r && { executionArn: r.execution_arn, taskId: r.task_id };
  }

  // ---- leases
  async claimExecutions(workerId: string, limit: number, leaseMs: number, now: number): Promise<readonly StoredExecution[]> {
    const rows = await this.rows<Row>(`UPDATE executions e SET lease_owner = $1, lease_expires_at = $2
      FROM (SELECT arn FROM executions WHERE status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at <= $3)
        ORDER BY start_date, arn LIMIT $4 FOR UPDATE SKIP LOCKED) AS c
      WHERE e.arn = c.arn RETURNING ${E}`, [workerId, now + leaseMs, now, limit]);
    return rows.map(execution);
  }

  async renewLease(workerId: string, arns: readonly string[], leaseMs: number, now: number): Promise<readonly string[]> {
    const rows = await this.rows<{ arn: string }>(`UPDATE executions SET lease_expires_at = $1
      WHERE arn IN (SELECT arn FROM executions WHERE lease_owner = $2 AND arn = ANY($3::text[]) ORDER BY arn FOR NO KEY UPDATE)
        AND lease_owner = $2 RETURNING arn`, [now + leaseMs, workerId, arns]);
    return rows.map((r) => r.arn);
  }

  async releaseLease(workerId: string, arns: readonly string[]): Promise<void> {
    await this.pool.query(`UPDATE executions SET lease_owner = NULL, lease_expires_at = NULL
      WHERE arn IN (SELECT arn FROM executions WHERE lease_owner = $1 AND arn = ANY($2::text[]) ORDER BY arn FOR NO KEY UPDATE)
        AND lease_owner = $1`, [workerId, arns]);
  }

  async leaseOf(arn: string): Promise<Lease | undefined> {
    const [r] = await this.rows<{ lease_owner: string | null; lease_expires_at: Num | null }>(
      'SELECT lease_owner, lease_expires_at FROM executions WHERE arn = $1', [arn]);
    return r?.lease_owner != null && r.lease_expires_at != null
      ? { owner: r.lease_owner, expiresAt: Number(r.lease_expires_at) } : undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
