// RedriveExecution (AWS "Restarting state machine executions with redrive"):
// a FAILED, TIMED_OUT or ABORTED execution continues from the state it
// stopped in, with that state's input, after an ExecutionRedriven event.
// A Map or Parallel state runs again as a whole (AWS reruns only its
// unsuccessful iterations or branches; their results are not kept here).
import type { Program } from '../definition/types.js';
import type { StepEnv } from './protocol.js';
import type { ExecState, Frame } from './state.js';
import { Run } from './run.js';
import { Stepped, type StepResult } from '../step.js';

export function redrive(program: Program, state: ExecState, env: StepEnv): StepResult {
  const root = state.frames.root;
  if (!root) throw new Error('an execution without its root frame cannot be redriven');
  const info = { ...state.info, redriveCount: state.info.redriveCount + 1 };
  const frame: Frame = { ...root, phase: { kind: 'entering' }, retryAttempts: [], retryCount: 0 };
  const next: ExecState = { ...state, info, status: 'RUNNING', frames: { root: frame }, tasks: {}, timers: {} };
  delete next.output;
  delete next.error;
  delete next.cause;
  delete next.timeoutTimerId;
  const extra = next as unknown as Record<string, unknown>;
  if ('timerDue' in extra) extra.timerDue = {};
  const run = new Run(program, next, env);
  run.emit(undefined, 'ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: info.redriveCount } });
  if (program.timeoutSeconds !== undefined) next.timeoutTimerId = run.armTimer(undefined, env.now + program.timeoutSeconds * 1000);
  run.addFrame(frame);
  run.drain();
  return new Stepped(next, run.log, run.commands);
}
