// The engine: owns time and I/O for executions. It feeds signals to the pure
// interpreter, every signal waiting for an execution in one go (one step
// each, on the same state), commits them as one transition (events,
// execution row, timers, task records) through the group committer, and only
// then carries out the commands (call a task resource, arm a timer): see
// running.ts. This file is the facade the API uses, recovery and leases.
import { randomUUID } from 'node:crypto';
import {
  type ExecutionInfo, type HistoryEvent, type Program, type Signal, type StepEnv, isoTime, parseDefinition, start,
} from '../asl/index.js';
import type { DurableStore, ExecutionQuery, ExecutionSummary, HistoryQuery, Lease, Page, StoredExecution } from '../store/durable-store.js';
import type { StateMachineRecord } from '../store/store.js';
import type { Clock } from './clock.js';
import type { EngineCalls, TaskRunner, TokenUsage } from './task-runner.js';
import { TokenLedger, type UsageRow } from './token-usage.js';
import { Registry } from './registry/index.js';
import { ActivityQueue } from './activities.js';
import { redrive } from '../asl/execution/redrive.js';
import { GroupCommitter } from './committer.js';
import { Live, addDone } from './live.js';
import { Running, type RunningHost } from './running.js';
import { StepBatch, nextRecord } from './transition.js';

export type { ExecutionRecord, StateMachineRecord } from '../store/store.js';
export type { StoredExecution, ExecutionSummary } from '../store/durable-store.js';

export interface EngineOptions {
  /** STANDARD executions and the registry */
  readonly store: DurableStore;
  /** EXPRESS executions (AWS keeps no durable history for them) */
  readonly expressStore: DurableStore;
  readonly clock: Clock;
  readonly tasks: TaskRunner;
  readonly region: string;
  readonly account: string;
  /**
   * several processes share the store (PostgreSQL): each execution is run by
   * the worker holding its lease; expired leases are taken over
   */
  readonly shared?: boolean;
  readonly workerId?: string;
  /** lease length; a dead worker's executions move on within about this time */
  readonly leaseMs?: number;
  /** finished executions are deleted this long after they stopped (AWS keeps 90 days) */
  readonly retentionMs?: number;
}

export const DEFAULT_RETENTION_MS = 90 * 24 * 3600 * 1000;
const REGISTRY_DOCUMENT = 'registry';

const resolveWith = (rec: StoredExecution, resolve: (rec: StoredExecution) => void): void => resolve(rec);

const isExpressArn = (arn: string): boolean => arn.split(':')[5] === 'express';

export class Engine implements RunningHost {
  private readonly programs = new Map<string, Program>();
  private readonly running: Running;
  private readonly committer: GroupCommitter;
  private readonly expressCommitter: GroupCommitter;
  /** LLM token usage per execution, state and model */
  private readonly usage: TokenLedger;
  /** what tasks may ask of the engine (nested executions); set by the server, which owns the API layer */
  engineCalls: EngineCalls | undefined;
  /** versions, aliases, tags, activities, map runs (the API's bookkeeping) */
  readonly registry = new Registry();
  /** activity tasks waiting for workers (GetActivityTask) */
  readonly activities = new ActivityQueue(() => this.opts.clock);
  readonly workerId: string;
  private readonly leaseMs: number;
  private ownershipTimer?: NodeJS.Timeout;
  private retentionTimer?: NodeJS.Timeout;
  /** both stores keep values: payload texts are written when read (StepEnv.deferTexts) */
  private readonly defersTexts: boolean;

  constructor(readonly opts: EngineOptions) {
    this.committer = new GroupCommitter(opts.store);
    this.expressCommitter = new GroupCommitter(opts.expressStore);
    this.usage = new TokenLedger(opts.store);
    this.workerId = opts.workerId ?? randomUUID();
    this.leaseMs = opts.leaseMs ?? 10_000;
    this.running = new Running(this);
    this.defersTexts = opts.store.keepsValues === true && opts.expressStore.keepsValues === true;
  }

  get clock(): Clock { return this.opts.clock; }
  get tasks(): TaskRunner { return this.opts.tasks; }
  get shared(): boolean { return this.opts.shared ?? false; }
  private get closed(): boolean { return this.running.closed; }
  private get live(): Map<string, Live> { return this.running.live; }

