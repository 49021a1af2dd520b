// The engine: owns time and I/O for executions. It feeds signals to the pure
// interpreter one at a time per execution, commits each transition (events,
// execution row, timers, task records) through the group committer, and only
// then carries out the commands (call a task resource, arm a timer).
import { randomUUID } from 'node:crypto';
import {
  type Command, type ExecutionInfo, type HistoryEvent, type Program, type Signal, type StepEnv, type StepResult,
  parseDefinition, payloadText, start, step,
} from '../asl/index.js';
import type { DurableStore, ExecutionQuery, ExecutionSummary, HistoryQuery, Page, StoredExecution, Transition } from '../store/durable-store.js';
import type { ExecutionRecord, StateMachineRecord } from '../store/store.js';
import type { Clock } from './clock.js';
import type { EngineCalls, TaskRunner, TokenUsage } from './task-runner.js';
import { Registry } from './registry/index.js';
import { ActivityQueue } from './activities.js';
import { redrive } from '../asl/execution/redrive.js';
import { GroupCommitter } from './committer.js';
import { crashPoint } from './crash-points.js';

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

interface Live {
  rec: StoredExecution;
  readonly store: DurableStore;
  readonly committer: GroupCommitter;
  readonly mailbox: { signal: Signal; done: () => void }[];
  busy: boolean;
  readonly timers: Map<string, unknown>;
  readonly tasks: Map<string, AbortController>;
  readonly waiters: ((rec: StoredExecution) => void)[];
}

const isExpressArn = (arn: string): boolean => arn.split(':')[5] === 'express';

export class Engine {
  private readonly programs = new Map<string, Program>();
  private readonly live = new Map<string, Live>();
  private readonly committer: GroupCommitter;
  private readonly expressCommitter: GroupCommitter;
  /** LLM token usage: execution ARN -> state name -> totals */
  private readonly usage = new Map<string, Map<string, { modelId: string; inputTokens: number; outputTokens: number; calls: number }[]>>();
  /** what tasks may ask of the engine (nested executions); set by the server, which owns the API layer */
  engineCalls?: EngineCalls;
  /** versions, aliases, tags, activities, map runs (the API's bookkeeping) */
  readonly registry = new Registry();
  /** activity tasks waiting for workers (GetActivityTask) */
  readonly activities = new ActivityQueue(() => this.opts.clock);
  private closed = false;
  readonly workerId: string;
  private readonly leaseMs: number;
  private ownershipTimer?: NodeJS.Timeout;
  private retentionTimer?: NodeJS.Timeout;

  constructor(readonly opts: EngineOptions) {
    this.committer = new GroupCommitter(opts.store);
    this.expressCommitter = new GroupCommitter(opts.expressStore);
    this.workerId = opts.workerId ?? randomUUID();
    this.leaseMs = opts.leaseMs ?? 10_000;
  }

