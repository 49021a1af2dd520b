// Shared by the unit tests: runs a definition through the pure interpreter to
// its end, with task results computed by the test and a simulated clock (no
// real time passes). Task calls resolve in the order they were scheduled;
// when nothing else can happen, the clock jumps to the earliest timer.
import { parseDefinition } from '../parse/parse.js';
import { start, step, type StepResult } from '../step.js';
import type { Command, Signal, TaskInvocation } from './protocol.js';
import type { ExecState } from './state.js';
import type { HistoryEvent } from './events.js';

export type TaskOutcome = { output: unknown } | { error: string; cause?: string } | 'pending';
export type TaskHandler = (parameters: any, invocation: TaskInvocation) => TaskOutcome;

export interface DriverResult {
  readonly status: ExecState['status'];
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly events: readonly HistoryEvent[];
  readonly state: ExecState;
}

/** The handler for a Task: by Lambda function name, or by the Resource as written. */
function handlerFor(tasks: Record<string, TaskHandler>, c: TaskInvocation): TaskHandler | undefined {
  const params = c.parameters as Record<string, unknown> | undefined;
  const fn = typeof params?.FunctionName === 'string' ? params.FunctionName.split(':').pop() : undefined;
  const lambdaName = c.family === 'lambda' ? c.resource.split(':')[6] : undefined;
  return tasks[c.resource] ?? (lambdaName ? tasks[lambdaName] : undefined) ?? (fn ? tasks[fn] : undefined);
}

export function runDefinition(definition: unknown, input: unknown = {},
  opts: { tasks?: Record<string, TaskHandler>; now?: number; maxSteps?: number; deferTexts?: boolean } = {}): DriverResult {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  const parsed = parseDefinition(text);
  if (!parsed.program) throw new Error(`invalid definition: ${JSON.stringify(parsed.diagnostics)}`);
  const program = parsed.program;
  let now = opts.now ?? Date.UTC(2024, 0, 1);
  let ids = 0;
  const env = () => ({ now, uuid: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`, random: () => 0.5, deferTexts: opts.deferTexts });
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:sm:exec';
  const info = {
    executionArn: arn, name: 'exec', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:sm',
    stateMachineName: 'sm', roleArn: 'arn:aws:iam::123456789012:role/r', startTime: new Date(now).toISOString(),
    input, inputText: JSON.stringify(input), redriveCount: 0, region: 'us-east-1', account: '123456789012', type: 'STANDARD' as const,
  };
  const events: HistoryEvent[] = [];
  const timers = new Map<string, number>();
  const signals: Signal[] = [];
  const absorb = (r: StepResult): void => {
    events.push(...r.events);
    for (const c of r.commands as Command[]) {
      if (c.type === 'armTimer') timers.set(c.timerId, c.dueAt);
      else if (c.type === 'cancelTimer') timers.delete(c.timerId);
      else if (c.type === 'invokeTask') {
        const h = handlerFor(opts.tasks ?? {}, c);
        const outcome: TaskOutcome = h ? h(c.parameters, c) : { error: 'Lambda.ResourceNotFoundException', cause: `no handler for ${c.resource}` };
        if (outcome === 'pending') continue;
        signals.push('output' in outcome
          ? { type: 'taskSucceeded', taskId: c.taskId, output: outcome.output }
          : { type: 'taskFailed', taskId: c.taskId, error: outcome.error, cause: outcome.cause });
      }
    }
  };
  let r = start(program, info, env());
  absorb(r);
  const state = r.state;
  for (let n = 0; state.status === 'RUNNING'; n++) {
    if (n > (opts.maxSteps ?? 10000)) throw new Error('the execution did not end');
    let signal = signals.shift();
    if (!signal) {
      const next = [...timers].sort((a, b) => a[1] - b[1])[0];
      if (!next) break;
      timers.delete(next[0]);
      now = Math.max(now, next[1]);
      signal = { type: 'timerFired', timerId: next[0] };
    }
    r = step(program, state, signal, env());
    absorb(r);
  }
  return { status: state.status, output: state.output, error: state.error, cause: state.cause, events, state };
}

/** The assignedVariables of every StateExited event, in order, by state name. */
export function assignments(events: readonly HistoryEvent[]): { name: string; vars: Record<string, unknown> }[] {
  const out: { name: string; vars: Record<string, unknown> }[] = [];
  for (const e of events) {
    const d = e.stateExitedEventDetails as { name: string; assignedVariables?: Record<string, string> } | undefined;
    if (d?.assignedVariables) {
      out.push({ name: d.name, vars: Object.fromEntries(Object.entries(d.assignedVariables).map(([k, v]) => [k, JSON.parse(v)])) });
    }
  }
  return out;
}