  /** the lease a transition takes or renews (shared stores, STANDARD executions) */
  lease(live: Live): Lease | undefined {
    return this.opts.shared && live.committer === this.committer ? { owner: this.workerId, expiresAt: Date.now() + this.leaseMs } : undefined;
  }

  private get store(): DurableStore { return this.opts.store; }
  private storeFor(arn: string): DurableStore { return isExpressArn(arn) ? this.opts.expressStore : this.opts.store; }
  get commitStats(): { transitions: number; batches: number } { return this.committer.stats; }

  // ---- registry (the API reaches storage only through these)
  putStateMachine(sm: StateMachineRecord): Promise<void> { return this.store.putStateMachine(sm); }
  getStateMachine(arn: string): Promise<StateMachineRecord | undefined> { return this.store.getStateMachine(arn); }
  listStateMachines(): Promise<readonly StateMachineRecord[]> { return this.store.listStateMachines(); }
  deleteStateMachine(arn: string): Promise<void> { return this.store.deleteStateMachine(arn); }
  async getExecution(arn: string): Promise<StoredExecution | undefined> {
    return this.live.get(arn)?.rec ?? this.storeFor(arn).getExecution(arn);
  }
  async listExecutions(q: ExecutionQuery): Promise<Page<ExecutionSummary>> {
    const [a, b] = await Promise.all([this.store.listExecutions(q), this.opts.expressStore.listExecutions(q)]);
    return b.items.length ? { items: [...a.items, ...b.items].sort((x, y) => y.startDate - x.startDate), nextToken: a.nextToken } : a;
  }
  history(executionArn: string, q?: HistoryQuery): Promise<readonly HistoryEvent[]> { return this.storeFor(executionArn).history(executionArn, q); }

