// The DurableStore contract kept in process memory (`--store memory`):
// throwaway runs and the in-memory benchmarks. Records are kept by reference
// (the engine owns them and never changes one it has handed over), so nothing
// is serialised; an execution record that already carries the version it
// commits as is kept as it is, not copied. Histories are kept packed
// (packed-history.ts): a few slots per event instead of its objects; a
// finished execution is folded into one object (finished.ts).
import { EventLog, type HistoryEvent } from '../../asl/index.js';
import {
  type DurableStore, type ExecutionQuery, type ExecutionSummary, type HistoryQuery, type Lease, type Page,
  type StateMachineRecord, type StoredExecution, type TaskInvocation, type TaskRecord, type TaskResult, type TaskTokenTarget,
  type TimerRecord, type Transition, type TransitionOutcome, executionToken, pageSize, parseExecutionToken,
} from '../durable-store.js';
import { PackedHistory } from './packed-history.js';
import { Finished, fold, unfold } from './finished.js';
import { type KeyedList, keyedDelete, keyedGet, keyedSet, keyedValues } from '../keyed-list.js';

/**
 * A task as kept here (TaskRecord objects are made when read); the token map
 * holds it too, as the token's target, until its execution is deleted: once
 * the task is deleted only its ids stay.
 */
class MemTask {
  result: TaskResult | undefined = undefined;
  constructor(readonly executionArn: string, readonly taskId: string, public invocation: TaskInvocation | undefined,
    public status: TaskRecord['status']) {}
}

/** one execution: its row, its history (one object with it) and what it owns (timers, tasks, tokens) made only when it has any */
class Row extends PackedHistory {
  timers: KeyedList<{ readonly timerId: string; readonly dueAt: number }> | undefined = undefined;
  tasks: KeyedList<MemTask> | undefined = undefined;
  /** its task tokens: one, or several */
  tokens: string | string[] | undefined = undefined;
  constructor(public exec: StoredExecution, events: EventLog | readonly HistoryEvent[], transient = false) { super(events, exec.startDate, transient); }
}

const NO_EVENTS: readonly HistoryEvent[] = [];

/** the row a folded execution was folded from */
function unfolded(f: Finished): Row {
  const row = new Row(unfold(f), NO_EVENTS);
  row.unseal(f);
  row.lastId = f.lastId;
  return row;
}

/**
 * Only a row made in the transition that finishes its execution is folded
 * (executions that run through without waiting: Pass chains, Choice, inline
 * Map and Parallel, Map children). Folding pays while the row is in the young
 * generation, where every collection copies it until it is promoted; a row
 * that waited has been promoted already, and folding it only makes a young
 * object to copy in its place: when 100,000 parked Waits fired, folding their
 * rows made the timer lateness p99 20-40 ms worse. It folds once nothing of it
 * is left to find by its own ids (timers, tasks, tokens).
 */
const foldable = (row: Row): boolean => row.timers === undefined && row.tasks === undefined && row.tokens === undefined;

const timerKey = (t: { readonly timerId: string }): string => t.timerId;
const taskKey = (t: MemTask): string => t.taskId;
const taskRecord = (t: MemTask): TaskRecord => ({
  executionArn: t.executionArn, taskId: t.taskId, invocation: t.invocation!, status: t.status, ...(t.result !== undefined && { result: t.result }),
});

/** a row's tokens with `token` added */
const withToken = (tokens: string | string[] | undefined, token: string): string | string[] =>
  tokens === undefined ? token : typeof tokens === 'string' ? [tokens, token] : (tokens.push(token), tokens);

/** a task leaves its row: the token map may keep it, without its invocation and result */
const forget = (t: MemTask | undefined): void => { if (t) { t.invocation = undefined; t.result = undefined; } };

const refused = (t: Transition): TransitionOutcome => ({ ok: false, conflict: t.expectedVersion === 0 ? 'exists' : 'version' });

/** whether a batch holds each execution once (what the engine sends: one transition outstanding per execution) */
function distinct(batch: readonly Transition[]): boolean {
  const seen = new Set<string>();
  for (const t of batch) {
    if (seen.has(t.execution.executionArn)) return false;
    seen.add(t.execution.executionArn);
  }
  return true;
}

/** the record fields of a row, folded or not (a folded one answers them itself) */
const recordOf = (row: Row | Finished): StoredExecution | Finished => (row instanceof Row ? row.exec : row);

const summary = (e: StoredExecution | Finished): ExecutionSummary => ({
  executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: e.startDate,
  ...(e.stopDate !== undefined ? { stopDate: e.stopDate } : {}),
});

