// Switchyard driven in-process through its engine (no HTTP), composed as
// src/server/server.ts composes it: a store (`--store memory` by default),
// SystemClock, a task runner.
import { Engine, type StoredExecution } from '../../src/engine/engine.js';
import { SystemClock } from '../../src/engine/clock.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { DurableStore } from '../../src/store/durable-store.js';
import type { TaskContext, TaskInvocation, TaskOutcome, TaskRunner } from '../../src/engine/task-runner.js';
import { parseDefinition } from '../../src/asl/index.js';
import type { Contender, Handlers, Machine } from './contender.js';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

/**
 * Calls the scenario's handlers by state name, in this process. A
 * .waitForTaskToken task parks: the handler sees the token, the outcome
 * stays pending until sendTaskSuccess.
 */
class HandlerRunner implements TaskRunner {
  private readonly byMachine = new Map<string, Handlers>();
  register(stateMachineArn: string, handlers: Handlers): void { this.byMachine.set(stateMachineArn, handlers); }
  invoke(inv: TaskInvocation, ctx: TaskContext): Promise<TaskOutcome> {
    const h = this.byMachine.get(ctx.stateMachineArn)?.[inv.stateName];
    if (!h) return Promise.resolve({ kind: 'failure', error: 'States.Runtime', cause: `bench: no handler for state ${inv.stateName}` });
    if (inv.taskToken !== undefined) {
      h({ parameters: inv.parameters, taskToken: inv.taskToken });
      return Promise.resolve(PENDING);
    }
    // a handler's value, or its promise's (a handler that throws fails the task, as an async one's rejection does)
    try {
      const out = h(inv.parameters);
      return out instanceof Promise ? out.then(succeeded) : Promise.resolve(succeeded(out));
    } catch (e) {
      return Promise.reject(e);
    }
  }
}

export interface SwitchyardMachine extends Machine {
  /** resolves once ExecutionStarted is committed, with the execution's ARN */
  start(input: unknown, inputText?: string): Promise<string>;
}

const PENDING: TaskOutcome = { kind: 'pending' };
const succeeded = (output: unknown): TaskOutcome => ({ kind: 'success', output });

/** machines are named bench-1, bench-2... in creation order, their executions x1, x2... */
export const executionArnOf = (machine: string, execution: string): string =>
  `arn:aws:states:${REGION}:${ACCOUNT}:execution:${machine}:${execution}`;

export interface SwitchyardOptions {
  /** calls Task resources instead of the scenario's handlers (the server's Integrations, say) */
  readonly tasks?: TaskRunner;
  /** the store of STANDARD executions; a fresh MemoryStore by default */
  readonly store?: DurableStore;
}

export class SwitchyardContender implements Contender {
  readonly id = 'switchyard' as const;
  readonly engine: Engine;
  private readonly handlers = new HandlerRunner();
  private machines = 0;

  constructor(opts: SwitchyardOptions = {}) {
    const tasks: TaskRunner = opts.tasks ?? this.handlers;
    this.engine = new Engine({
      store: opts.store ?? new MemoryStore(), expressStore: new MemoryStore(), clock: new SystemClock(), tasks, region: REGION, account: ACCOUNT,
    });
  }

  machine(definition: object, handlers: Handlers = {}): SwitchyardMachine {
    const text = JSON.stringify(definition);
    const parsed = parseDefinition(text, { type: 'STANDARD' });
    if (!parsed.program) throw new Error(`bench definition does not parse: ${JSON.stringify(parsed.diagnostics)}`);
    const name = `bench-${++this.machines}`;
    const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
    this.handlers.register(stateMachineArn, handlers);
    const engine = this.engine;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/bench`;
    const arnPrefix = executionArnOf(name, '');
    let seq = 0;
    const start = (input: unknown, inputText: string): Promise<StoredExecution | undefined> => {
      const execName = `x${++seq}`;
      return engine.startExecution({
        stateMachineArn, stateMachineName: name, type: 'STANDARD', definition: text, roleArn, executionArn: arnPrefix + execName, name: execName,
        input, inputText,
      });
    };
    return {
      start: (input, inputText = JSON.stringify(input)) => start(input, inputText).then((rec) => arnOf(existing(rec))),
      // one promise per run: while the execution is parked the engine holds only its resolve function
      run: (input: unknown, inputText = JSON.stringify(input)): Promise<unknown> => new Promise((resolve, reject) => {
        start(input, inputText).then((rec) => {
          if (!rec) { reject(new Error('bench: the execution exists')); return; }
          if (rec.status !== 'RUNNING') { settle(rec, resolve); return; }
          // it may run elsewhere (a shared store): its row says how it ended
          if (!engine.onDone(rec.executionArn, settle, resolve)) engine.whenDone(rec.executionArn).then((r) => settle(r, resolve), reject);
        }, reject);
      }),
    };
  }

  /** what SendTaskSuccess does: the token's execution gets the task's result */
  async sendTaskSuccess(taskToken: string, output: unknown): Promise<void> {
    const target = await this.engine.taskToken(taskToken);
    if (!target) throw new Error(`bench: unknown task token ${taskToken}`);
    await this.engine.signal(target.executionArn, { type: 'taskSucceeded', taskId: target.taskId, output });
  }

  close(): Promise<void> { return this.engine.close(); }
}

const arnOf = (rec: StoredExecution): string => rec.executionArn;
const existing = (rec: StoredExecution | undefined): StoredExecution => {
  if (!rec) throw new Error('bench: the execution exists');
  return rec;
};

/** a run's outcome: its output, or a rejection when it did not succeed */
function settle(rec: StoredExecution, resolve: (outcome: unknown) => void): void {
  resolve(rec.status === 'SUCCEEDED' ? rec.state.output : Promise.reject(new Error(`execution ${rec.status}: ${rec.error ?? ''} ${rec.cause ?? ''}`)));
}