  /** the lease a transition takes or renews (shared stores only) */
  private lease(express: boolean): { owner: string; expiresAt: number } | undefined {
    return this.opts.shared && !express ? { owner: this.workerId, expiresAt: Date.now() + this.leaseMs } : undefined;
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

  private env(): StepEnv {
    return {
      now: this.opts.clock.now(), uuid: randomUUID, random: Math.random,
      // activities are local: an activity of the same name in any account is the one meant
      activityExists: (arn) => this.registry.activities.list().some((a) => a.name === arn.split(':').pop()),
    };
  }

  /** Starts an execution: commits ExecutionStarted and runs it as far as it goes. Undefined when the ARN exists. */
  async startExecution(args: { stateMachineArn: string; stateMachineName: string; type: 'STANDARD' | 'EXPRESS'; definition: string;
    roleArn: string; executionArn: string; name: string; input: unknown; inputText: string }): Promise<StoredExecution | undefined> {
    const program = this.program(args.definition, args.type);
    const env = this.env();
    const info: ExecutionInfo = {
      executionArn: args.executionArn, name: args.name, stateMachineArn: args.stateMachineArn,
      stateMachineName: args.stateMachineName, roleArn: args.roleArn, startTime: new Date(env.now).toISOString(),
      input: args.input, inputText: args.inputText, redriveCount: 0, region: this.opts.region, account: this.opts.account,
      type: args.type,
    };
    const r = start(program, info, env);
    const rec: ExecutionRecord = {
      executionArn: args.executionArn, stateMachineArn: args.stateMachineArn, name: args.name, startDate: env.now,
      inputText: args.inputText, status: 'RUNNING', state: r.state, definition: args.definition,
    };
    settle(rec, env.now);
    const express = args.type === 'EXPRESS';
    const committer = express ? this.expressCommitter : this.committer;
    const outcome = await committer.commit({ ...transition(rec, 0, r, undefined), lease: this.lease(express) });
    if (!outcome.ok) return undefined;
    const live: Live = {
      rec: { ...rec, version: outcome.version }, store: express ? this.opts.expressStore : this.store, committer,
      mailbox: [], busy: false, timers: new Map(), tasks: new Map(), waiters: [],
    };
    this.live.set(rec.executionArn, live);
    this.run(live, r.commands);
    return live.rec;
  }

  /** Delivers a signal (a task result, a fired timer, a stop); resolves once it is applied and committed. */
  async signal(executionArn: string, signal: Signal): Promise<void> {
    let live = this.live.get(executionArn);
    if (!live && this.opts.shared && !this.closed) live = await this.adoptForSignal(executionArn);
    if (!live || this.closed) return;
    const target = live;
    return new Promise((done) => {
      target.mailbox.push({ signal, done });
      void this.pump(target);
    });
  }

  private async pump(live: Live): Promise<void> {
    if (live.busy) return;
    live.busy = true;
    try {
      while (live.mailbox.length && !this.closed) {
        const item = live.mailbox.shift()!;
        await this.apply(live, item.signal);
        item.done();
      }
    } finally {
      live.busy = false;
    }
  }

  /** One signal, one transition: step, commit, then act. Storage faults are retried, never turned into ASL errors. */
  private async apply(live: Live, signal: Signal): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (live.rec.status !== 'RUNNING') return;
      const env = this.env();
      const rec: ExecutionRecord = { ...live.rec };
      const r = step(this.program(rec.definition, rec.state.info.type), rec.state, signal, env);
      if (!r.events.length && !r.commands.length) return;
      settle(rec, env.now);
      try {
        crashPoint('before-commit');
        const outcome = await live.committer.commit({
          ...transition(rec, live.rec.version, r, signal), lease: this.lease(live.committer === this.expressCommitter),
        });
        crashPoint('after-commit');
        if (outcome.ok) {
          live.rec = { ...rec, version: outcome.version };
          this.run(live, r.commands);
          return;
        }
      } catch (e) {
        if (this.closed) return;
        console.error(`switchyard: commit failed for ${rec.executionArn}, retrying:`, (e as Error).message);
        await new Promise((res) => setTimeout(res, Math.min(1000, 20 * 2 ** attempt)));
      }
      // the stored row is the truth: reload it (our copy was stepped in place) and apply the signal again
      const fresh = await live.store.getExecution(rec.executionArn);
      if (!fresh) return;
      live.rec = fresh;
      if (this.opts.shared && fresh.status === 'RUNNING') {
        const lease = await live.store.leaseOf(fresh.executionArn);
        if (lease && lease.owner !== this.workerId && lease.expiresAt > Date.now()) {
          // another worker runs it now: hand over what only we know, a task's result
          this.detach(live);
          if (signal.type === 'taskSucceeded' || signal.type === 'taskFailed') {
            await live.store.recordTaskResults([{ executionArn: fresh.executionArn, taskId: signal.taskId, result: signal.type === 'taskSucceeded'
              ? { kind: 'success', output: signal.output } : { kind: 'failure', error: signal.error, cause: signal.cause } }]);
          }
          return;
        }
      }
    }
  }

  /** Stops running an execution another worker has taken over (its timers are that worker's now). */
  private detach(live: Live): void {
    if (this.live.get(live.rec.executionArn) !== live) return;
    for (const h of live.timers.values()) this.opts.clock.cancel(h);
    live.timers.clear();
    this.live.delete(live.rec.executionArn);
  }

  /** Carries out committed commands; when the execution has ended, releases what it held. */
  private run(live: Live, commands: readonly Command[]): void {
    const arn = live.rec.executionArn;
    for (const c of commands) {
      switch (c.type) {
        case 'armTimer':
          live.timers.set(c.timerId, this.opts.clock.schedule(c.dueAt, () => {
            live.timers.delete(c.timerId);
            void this.signal(arn, { type: 'timerFired', timerId: c.timerId });
          }));
          break;
        case 'cancelTimer': {
          const h = live.timers.get(c.timerId);
          if (h !== undefined) { this.opts.clock.cancel(h); live.timers.delete(c.timerId); }
          break;
        }
        case 'cancelTask':
          live.tasks.get(c.taskId)?.abort();
          live.tasks.delete(c.taskId);
          break;
        case 'invokeTask':
          this.dispatch(live, c);
          break;
      }
    }
    if (live.rec.status !== 'RUNNING') {
      for (const h of live.timers.values()) this.opts.clock.cancel(h);
      for (const ac of live.tasks.values()) ac.abort();
      this.live.delete(arn);
      for (const w of live.waiters) w(live.rec);
    }
  }

  private dispatch(live: Live, c: Extract<Command, { type: 'invokeTask' }>): void {
    const arn = live.rec.executionArn;
    const ac = new AbortController();
    live.tasks.set(c.taskId, ac);
    if (c.family === 'activity') {
      this.activities.schedule({ activityArn: c.resource, executionArn: arn, taskId: c.taskId, input: payloadText(c.parameters) }, ac.signal);
      return;
    }
    const info = live.rec.state.info;
    this.opts.tasks.invoke(c, {
      executionArn: arn, stateMachineArn: info.stateMachineArn, region: info.region, account: info.account,
      signal: ac.signal, taskToken: c.taskToken, engine: this.engineCalls,
    }).then((outcome) => {
      if (outcome.usage) this.recordUsage(arn, c.stateName, outcome.usage);
      if (ac.signal.aborted) return;
      crashPoint('task-result');
      if (outcome.kind === 'pending') {
        if (outcome.submitted !== undefined) void this.signal(arn, { type: 'taskSubmitted', taskId: c.taskId, output: outcome.submitted });
        return;
      }
      live.tasks.delete(c.taskId);
      if (this.live.get(arn) !== live) {
        // the execution moved to another worker while the task ran
        void live.store.recordTaskResults([{ executionArn: arn, taskId: c.taskId, result: outcome.kind === 'success'
          ? { kind: 'success', output: outcome.output } : { kind: 'failure', error: outcome.error, cause: outcome.cause } }]);
        return;
      }
      void this.signal(arn, outcome.kind === 'success'
        ? { type: 'taskSucceeded', taskId: c.taskId, output: outcome.output }
        : { type: 'taskFailed', taskId: c.taskId, error: outcome.error, cause: outcome.cause });
    }, (e: unknown) => {
      if (ac.signal.aborted) return;
      live.tasks.delete(c.taskId);
      void this.signal(arn, { type: 'taskFailed', taskId: c.taskId, error: 'States.TaskFailed', cause: String(e) });
    });
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
      const n = this.closed ? 0 : await this.store.deleteExecutionsBefore(cutoff, 1000);
      total += n;
      if (n < 1000) return total;
    }
  }

  /** Runs an execution here from its stored row: timers, and task work (when `redispatch`). */
  private async adopt(rec: StoredExecution, redispatch: boolean): Promise<Live | undefined> {
    const existing = this.live.get(rec.executionArn);
    if (existing) return existing;
    const live: Live = {
      rec, store: this.store, committer: this.committer, mailbox: [], busy: false, timers: new Map(), tasks: new Map(), waiters: [],
    };
    this.live.set(rec.executionArn, live);
    const [timers, tasks] = await Promise.all([this.store.timersOf(rec.executionArn), this.store.tasksOf(rec.executionArn)]);
    const commands: Command[] = timers.map((t) => ({ type: 'armTimer', timerId: t.timerId, dueAt: t.dueAt }));
    for (const t of tasks) {
      if (t.result) {
        void this.signal(rec.executionArn, t.result.kind === 'success'
          ? { type: 'taskSucceeded', taskId: t.taskId, output: t.result.output }
          : { type: 'taskFailed', taskId: t.taskId, error: t.result.error, cause: t.result.cause });
      } else if (redispatch) {
        commands.push(t.invocation);
      }
    }
    this.run(live, commands);
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
      for (const arn of mine) { const l = this.live.get(arn); if (l && !kept.has(arn) && l.rec.status === 'RUNNING') this.detach(l); }
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
  async whenDone(executionArn: string): Promise<StoredExecution> {
    const live = this.live.get(executionArn);
    if (live && live.rec.status === 'RUNNING') return new Promise((resolve) => live.waiters.push(resolve));
    const rec = await this.getExecution(executionArn);
    if (!rec) throw new Error(`no execution ${executionArn}`);
    return rec;
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
    const rec: ExecutionRecord = { ...current, state: r.state, stopDate: undefined, outputText: undefined, error: undefined, cause: undefined };
    settle(rec, env.now);
    const committer = store === this.store ? this.committer : this.expressCommitter;
    const outcome = await committer.commit({ ...transition(rec, current.version, r, undefined), lease: this.lease(committer === this.expressCommitter) });
    if (!outcome.ok) return undefined;
    const live: Live = { rec: { ...rec, version: outcome.version }, store, committer, mailbox: [], busy: false, timers: new Map(), tasks: new Map(), waiters: [] };
    this.live.set(executionArn, live);
    this.run(live, r.commands);
    return live.rec;
  }

  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat by task token. */
  taskToken(token: string): Promise<{ executionArn: string; taskId: string } | undefined> {
    return this.store.resolveTaskToken(token).then((t) => t ?? this.opts.expressStore.resolveTaskToken(token));
  }

  private recordUsage(executionArn: string, stateName: string, u: TokenUsage): void {
    let byState = this.usage.get(executionArn);
    if (!byState) this.usage.set(executionArn, (byState = new Map()));
    let rows = byState.get(stateName);
    if (!rows) byState.set(stateName, (rows = []));
    let row = rows.find((r) => r.modelId === u.modelId);
    if (!row) rows.push((row = { modelId: u.modelId, inputTokens: 0, outputTokens: 0, calls: 0 }));
    row.inputTokens += u.inputTokens;
    row.outputTokens += u.outputTokens;
    row.calls += 1;
  }

  /** LLM token usage of an execution, per state and model. */
  tokenUsage(executionArn: string): { stateName: string; modelId: string; inputTokens: number; outputTokens: number; calls: number }[] {
    const byState = this.usage.get(executionArn);
    if (!byState) return [];
    return [...byState.entries()].flatMap(([stateName, rows]) => rows.map((r) => ({ stateName, ...r })));
  }

  /** Stops timers and task calls without touching stored state (a restart picks them up). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ownershipTimer);
    clearInterval(this.retentionTimer);
    for (const live of this.live.values()) {
      for (const h of live.timers.values()) this.opts.clock.cancel(h);
      for (const ac of live.tasks.values()) ac.abort();
    }
    this.live.clear();
  }
}

/** Execution row fields that follow from the interpreter's state. */
function settle(rec: ExecutionRecord, now: number): void {
  const s = rec.state;
  rec.status = s.status;
  if (s.status !== 'RUNNING') {
    rec.stopDate = now;
    if (s.status === 'SUCCEEDED') rec.outputText = payloadText(s.output);
    rec.error = s.error;
    rec.cause = s.cause;
  }
}

/** The store write of one step: everything it changed, as one unit. */
function transition(rec: ExecutionRecord, expectedVersion: number, r: StepResult, signal: Signal | undefined): Transition {
  const timersArmed: { timerId: string; dueAt: number }[] = [];
  const timersCancelled: string[] = [];
  const tasksScheduled: Extract<Command, { type: 'invokeTask' }>[] = [];
  const tasksDeleted: string[] = [];
  for (const c of r.commands) {
    if (c.type === 'armTimer') timersArmed.push({ timerId: c.timerId, dueAt: c.dueAt });
    else if (c.type === 'cancelTimer') timersCancelled.push(c.timerId);
    else if (c.type === 'invokeTask') tasksScheduled.push(c);
    else tasksDeleted.push(c.taskId);
  }
  if (signal?.type === 'timerFired') timersCancelled.push(signal.timerId);
  if (signal?.type === 'taskSucceeded' || signal?.type === 'taskFailed') tasksDeleted.push(signal.taskId);
  return {
    execution: rec, expectedVersion, events: r.events, timersArmed, timersCancelled, tasksScheduled, tasksDeleted,
    tasksStarted: signal?.type === 'taskStarted' ? [signal.taskId] : [],
  };
}
