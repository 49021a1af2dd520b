// DurableStore on one SQLite file through better-sqlite3 (synchronous; each
// method runs to completion inside its promise). WAL with synchronous=FULL:
// a committed transaction survives a power cut. A group commit is one
// BEGIN IMMEDIATE ... COMMIT, so one fsync for the whole batch.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryEvent } from '../../asl/index.js';
import {
  type DurableStore, type ExecutionQuery, type ExecutionSummary, type HistoryQuery, type Lease, type Page,
  type StateMachineRecord, type StoredExecution, type TaskRecord, type TaskResult, type TaskTokenTarget,
  type TimerRecord, type Transition, type TransitionOutcome,
  executionToken, pageSize, parseExecutionToken,
} from '../durable-store.js';
import {
  EXECUTION_COLUMNS, SUMMARY_COLUMNS, type ExecutionRow, type SummaryRow, type TaskRow, type TimerRow,
  executionValues, toEvent, toExecution, toStateMachine, toSummary, toTask, toTimer,
} from '../durable/rows.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export interface SqliteStoreOptions {
  /** a file path, or ':memory:' */
  readonly path: string;
  /** how long to wait for another connection's write lock */
  readonly busyTimeoutMs?: number;
}

type Stmt = Database.Statement;

/** rows of one multi-row INSERT of events (3 parameters each; SQLite allows 32,766) */
const EVENTS_PER_INSERT = 64;
const insertEvents = (n: number): string => `INSERT INTO history_events (execution_arn, id, body) VALUES ${'(?, ?, ?), '.repeat(n - 1)}(?, ?, ?)`;
type Tx<F extends (...a: never[]) => unknown> = Database.Transaction<F>;
type TaskResultFor = TaskTokenTarget & { readonly result: TaskResult };

export class SqliteStore implements DurableStore {
  readonly db: Database.Database;
  private readonly cache = new Map<string, Stmt>();
  private readonly commitBatch: Tx<(batch: readonly Transition[]) => TransitionOutcome[]>;
  private readonly deleteBatch: Tx<(stopDate: number, limit: number) => string[]>;
  private readonly recordResults: Tx<(results: readonly TaskResultFor[]) => boolean[]>;

