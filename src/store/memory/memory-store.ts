// The DurableStore contract kept in process memory (`--store memory`):
// throwaway runs and the in-memory benchmarks. Records are kept by reference
// (the engine owns them and never shares them), so nothing is serialised.
import type { HistoryEvent } from '../../asl/index.js';
import {
  type DurableStore, type ExecutionQuery, type ExecutionSummary, type HistoryQuery, type Lease, type Page,
  type StateMachineRecord, type StoredExecution, type TaskRecord, type TaskResult, type TaskTokenTarget,
  type TimerRecord, type Transition, type TransitionOutcome, executionToken, pageSize, parseExecutionToken,
} from '../durable-store.js';

interface Row {
  exec: StoredExecution;
  events: HistoryEvent[];
  timers: Map<string, number>;
  tasks: Map<string, TaskRecord>;
  tokens: string[];
  lease?: Lease;
}

const summary = (e: StoredExecution): ExecutionSummary => ({
  executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: e.startDate,
  ...(e.stopDate !== undefined ? { stopDate: e.stopDate } : {}),
});

/** newest first: start date, then ARN, descending */
const newestFirst = (a: StoredExecution, b: StoredExecution): number =>
  b.startDate - a.startDate || (a.executionArn < b.executionArn ? 1 : a.executionArn > b.executionArn ? -1 : 0);