/** newest first: start date, then ARN, descending */
const newestFirst = (a: ExecutionSummary, b: ExecutionSummary): number =>
  b.startDate - a.startDate || (a.executionArn < b.executionArn ? 1 : a.executionArn > b.executionArn ? -1 : 0);

export class MemoryStore implements DurableStore {
  readonly keepsValues = true;
  private readonly machines = new Map<string, StateMachineRecord>();
  /** every execution: its row while it runs (or has timers, tasks or tokens left), folded once it has finished */
  private readonly rows = new Map<string, Row | Finished>();
  private readonly tokens = new Map<string, MemTask>();
  /** leases by execution ARN: only when several workers share the store (rows carry none) */
  private readonly leases = new Map<string, Lease>();

  private readonly documents = new Map<string, string>();
  async getDocument(key: string): Promise<string | undefined> { return this.documents.get(key); }
  async putDocument(key: string, body: string | undefined): Promise<void> {
    if (body === undefined) this.documents.delete(key); else this.documents.set(key, body);
  }

  async putStateMachine(sm: StateMachineRecord): Promise<void> { this.machines.set(sm.arn, sm); }
  async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> { return this.machines.get(arn); }
  async listStateMachines(): Promise<readonly StateMachineRecord[]> { return [...this.machines.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)); }
  async deleteStateMachine(arn: string): Promise<void> { this.machines.delete(arn); }

  async commitTransitions(batch: readonly Transition[]): Promise<readonly TransitionOutcome[]> {
    return this.commitTransitionsNow(batch);
  }

  commitTransitionsNow(batch: readonly Transition[]): readonly TransitionOutcome[] {
    // admit the whole batch first so a failing batch writes nothing
    if (batch.length > 1 && !distinct(batch)) return this.commitInOrder(batch);
    const rows: (Row | Finished | undefined)[] = new Array(batch.length);
    const ok: boolean[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const t = batch[i]!;
      const arn = t.execution.executionArn;
      const row = rows[i] = this.rows.get(arn);
      ok[i] = this.admits(t, row === undefined ? 0 : recordOf(row).version, row?.lastId ?? 0);
    }
    return batch.map((t, i) => (ok[i] ? this.apply(t, this.writable(rows[i])) : refused(t)));
  }

  /** a batch with several transitions of one execution: each is admitted against what the ones before it leave */
  private commitInOrder(batch: readonly Transition[]): TransitionOutcome[] {
    const planned = new Map<string, { version: number; lastId: number }>();
    const ok = batch.map((t) => {
      const arn = t.execution.executionArn;
      let p = planned.get(arn);
      if (!p) {
        const row = this.rows.get(arn);
        planned.set(arn, (p = { version: row === undefined ? 0 : recordOf(row).version, lastId: row?.lastId ?? 0 }));
      }
      if (!this.admits(t, p.version, p.lastId)) return false;
      p.version++;
      p.lastId = logOf(t).lastId || p.lastId;
      return true;
    });
    // applied in order, each finds the row its admitted predecessors left
    return batch.map((t, i) => (ok[i] ? this.apply(t, this.writable(this.rows.get(t.execution.executionArn))) : refused(t)));
  }

  /** a row to write to: a folded execution (a redrive writes to a finished one) is unfolded and kept as a row again */
  private writable(row: Row | Finished | undefined): Row | undefined {
    if (row === undefined || row instanceof Row) return row;
    const r = unfolded(row);
    this.rows.set(row.executionArn, r);
    return r;
  }

  /** an execution's row: its own, or made from its folded form (not kept) */
  private rowOf(arn: string): Row | undefined {
    const row = this.rows.get(arn);
    return row instanceof Finished ? unfolded(row) : row;
  }

  /** the row of an execution not folded (only such a one has timers, tasks or tokens) */
  private openRow(arn: string): Row | undefined {
    const row = this.rows.get(arn);
    return row instanceof Row ? row : undefined;
  }

  /** whether `t` applies on a row at `version` whose last event is `lastId`; throws on a duplicate event id */
  private admits(t: Transition, version: number, lastId: number): boolean {
    if (t.expectedVersion !== version) return false;
    const log = logOf(t);
    let last = lastId;
    for (let i = 0; i < log.count; i++) {
      const id = log.idOf(i);
      if (id <= last) throw new Error(`duplicate history event ${id} for ${t.execution.executionArn}`);
      last = id;
    }
    return true;
  }

  private apply(t: Transition, row: Row | undefined): TransitionOutcome {
    const arn = t.execution.executionArn;
    const version = t.expectedVersion + 1;
    const given = t.execution as Partial<StoredExecution>;
    const exec = given.version === version ? given as StoredExecution : { ...t.execution, version };
    const done = exec.status !== 'RUNNING';
    const first = t.expectedVersion === 0;
    if (first) {
      // a row that finishes in its first transition is about to be folded: its slots are packed into a shared array
      row = new Row(exec, logOf(t), done);
    } else {
      row = row!;
      row.exec = exec;
      row.append(logOf(t), exec.startDate);
    }
    if (t.lease) this.leases.set(arn, t.lease);
    if (t.timersArmed) for (const tm of t.timersArmed) row.timers = keyedSet(row.timers, tm, timerKey);
    if (t.timersCancelled) for (const id of t.timersCancelled) row.timers = keyedDelete(row.timers, id, timerKey);
    if (t.tasksScheduled) {
      for (const inv of t.tasksScheduled) {
        const task = new MemTask(arn, inv.taskId, inv, 'scheduled');
        forget(keyedGet(row.tasks, inv.taskId, taskKey));
        row.tasks = keyedSet(row.tasks, task, taskKey);
        if (inv.taskToken) { this.tokens.set(inv.taskToken, task); row.tokens = withToken(row.tokens, inv.taskToken); }
      }
    }
    if (t.tasksStarted) {
      for (const id of t.tasksStarted) {
        const task = keyedGet(row.tasks, id, taskKey);
        if (task?.status === 'scheduled') task.status = 'started';
      }
    }
    if (t.tasksCompleted) {
      for (const c of t.tasksCompleted) {
        const task = keyedGet(row.tasks, c.taskId, taskKey);
        if (task) { task.status = 'completed'; task.result = c.result; }
      }
    }
    if (t.tasksDeleted) {
      for (const id of t.tasksDeleted) {
        forget(keyedGet(row.tasks, id, taskKey));
        row.tasks = keyedDelete(row.tasks, id, taskKey);
      }
    }
    // an execution that finishes in the transition that starts it, with nothing left to find by its own ids, is
    // folded; a row kept drops its spare room
    const f = first && done && foldable(row) ? fold(exec, row) : undefined;
    if (f) this.rows.set(arn, f);
    else if (first) { row.own(); this.rows.set(arn, row); } else if (done) row.seal();
    return { ok: true, version };
  }

  async getExecution(arn: string): Promise<StoredExecution | undefined> {
    const row = this.rows.get(arn);
    return row instanceof Finished ? unfold(row) : row?.exec;
  }

  async listExecutions(q: ExecutionQuery): Promise<Page<ExecutionSummary>> {
    let all: ExecutionSummary[] = [];
    for (const r of this.rows.values()) all.push(summary(recordOf(r)));
    if (q.stateMachineArn) all = all.filter((e) => e.stateMachineArn === q.stateMachineArn);
    if (q.status) all = all.filter((e) => e.status === q.status);
    all.sort(newestFirst);
    if (q.nextToken) {
      const after = parseExecutionToken(q.nextToken);
      all = all.filter((e) => e.startDate < after.startDate || (e.startDate === after.startDate && e.executionArn < after.arn));
    }
    const size = pageSize(q.limit);
    const page = all.slice(0, size);
    const last = page[page.length - 1];
    return { items: page, ...(all.length > size && last ? { nextToken: executionToken(last.startDate, last.executionArn) } : {}) };
  }

  /** rows of executions that have not finished (a scan: only recovery and lease upkeep ask, never per transition) */
  private runningRows(): Row[] {
    const out: Row[] = [];
    for (const row of this.rows.values()) if (row instanceof Row && row.exec.status === 'RUNNING') out.push(row);
    return out;
  }

  async runningExecutions(): Promise<readonly StoredExecution[]> {
    return this.runningRows().map((r) => r.exec);
  }

  async history(arn: string, q: HistoryQuery = {}): Promise<readonly HistoryEvent[]> {
    const row = this.rowOf(arn);
    if (!row) return [];
    const base = row.exec.startDate;
    const count = row.length;
    const limit = q.limit ?? count;
    if (q.reverse) {
      const end = q.afterId !== undefined ? q.afterId - 1 : count;
      return row.slice(Math.max(0, end - limit), end, base).reverse();
    }
    const start = q.afterId ?? 0;
    return row.slice(start, start + limit, base);
  }

  async deleteExecutionsBefore(stopDate: number, limit = 1000): Promise<readonly string[]> {
    const deleted: string[] = [];
    for (const [arn, row] of this.rows) {
      if (deleted.length >= limit) break;
      const e = recordOf(row);
      const stop = e.stopDate;
      if (e.status !== 'RUNNING' && stop !== undefined && stop < stopDate) {
        const tokens = row instanceof Row ? row.tokens : undefined;
        if (typeof tokens === 'string') this.tokens.delete(tokens);
        else if (tokens) for (const t of tokens) this.tokens.delete(t);
        this.rows.delete(arn);
        this.leases.delete(arn);
        deleted.push(arn);
      }
    }
    return deleted;
  }

  private ownedRows(owner?: string): Row[] {
    return this.runningRows().filter((r) => owner === undefined || this.leases.get(r.exec.executionArn)?.owner === owner);
  }

  async dueTimers(now: number, limit: number, owner?: string): Promise<readonly TimerRecord[]> {
    const out: TimerRecord[] = [];
    for (const row of this.ownedRows(owner)) {
      for (const t of keyedValues(row.timers)) if (t.dueAt <= now) out.push({ executionArn: row.exec.executionArn, timerId: t.timerId, dueAt: t.dueAt });
    }
    return out.sort((a, b) => a.dueAt - b.dueAt).slice(0, limit);
  }

  async nextTimerDue(owner?: string): Promise<number | undefined> {
    let next: number | undefined;
    for (const row of this.ownedRows(owner)) for (const t of keyedValues(row.timers)) if (next === undefined || t.dueAt < next) next = t.dueAt;
    return next;
  }

  async timersOf(executionArn: string): Promise<readonly TimerRecord[]> {
    const row = this.openRow(executionArn);
    return row ? keyedValues(row.timers).map((t) => ({ executionArn, timerId: t.timerId, dueAt: t.dueAt })).sort((a, b) => a.dueAt - b.dueAt) : [];
  }

  async tasksOf(executionArn: string): Promise<readonly TaskRecord[]> {
    return keyedValues(this.openRow(executionArn)?.tasks).map(taskRecord);
  }

  async recordTaskResults(results: readonly (TaskTokenTarget & { readonly result: TaskResult })[]): Promise<readonly boolean[]> {
    return results.map((r) => {
      const task = keyedGet(this.openRow(r.executionArn)?.tasks, r.taskId, taskKey);
      if (!task || task.status === 'completed') return false;
      task.status = 'completed';
      task.result = r.result;
      return true;
    });
  }

  async completedTasks(limit: number, owner?: string): Promise<readonly TaskRecord[]> {
    return this.ownedRows(owner).flatMap((r) => keyedValues(r.tasks).filter((t) => t.status === 'completed')
      .map(taskRecord)).slice(0, limit);
  }

  async resolveTaskToken(token: string): Promise<TaskTokenTarget | undefined> {
    const t = this.tokens.get(token);
    return t && { executionArn: t.executionArn, taskId: t.taskId };
  }

  async claimExecutions(workerId: string, limit: number, leaseMs: number, now: number): Promise<readonly StoredExecution[]> {
    const free = this.runningRows()
      .filter((r) => { const lease = this.leases.get(r.exec.executionArn); return !lease || lease.expiresAt <= now; })
      .sort((a, b) => a.exec.startDate - b.exec.startDate || (a.exec.executionArn < b.exec.executionArn ? -1 : 1))
      .slice(0, limit);
    for (const r of free) this.leases.set(r.exec.executionArn, { owner: workerId, expiresAt: now + leaseMs });
    return free.map((r) => r.exec);
  }

  async renewLease(workerId: string, arns: readonly string[], leaseMs: number, now: number): Promise<readonly string[]> {
    return arns.filter((a) => {
      if (!this.rows.has(a) || this.leases.get(a)?.owner !== workerId) return false;
      this.leases.set(a, { owner: workerId, expiresAt: now + leaseMs });
      return true;
    });
  }

  async releaseLease(workerId: string, arns: readonly string[]): Promise<void> {
    for (const a of arns) if (this.leases.get(a)?.owner === workerId) this.leases.delete(a);
  }

  async leaseOf(arn: string): Promise<Lease | undefined> { return this.rows.has(arn) ? this.leases.get(arn) : undefined; }

  async close(): Promise<void> { /* nothing to release */ }
}

/** a transition's events as the interpreter's log (one made of them for a transition written by hand) */
const logOf = (t: Transition): EventLog => t.log ?? EventLog.of(t.events);