  constructor(opts: SqliteStoreOptions) {
    if (opts.path !== ':memory:' && !opts.path.startsWith('file:')) mkdirSync(dirname(opts.path), { recursive: true });
    this.db = new Database(opts.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${Math.floor(opts.busyTimeoutMs ?? 5000)}`);
    migrate(this.db, MIGRATIONS, Date.now());
    this.commitBatch = this.db.transaction((batch: readonly Transition[]) => batch.map((t) => this.apply(t)));
    this.deleteBatch = this.db.transaction((stopDate: number, limit: number) => this.deleteFinished(stopDate, limit));
    this.recordResults = this.db.transaction((results: readonly TaskResultFor[]) => {
      const s = this.sql(`UPDATE tasks SET status = 'completed', result = ?
        WHERE execution_arn = ? AND task_id = ? AND status <> 'completed'`);
      return results.map((r) => s.run(JSON.stringify(r.result), r.executionArn, r.taskId).changes > 0);
    });
  }

  /** one prepared statement per SQL text, prepared on first use */
  private sql(text: string): Stmt {
    let s = this.cache.get(text);
    if (!s) this.cache.set(text, (s = this.db.prepare(text)));
    return s;
  }

  // ---- state machines
  async getDocument(key: string): Promise<string | undefined> {
    return (this.sql('SELECT body FROM documents WHERE key = ?').get(key) as { body: string } | undefined)?.body;
  }

  async putDocument(key: string, body: string | undefined): Promise<void> {
    if (body === undefined) this.sql('DELETE FROM documents WHERE key = ?').run(key);
    else this.sql('INSERT INTO documents (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body').run(key, body);
  }

  async putStateMachine(sm: StateMachineRecord): Promise<void> {
    this.sql('INSERT INTO state_machines (arn, record) VALUES (?, ?) ON CONFLICT (arn) DO UPDATE SET record = excluded.record')
      .run(sm.arn, JSON.stringify(sm));
  }

  async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> {
    const r = this.sql('SELECT record FROM state_machines WHERE arn = ?').get(arn) as { record: string } | undefined;
    return r && toStateMachine(r.record);
  }

  async listStateMachines(): Promise<readonly StateMachineRecord[]> {
    return (this.sql('SELECT record FROM state_machines ORDER BY arn').all() as { record: string }[])
      .map((r) => toStateMachine(r.record));
  }

  async deleteStateMachine(arn: string): Promise<void> {
    this.sql('DELETE FROM state_machines WHERE arn = ?').run(arn);
  }

  // ---- group commit

  async commitTransitions(batch: readonly Transition[]): Promise<readonly TransitionOutcome[]> {
    if (!batch.length) return [];
    return this.commitBatch.immediate(batch);
  }

  private apply(t: Transition): TransitionOutcome {
    const e = t.execution;
    const arn = e.executionArn;
    const lease = { lease_owner: t.lease?.owner ?? null, lease_expires_at: t.lease?.expiresAt ?? null };
    let version: number;
    if (t.expectedVersion === 0) {
      const r = this.sql(`INSERT INTO executions (${EXECUTION_COLUMNS}, lease_owner, lease_expires_at)
        VALUES (@arn, @state_machine_arn, @name, @status, @start_date, @stop_date, @input_text, @output_text, @error, @cause,
          @state, @definition, 1, @lease_owner, @lease_expires_at)
        ON CONFLICT (arn) DO NOTHING`).run({
        arn, state_machine_arn: e.stateMachineArn, name: e.name, start_date: e.startDate, input_text: e.inputText,
        definition: e.definition, ...executionValues(e), ...lease,
      });
      if (r.changes === 0) return { ok: false, conflict: 'exists' };
      version = 1;
    } else {
      const r = this.sql(`UPDATE executions SET status = @status, stop_date = @stop_date, output_text = @output_text,
          error = @error, cause = @cause, state = @state, version = version + 1,
          lease_owner = coalesce(@lease_owner, lease_owner), lease_expires_at = coalesce(@lease_expires_at, lease_expires_at)
        WHERE arn = @arn AND version = @expected`).run({ arn, expected: t.expectedVersion, ...executionValues(e), ...lease });
      if (r.changes === 0) return { ok: false, conflict: 'version' };
      version = t.expectedVersion + 1;
    }
    // a transition's events in as few statements as possible: each statement costs a bind, a step and a reset
    const events = t.events;
    for (let i = 0; i < events.length; i += EVENTS_PER_INSERT) {
      const n = Math.min(EVENTS_PER_INSERT, events.length - i);
      const args: (string | number)[] = new Array<string | number>(3 * n);
      for (let j = 0; j < n; j++) {
        const ev = events[i + j]!;
        args[3 * j] = arn;
        args[3 * j + 1] = ev.id;
        args[3 * j + 2] = JSON.stringify(ev);
      }
      this.sql(insertEvents(n)).run(args);
    }
    const armTimer = this.sql('INSERT INTO timers (execution_arn, timer_id, due_at) VALUES (?, ?, ?)');
    for (const tm of t.timersArmed ?? []) armTimer.run(arn, tm.timerId, tm.dueAt);
    const cancelTimer = this.sql('DELETE FROM timers WHERE execution_arn = ? AND timer_id = ?');
    for (const id of t.timersCancelled ?? []) cancelTimer.run(arn, id);
    const schedule = this.sql("INSERT INTO tasks (execution_arn, task_id, invocation, status) VALUES (?, ?, ?, 'scheduled')");
    const token = this.sql('INSERT INTO task_tokens (token, execution_arn, task_id) VALUES (?, ?, ?)');
    for (const inv of t.tasksScheduled ?? []) {
      schedule.run(arn, inv.taskId, JSON.stringify(inv));
      if (inv.taskToken) token.run(inv.taskToken, arn, inv.taskId);
    }
    const started = this.sql("UPDATE tasks SET status = 'started' WHERE execution_arn = ? AND task_id = ? AND status = 'scheduled'");
    for (const id of t.tasksStarted ?? []) started.run(arn, id);
    const completed = this.sql("UPDATE tasks SET status = 'completed', result = ? WHERE execution_arn = ? AND task_id = ?");
    for (const c of t.tasksCompleted ?? []) completed.run(JSON.stringify(c.result), arn, c.taskId);
    const del = this.sql('DELETE FROM tasks WHERE execution_arn = ? AND task_id = ?');
    for (const id of t.tasksDeleted ?? []) del.run(arn, id);
    return { ok: true, version };
  }

  // ---- executions
  async getExecution(arn: string): Promise<StoredExecution | undefined> {
    const r = this.sql(`SELECT ${EXECUTION_COLUMNS} FROM executions WHERE arn = ?`).get(arn) as ExecutionRow | undefined;
    return r && toExecution(r);
  }

  async listExecutions(q: ExecutionQuery): Promise<Page<ExecutionSummary>> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.stateMachineArn !== undefined) { where.push('state_machine_arn = ?'); args.push(q.stateMachineArn); }
    if (q.status !== undefined) { where.push('status = ?'); args.push(q.status); }
    if (q.nextToken !== undefined) {
      const k = parseExecutionToken(q.nextToken);
      where.push('(start_date, arn) < (?, ?)');
      args.push(k.startDate, k.arn);
    }
    const limit = pageSize(q.limit);
    const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM executions ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY start_date DESC, arn DESC LIMIT ?`).all(...args, limit + 1) as SummaryRow[];
    const items = rows.slice(0, limit).map(toSummary);
    const last = items[items.length - 1];
    return rows.length > limit && last ? { items, nextToken: executionToken(last.startDate, last.executionArn) } : { items };
  }