export class MemoryStore implements DurableStore {
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly rows = new Map<string, Row>();
  private readonly tokens = new Map<string, TaskTokenTarget>();
  private readonly running = new Set<string>();

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
    // plan the whole batch first (versions, then event ids) so a failing batch writes nothing
    const version = new Map<string, number>();
    const lastId = new Map<string, number>();
    const applies = batch.map((t) => {
      const arn = t.execution.executionArn;
      const row = this.rows.get(arn);
      const current = version.get(arn) ?? row?.exec.version ?? 0;
      if (t.expectedVersion === 0 ? current !== 0 : current !== t.expectedVersion) return false;
      version.set(arn, current + 1);
      let last = lastId.get(arn) ?? (row?.events.length ? row.events[row.events.length - 1]!.id : 0);
      for (const ev of t.events) {
        if (ev.id <= last) throw new Error(`duplicate history event ${ev.id} for ${arn}`);
        last = ev.id;
      }
      lastId.set(arn, last);
      return true;
    });
    return batch.map((t, i) => (applies[i] ? this.apply(t) : { ok: false, conflict: t.expectedVersion === 0 ? 'exists' : 'version' }));
  }

  private apply(t: Transition): TransitionOutcome {
    const arn = t.execution.executionArn;
    let row = this.rows.get(arn);
    if (t.expectedVersion === 0) {
      if (row) return { ok: false, conflict: 'exists' };
      row = { exec: { ...t.execution, version: 1 }, events: [], timers: new Map(), tasks: new Map(), tokens: [] };
      this.rows.set(arn, row);
    } else {
      if (!row || row.exec.version !== t.expectedVersion) return { ok: false, conflict: 'version' };
      row.exec = { ...t.execution, version: t.expectedVersion + 1 };
    }
    if (row.exec.status === 'RUNNING') this.running.add(arn); else this.running.delete(arn);
    if (t.lease) row.lease = t.lease;
    for (const ev of t.events) row.events.push(ev);
    for (const tm of t.timersArmed ?? []) row.timers.set(tm.timerId, tm.dueAt);
    for (const id of t.timersCancelled ?? []) row.timers.delete(id);
    for (const inv of t.tasksScheduled ?? []) {
      row.tasks.set(inv.taskId, { executionArn: arn, taskId: inv.taskId, invocation: inv, status: 'scheduled' });
      if (inv.taskToken) { this.tokens.set(inv.taskToken, { executionArn: arn, taskId: inv.taskId }); row.tokens.push(inv.taskToken); }
    }
    for (const id of t.tasksStarted ?? []) {
      const task = row.tasks.get(id);
      if (task?.status === 'scheduled') row.tasks.set(id, { ...task, status: 'started' });
    }
    for (const c of t.tasksCompleted ?? []) {
      const task = row.tasks.get(c.taskId);
      if (task) row.tasks.set(c.taskId, { ...task, status: 'completed', result: c.result });
    }
    for (const id of t.tasksDeleted ?? []) row.tasks.delete(id);
    return { ok: true, version: row.exec.version };
  }

  async getExecution(arn: string): Promise<StoredExecution | undefined> { return this.rows.get(arn)?.exec; }

  async listExecutions(q: ExecutionQuery): Promise<Page<ExecutionSummary>> {
    let all = [...this.rows.values()].map((r) => r.exec);
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
    return { items: page.map(summary), ...(all.length > size && last ? { nextToken: executionToken(last.startDate, last.executionArn) } : {}) };
  }

  async runningExecutions(): Promise<readonly StoredExecution[]> {
    return [...this.running].map((arn) => this.rows.get(arn)!.exec);
  }

  async history(arn: string, q: HistoryQuery = {}): Promise<readonly HistoryEvent[]> {
    const events = this.rows.get(arn)?.events ?? [];
    const limit = q.limit ?? events.length;
    if (q.reverse) {
      const end = q.afterId !== undefined ? q.afterId - 1 : events.length;
      return events.slice(Math.max(0, end - limit), end).reverse();
    }
    const start = q.afterId ?? 0;
    return events.slice(start, start + limit);
  }

  async deleteExecutionsBefore(stopDate: number, limit = 1000): Promise<number> {
    let n = 0;
    for (const [arn, row] of this.rows) {
      if (n >= limit) break;
      if (row.exec.status !== 'RUNNING' && row.exec.stopDate !== undefined && row.exec.stopDate < stopDate) {
        for (const t of row.tokens) this.tokens.delete(t);
        this.rows.delete(arn);
        n++;
      }
    }
    return n;
  }

  private ownedRows(owner?: string): Row[] {
    return [...this.running].map((a) => this.rows.get(a)!).filter((r) => owner === undefined || r.lease?.owner === owner);
  }

  async dueTimers(now: number, limit: number, owner?: string): Promise<readonly TimerRecord[]> {
    const out: TimerRecord[] = [];
    for (const row of this.ownedRows(owner)) {
      for (const [timerId, dueAt] of row.timers) if (dueAt <= now) out.push({ executionArn: row.exec.executionArn, timerId, dueAt });
    }
    return out.sort((a, b) => a.dueAt - b.dueAt).slice(0, limit);
  }

  async nextTimerDue(owner?: string): Promise<number | undefined> {
    let next: number | undefined;
    for (const row of this.ownedRows(owner)) for (const d of row.timers.values()) if (next === undefined || d < next) next = d;
    return next;
  }

  async timersOf(executionArn: string): Promise<readonly TimerRecord[]> {
    const row = this.rows.get(executionArn);
    return row ? [...row.timers].map(([timerId, dueAt]) => ({ executionArn, timerId, dueAt })).sort((a, b) => a.dueAt - b.dueAt) : [];
  }

  async tasksOf(executionArn: string): Promise<readonly TaskRecord[]> {
    return [...(this.rows.get(executionArn)?.tasks.values() ?? [])];
  }

  async recordTaskResults(results: readonly (TaskTokenTarget & { readonly result: TaskResult })[]): Promise<readonly boolean[]> {
    return results.map((r) => {
      const task = this.rows.get(r.executionArn)?.tasks.get(r.taskId);
      if (!task || task.status === 'completed') return false;
      this.rows.get(r.executionArn)!.tasks.set(r.taskId, { ...task, status: 'completed', result: r.result });
      return true;
    });
  }

  async completedTasks(limit: number, owner?: string): Promise<readonly TaskRecord[]> {
    return this.ownedRows(owner).flatMap((r) => [...r.tasks.values()].filter((t) => t.status === 'completed')).slice(0, limit);
  }

  async resolveTaskToken(token: string): Promise<TaskTokenTarget | undefined> { return this.tokens.get(token); }

  async claimExecutions(workerId: string, limit: number, leaseMs: number, now: number): Promise<readonly StoredExecution[]> {
    const free = [...this.running].map((a) => this.rows.get(a)!)
      .filter((r) => !r.lease || r.lease.expiresAt <= now)
      .sort((a, b) => a.exec.startDate - b.exec.startDate || (a.exec.executionArn < b.exec.executionArn ? -1 : 1))
      .slice(0, limit);
    for (const r of free) r.lease = { owner: workerId, expiresAt: now + leaseMs };
    return free.map((r) => r.exec);
  }

  async renewLease(workerId: string, arns: readonly string[], leaseMs: number, now: number): Promise<readonly string[]> {
    return arns.filter((a) => {
      const r = this.rows.get(a);
      if (r?.lease?.owner !== workerId) return false;
      r.lease = { owner: workerId, expiresAt: now + leaseMs };
      return true;
    });
  }

  async releaseLease(workerId: string, arns: readonly string[]): Promise<void> {
    for (const a of arns) { const r = this.rows.get(a); if (r?.lease?.owner === workerId) r.lease = undefined; }
  }

  async leaseOf(arn: string): Promise<Lease | undefined> { return this.rows.get(arn)?.lease; }

  async close(): Promise<void> { /* nothing to release */ }
}
