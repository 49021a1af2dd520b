import type { Catcher, StateDef } from '../definition/types.js';
import type { Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';
import { applyResultPath, evaluateTemplate, selectPath } from '../execution/jsonpath-io.js';

/** InputPath applied to the state's input. */
export function effectiveInput(run: Run, frame: Frame, def: StateDef): unknown {
  return selectPath(def.raw.InputPath, run.scope(frame, frame.input));
}

/** ResultSelector, ResultPath and OutputPath applied to a result. */
export function stateOutput(run: Run, frame: Frame, def: StateDef, result: unknown): unknown {
  if (def.raw.ResultSelector !== undefined) result = evaluateTemplate(def.raw.ResultSelector, run.scope(frame, result));
  const combined = applyResultPath(frame.input, def.raw.ResultPath, result);
  return selectPath(def.raw.OutputPath, run.scope(frame, combined));
}

/** Error output of a Catcher: {Error, Cause} placed by the catcher's ResultPath. */
export function caughtOutput(frame: Frame, catcher: Catcher, error: string, cause: string | undefined): unknown {
  const errorOutput: Record<string, unknown> = { Error: error };
  if (cause !== undefined) errorOutput.Cause = cause;
  return applyResultPath(frame.input, catcher.resultPath, errorOutput);
}

export function leaveThroughCatcher(run: Run, frame: Frame, def: StateDef, catcher: Catcher, error: string, cause: string | undefined, previousEventId?: number): void {
  const output = caughtOutput(frame, catcher, error, cause);
  run.emit(frame, `${def.type}StateExited`, {
    stateExitedEventDetails: { name: def.name, output: JSON.stringify(output), outputDetails: { truncated: false } },
  }, previousEventId);
  run.transition(frame, def, output, catcher.next);
}

export const noRetry = (): void => { throw new Error('state type has no Retry'); };