  async runningExecutions(): Promise<readonly StoredExecution[]> {
    return (this.sql(`SELECT ${EXECUTION_COLUMNS} FROM executions WHERE status = 'RUNNING' ORDER BY start_date, arn`)
      .all() as ExecutionRow[]).map(toExecution);
  }

  async history(arn: string, q: HistoryQuery = {}): Promise<readonly HistoryEvent[]> {
    const limit = q.limit === undefined ? -1 : Math.max(1, Math.floor(q.limit));
    const rows = (q.reverse
      ? this.sql('SELECT body FROM history_events WHERE execution_arn = ? AND id < ? ORDER BY id DESC LIMIT ?')
        .all(arn, q.afterId ?? Number.MAX_SAFE_INTEGER, limit)
      : this.sql('SELECT body FROM history_events WHERE execution_arn = ? AND id > ? ORDER BY id LIMIT ?')
        .all(arn, q.afterId ?? 0, limit)) as { body: string }[];
    return rows.map((r) => toEvent(r.body));
  }

  async deleteExecutionsBefore(stopDate: number, limit = 1000): Promise<readonly string[]> {
    return this.deleteBatch.immediate(stopDate, limit);
  }

  private deleteFinished(stopDate: number, limit: number): string[] {
    const arns = (this.sql(`SELECT arn FROM executions WHERE stop_date < ? AND status <> 'RUNNING'
      ORDER BY stop_date LIMIT ?`).all(stopDate, limit) as { arn: string }[]).map((r) => r.arn);
    for (const table of ['history_events', 'timers', 'tasks', 'task_tokens']) {
      const s = this.sql(`DELETE FROM ${table} WHERE execution_arn = ?`);
      for (const a of arns) s.run(a);
    }
    const s = this.sql('DELETE FROM executions WHERE arn = ?');
    for (const a of arns) s.run(a);
    return arns;
  }

  // ---- timers
  async dueTimers(now: number, limit: number, owner?: string): Promise<readonly TimerRecord[]> {
    const rows = owner === undefined
      ? this.sql('SELECT * FROM timers WHERE due_at <= ? ORDER BY due_at, execution_arn, timer_id LIMIT ?').all(now, limit)
      : this.sql(`SELECT t.* FROM timers t JOIN executions e ON e.arn = t.execution_arn
          WHERE t.due_at <= ? AND e.lease_owner = ? ORDER BY t.due_at, t.execution_arn, t.timer_id LIMIT ?`).all(now, owner, limit);
    return (rows as TimerRow[]).map(toTimer);
  }

