// The engine: owns time and I/O for executions. It feeds signals to the
// pure interpreter, commits each transition through the Store, and carries
// out the commands (call a task resource, arm a timer).
import { randomUUID } from 'node:crypto';
import {
  type Command, type ExecState, type ExecutionInfo, type HistoryEvent, type Program, type Signal, type StepEnv,
  parseDefinition, start, step,
} from '../asl/index.js';
import type { ExecutionRecord, StateMachineRecord, Store } from '../store/store.js';
export type { ExecutionRecord, StateMachineRecord } from '../store/store.js';
import type { Clock } from './clock.js';
import type { EngineCalls, TaskRunner, TokenUsage } from './task-runner.js';

export interface EngineOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly tasks: TaskRunner;
  readonly region: string;
  readonly account: string;
}

interface Live {
  /** timers and task calls in flight for this execution */
  readonly timers: Map<string, unknown>;
  readonly tasks: Map<string, AbortController>;
  readonly waiters: ((rec: ExecutionRecord) => void)[];
}

export class Engine {
  private readonly programs = new Map<string, Program>();
  private readonly live = new Map<string, Live>();
  /** task token -> (execution, task id) for SendTask* calls */
  private readonly tokens = new Map<string, { executionArn: string; taskId: string }>();
  /** LLM token usage: execution ARN -> state name -> totals */
  private readonly usage = new Map<string, Map<string, { modelId: string; inputTokens: number; outputTokens: number; calls: number }[]>>();
  /** what tasks may ask of the engine (nested executions); set by the server, which owns the API layer */
  engineCalls?: EngineCalls;

  constructor(readonly opts: EngineOptions) {}

  private get store(): Store { return this.opts.store; }

  // ---- registry (the API reaches storage only through these)
  putStateMachine(sm: StateMachineRecord): void { this.store.putStateMachine(sm); }
  getStateMachine(arn: string): StateMachineRecord | undefined { return this.store.getStateMachine(arn); }
  listStateMachines(): readonly StateMachineRecord[] { return this.store.listStateMachines(); }
  deleteStateMachine(arn: string): void { this.store.deleteStateMachine(arn); }
  getExecution(arn: string): ExecutionRecord | undefined { return this.store.getExecution(arn); }
  listExecutions(stateMachineArn: string): readonly ExecutionRecord[] { return this.store.listExecutions(stateMachineArn); }

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
    return { now: this.opts.clock.now(), uuid: randomUUID, random: Math.random };
  }

  /** Starts an execution: writes ExecutionStarted and runs it as far as it goes. */
  startExecution(args: { stateMachineArn: string; stateMachineName: string; type: 'STANDARD' | 'EXPRESS'; definition: string;
    roleArn: string; executionArn: string; name: string; input: unknown; inputText: string }): ExecutionRecord | undefined {
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
    this.settle(rec, env);
    if (!this.store.createExecution(rec, r.events)) return undefined;
    this.live.set(rec.executionArn, { timers: new Map(), tasks: new Map(), waiters: [] });
    this.run(rec, r.commands);
    return rec;
  }

  /** Delivers a signal to an execution (a task result, a fired timer, a stop). */
  signal(executionArn: string, signal: Signal): void {
    const rec = this.store.getExecution(executionArn);
    if (!rec || rec.status !== 'RUNNING') return;
    const env = this.env();
    const r = step(this.program(rec.definition, rec.state.info.type), rec.state, signal, env);
    this.settle(rec, env);
    this.store.commitTransition(rec, r.events);
    this.run(rec, r.commands);
  }

  private settle(rec: ExecutionRecord, env: StepEnv): void {
    const s: ExecState = rec.state;
    rec.status = s.status;
    if (s.status !== 'RUNNING') {
      rec.stopDate = env.now;
      if (s.status === 'SUCCEEDED') rec.outputText = JSON.stringify(s.output);
      rec.error = s.error;
      rec.cause = s.cause;
    }
  }

  /** Carries out commands; when the execution has ended, releases what it held. */
  private run(rec: ExecutionRecord, commands: readonly Command[]): void {
    const live = this.live.get(rec.executionArn);
    if (!live) return;
    for (const c of commands) {
      switch (c.type) {
        case 'armTimer':
          live.timers.set(c.timerId, this.opts.clock.schedule(c.dueAt, () => {
            live.timers.delete(c.timerId);
            this.signal(rec.executionArn, { type: 'timerFired', timerId: c.timerId });
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
        case 'invokeTask': {
          const ac = new AbortController();
          live.tasks.set(c.taskId, ac);
          if (c.taskToken) this.tokens.set(c.taskToken, { executionArn: rec.executionArn, taskId: c.taskId });
          const info = rec.state.info;
          this.opts.tasks.invoke(c, {
            executionArn: info.executionArn, stateMachineArn: info.stateMachineArn, region: info.region, account: info.account,
            signal: ac.signal, taskToken: c.taskToken, engine: this.engineCalls,
          }).then((outcome) => {
            if (outcome.usage) this.recordUsage(rec.executionArn, c.stateName, outcome.usage);
            if (ac.signal.aborted) return;
            if (outcome.kind === 'pending') {
              if (outcome.submitted !== undefined) this.signal(rec.executionArn, { type: 'taskSubmitted', taskId: c.taskId, output: outcome.submitted });
              return;
            }
            live.tasks.delete(c.taskId);
            this.signal(rec.executionArn, outcome.kind === 'success'
              ? { type: 'taskSucceeded', taskId: c.taskId, output: outcome.output }
              : { type: 'taskFailed', taskId: c.taskId, error: outcome.error, cause: outcome.cause });
          }, (e: unknown) => {
            if (ac.signal.aborted) return;
            live.tasks.delete(c.taskId);
            this.signal(rec.executionArn, { type: 'taskFailed', taskId: c.taskId, error: 'States.TaskFailed', cause: String(e) });
          });
          break;
        }
      }
    }
    if (rec.status !== 'RUNNING') {
      for (const h of live.timers.values()) this.opts.clock.cancel(h);
      for (const ac of live.tasks.values()) ac.abort();
      this.live.delete(rec.executionArn);
      for (const w of live.waiters) w(rec);
    }
  }

  /** Resolves when the execution reaches a terminal status. */
  whenDone(executionArn: string): Promise<ExecutionRecord> {
    const rec = this.store.getExecution(executionArn);
    const live = this.live.get(executionArn);
    if (!rec) return Promise.reject(new Error(`no execution ${executionArn}`));
    if (!live || rec.status !== 'RUNNING') return Promise.resolve(rec);
    return new Promise((resolve) => live.waiters.push(resolve));
  }

  stop(executionArn: string, error?: string, cause?: string): void {
    this.signal(executionArn, { type: 'stop', error, cause });
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

  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat by task token. */
  taskToken(token: string): { executionArn: string; taskId: string } | undefined {
    return this.tokens.get(token);
  }

  history(executionArn: string): readonly HistoryEvent[] {
    return this.store.history(executionArn);
  }
}