  program(definition: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Program {
    let p = this.programs.get(definition);
    if (!p) {
      const r = parseDefinition(definition, { type });
      if (!r.program) throw new Error('definition was validated at creation but no longer parses');
      p = r.program;
      if (this.programs.size > 1000) this.programs.clear();
      this.programs.set(definition, p);
    }
    return p;
  }

  // activities are local: an activity of the same name in any account is the one meant
  private readonly activityExists = (arn: string): boolean => this.registry.activities.list().some((a) => a.name === arn.split(':').pop());

  env(): StepEnv {
    return { now: this.opts.clock.now(), uuid: randomUUID, random: Math.random, activityExists: this.activityExists, deferTexts: this.defersTexts };
  }

  /** Starts an execution: commits ExecutionStarted and runs it as far as it goes. Undefined when the ARN exists. */
  startExecution(args: { stateMachineArn: string; stateMachineName: string; type: 'STANDARD' | 'EXPRESS'; definition: string;
    roleArn: string; executionArn: string; name: string; input: unknown; inputText: string }): Promise<StoredExecution | undefined> {
    try {
      return this.begin(args);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private begin(args: Parameters<Engine['startExecution']>[0]): Promise<StoredExecution | undefined> {
    const program = this.program(args.definition, args.type);
    const env = this.env();
    const info: ExecutionInfo = {
      executionArn: args.executionArn, name: args.name, stateMachineArn: args.stateMachineArn,
      stateMachineName: args.stateMachineName, roleArn: args.roleArn, startTime: isoTime(env.now),
      input: args.input, inputText: args.inputText, redriveCount: 0, region: this.opts.region, account: this.opts.account,
      type: args.type,
    };
    const r = start(program, info, env);
    const first: StoredExecution = nextRecord({
      executionArn: args.executionArn, stateMachineArn: args.stateMachineArn, name: args.name, startDate: env.now,
      inputText: args.inputText, status: 'RUNNING', state: r.state, definition: args.definition,
    }, r.state, 1, env.now);
    const express = args.type === 'EXPRESS';
    const batch = new StepBatch();
    batch.add(undefined, r);
    return this.running.begin(new Live(first, express ? this.expressCommitter : this.committer), batch, 0);
  }

  /** Delivers a signal (a task result, a fired timer, a stop); resolves once it is applied and committed. */
  signal(executionArn: string, signal: Signal): Promise<void> {
    const live = this.live.get(executionArn);
    if (live && !this.closed) return new Promise((done) => this.running.deliver(live, signal, done));
    return this.signalElsewhere(executionArn, signal);
  }

  /** a signal for an execution this worker does not run: with a shared store it takes the execution over */
  private async signalElsewhere(executionArn: string, signal: Signal): Promise<void> {
    if (!this.opts.shared || this.closed) return;
    const live = await this.adoptForSignal(executionArn);
    if (!live || this.closed) return;
    return new Promise((done) => this.running.deliver(live, signal, done));
  }

  /**
   * After a restart: every unfinished execution continues. Timers are armed
   * again (overdue ones fire at once); task work that was recorded but has no
   * applied result runs again (at-least-once task delivery). With a shared
   * store, executions are claimed through leases instead, now and periodically.
   */
  async recover(): Promise<number> {
    const doc = await this.store.getDocument(REGISTRY_DOCUMENT);
    if (doc) this.registry.load(doc);
    this.startRetention();
    if (this.opts.shared) {
      const n = await this.ownershipTick();
      this.ownershipTimer = setInterval(() => void this.ownershipTick().catch((e: Error) => {
        if (!this.closed) console.error('switchyard: lease upkeep failed:', e.message);
      }), Math.max(50, Math.floor(this.leaseMs / 3)));
      this.ownershipTimer.unref();
      return n;
    }
    const running = await this.store.runningExecutions();
    for (const rec of running) await this.adopt(rec, true);
    return running.length;
  }

  /** Deletes finished executions older than the retention age, now and every hour (at most a minute apart when short). */
  private startRetention(): void {
    const age = this.opts.retentionMs ?? DEFAULT_RETENTION_MS;
    const sweep = (): Promise<number> => this.sweepRetention();
    void sweep().catch((e: Error) => console.error('switchyard: retention sweep failed:', e.message));
    this.retentionTimer = setInterval(() => void sweep().catch((e: Error) => console.error('switchyard: retention sweep failed:', e.message)),
      Math.min(3600_000, Math.max(1000, age / 10)));
    this.retentionTimer.unref();
  }

  /** Writes the registry (versions, aliases, tags, activities) when it changed; the API calls it before answering. */
  async saveRegistry(): Promise<void> {
    if (!this.registry.dirty) return;
    this.registry.dirty = false;
    await this.store.putDocument(REGISTRY_DOCUMENT, this.registry.dump());
  }

  /** Deletes the finished executions past the retention age; returns how many. */
  async sweepRetention(): Promise<number> {
    const cutoff = this.opts.clock.now() - (this.opts.retentionMs ?? DEFAULT_RETENTION_MS);
    let total = 0;
    for (;;) {
      const deleted = this.closed ? [] : await this.store.deleteExecutionsBefore(cutoff, 1000);
      await this.usage.forget(deleted);
      total += deleted.length;
      if (deleted.length < 1000) return total;
    }
  }

  /** Runs an execution here from its stored row: timers, and task work (when `redispatch`). */
  private async adopt(rec: StoredExecution, redispatch: boolean): Promise<Live | undefined> {
    const existing = this.live.get(rec.executionArn);
    if (existing) return existing;
    const live = new Live(rec, this.committer);
    this.live.set(rec.executionArn, live);
    const [timers, tasks] = await Promise.all([this.store.timersOf(rec.executionArn), this.store.tasksOf(rec.executionArn)]);
    this.running.adopt(live, timers, tasks, redispatch);
    return live;
  }

  /**
   * A signal for an execution another worker runs (an API call that reached
   * this node): this worker takes the execution over with that transition.
   * The other worker's tasks keep running; it records their results for us.
   */
  private async adoptForSignal(executionArn: string): Promise<Live | undefined> {
    if (isExpressArn(executionArn)) return undefined;
    const rec = await this.store.getExecution(executionArn);
    if (!rec || rec.status !== 'RUNNING') return undefined;
    const lease = await this.store.leaseOf(executionArn);
    return this.adopt(rec, !lease || lease.expiresAt <= Date.now());
  }

  /** Lease upkeep: renew ours, drop what others took, claim expired ones, apply results recorded for us. */
  private async ownershipTick(): Promise<number> {
    if (this.closed) return 0;
    const now = Date.now();
    const mine = [...this.live.values()].filter((l) => l.committer === this.committer).map((l) => l.rec.executionArn);
    if (mine.length) {
      const kept = new Set(await this.store.renewLease(this.workerId, mine, this.leaseMs, now));
      for (const arn of mine) { const l = this.live.get(arn); if (l && !kept.has(arn) && l.rec.status === 'RUNNING') this.running.detach(l); }
    }
    const claimed = await this.store.claimExecutions(this.workerId, 200, this.leaseMs, now);
    for (const rec of claimed) await this.adopt(rec, true);
    for (const t of await this.store.completedTasks(200, this.workerId)) {
      if (!t.result || !this.live.has(t.executionArn)) continue;
      void this.signal(t.executionArn, t.result.kind === 'success'
        ? { type: 'taskSucceeded', taskId: t.taskId, output: t.result.output }
        : { type: 'taskFailed', taskId: t.taskId, error: t.result.error, cause: t.result.cause });
    }
    return claimed.length;
  }

  /** Resolves when the execution reaches a terminal status. */
  whenDone(executionArn: string): Promise<StoredExecution> {
    return this.whenEnded(executionArn, 0);
  }

  /** whenDone, `asked` times asked already of an execution running elsewhere */
  private whenEnded(executionArn: string, asked: number): Promise<StoredExecution> {
    const live = this.live.get(executionArn);
    if (live && live.rec.status === 'RUNNING') return new Promise((resolve) => addDone(live, resolveWith, resolve));
    return this.getExecution(executionArn).then((rec) => {
      if (!rec) throw new Error(`no execution ${executionArn}`);
      // running, but not here (not adopted yet while recovering, or on another worker): its row is read again until it
      // has ended, or until it runs here, every 50 ms at first and every second at most
      if (rec.status === 'RUNNING' && !this.closed) {
        return new Promise<void>((r) => setTimeout(r, Math.min(1000, 50 * 2 ** asked))).then(() => this.whenEnded(executionArn, asked + 1));
      }
      return rec;
    });
  }

  /**
   * Calls fn(row, arg) when an execution running here ends; false (and no
   * call) when it does not run here. A waiter without a promise or closure
   * of its own: one shared function and its argument.
   */
  onDone<A>(executionArn: string, fn: (rec: StoredExecution, arg: A) => void, arg: A): boolean {
    const live = this.live.get(executionArn);
    if (!live || live.rec.status !== 'RUNNING') return false;
    addDone(live, fn, arg);
    return true;
  }

  stop(executionArn: string, error?: string, cause?: string): Promise<void> {
    return this.signal(executionArn, { type: 'stop', error, cause });
  }

  /** RedriveExecution: a stopped execution runs again from the state it stopped in. Undefined when it is running or gone. */
  async redrive(executionArn: string): Promise<StoredExecution | undefined> {
    const store = this.storeFor(executionArn);
    const current = await store.getExecution(executionArn);
    if (!current || current.status === 'RUNNING' || this.live.has(executionArn)) return undefined;
    const env = this.env();
    const r = redrive(this.program(current.definition, current.state.info.type), structuredClone(current.state), env);
    const rec = nextRecord(current, r.state, current.version + 1, env.now, true);
    const batch = new StepBatch();
    batch.add(undefined, r);
    return this.running.begin(new Live(rec, store === this.store ? this.committer : this.expressCommitter), batch, current.version);
  }

  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat by task token. */
  taskToken(token: string): Promise<{ executionArn: string; taskId: string } | undefined> {
    return this.store.resolveTaskToken(token).then((t) => t ?? this.opts.expressStore.resolveTaskToken(token));
  }

  recordUsage(executionArn: string, stateName: string, u: TokenUsage): void {
    this.usage.record(executionArn, stateName, u);
  }

  /** LLM token usage of an execution, per state and model (kept across restarts). */
  tokenUsage(executionArn: string): Promise<readonly UsageRow[]> {
    return this.usage.of(executionArn);
  }

  /** Stops timers and task calls without touching stored state (a restart picks them up). */
  async close(): Promise<void> {
    clearInterval(this.ownershipTimer);
    clearInterval(this.retentionTimer);
    this.running.close();
  }
}