  async nextTimerDue(owner?: string): Promise<number | undefined> {
    const r = (owner === undefined
      ? this.sql('SELECT min(due_at) AS d FROM timers').get()
      : this.sql('SELECT min(t.due_at) AS d FROM timers t JOIN executions e ON e.arn = t.execution_arn WHERE e.lease_owner = ?')
        .get(owner)) as { d: number | null };
    return r.d ?? undefined;
  }

  async timersOf(executionArn: string): Promise<readonly TimerRecord[]> {
    return (this.sql('SELECT * FROM timers WHERE execution_arn = ? ORDER BY due_at, timer_id').all(executionArn) as TimerRow[])
      .map(toTimer);
  }

  // ---- tasks
  async tasksOf(executionArn: string): Promise<readonly TaskRecord[]> {
    return (this.sql('SELECT * FROM tasks WHERE execution_arn = ? ORDER BY task_id').all(executionArn) as TaskRow[]).map(toTask);
  }

  async recordTaskResults(results: readonly TaskResultFor[]): Promise<readonly boolean[]> {
    return results.length ? this.recordResults.immediate(results) : [];
  }

  async completedTasks(limit: number, owner?: string): Promise<readonly TaskRecord[]> {
    const rows = owner === undefined
      ? this.sql("SELECT * FROM tasks WHERE status = 'completed' ORDER BY execution_arn, task_id LIMIT ?").all(limit)
      : this.sql(`SELECT t.* FROM tasks t JOIN executions e ON e.arn = t.execution_arn
          WHERE t.status = 'completed' AND e.lease_owner = ? ORDER BY t.execution_arn, t.task_id LIMIT ?`).all(owner, limit);
    return (rows as TaskRow[]).map(toTask);
  }

  async resolveTaskToken(token: string): Promise<TaskTokenTarget | undefined> {
    const r = this.sql('SELECT execution_arn, task_id FROM task_tokens WHERE token = ?').get(token) as
      { execution_arn: string; task_id: string } | undefined;
    return r && { executionArn: r.execution_arn, taskId: r.task_id };
  }

  // ---- leases: one process holds the write lock at a time, so a plain UPDATE is a claim
  async claimExecutions(workerId: string, limit: number, leaseMs: number, now: number): Promise<readonly StoredExecution[]> {
    const rows = this.sql(`UPDATE executions SET lease_owner = ?, lease_expires_at = ?
      WHERE arn IN (SELECT arn FROM executions WHERE status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
        ORDER BY start_date, arn LIMIT ?)
      RETURNING ${EXECUTION_COLUMNS}`).all(workerId, now + leaseMs, now, limit) as ExecutionRow[];
    return rows.map(toExecution);
  }

  async renewLease(workerId: string, arns: readonly string[], leaseMs: number, now: number): Promise<readonly string[]> {
    const rows = this.sql(`UPDATE executions SET lease_expires_at = ?
      WHERE lease_owner = ? AND arn IN (SELECT value FROM json_each(?)) RETURNING arn`)
      .all(now + leaseMs, workerId, JSON.stringify(arns)) as { arn: string }[];
    return rows.map((r) => r.arn);
  }

  async releaseLease(workerId: string, arns: readonly string[]): Promise<void> {
    this.sql(`UPDATE executions SET lease_owner = NULL, lease_expires_at = NULL
      WHERE lease_owner = ? AND arn IN (SELECT value FROM json_each(?))`).run(workerId, JSON.stringify(arns));
  }

  async leaseOf(arn: string): Promise<Lease | undefined> {
    const r = this.sql('SELECT lease_owner, lease_expires_at FROM executions WHERE arn = ?').get(arn) as
      { lease_owner: string | null; lease_expires_at: number | null } | undefined;
    return r?.lease_owner != null && r.lease_expires_at != null ? { owner: r.lease_owner, expiresAt: r.lease_expires_at } : undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
