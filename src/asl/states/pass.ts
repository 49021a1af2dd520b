import type { StateHandler } from './handler.js';
import { complete, effectiveInput, isJsonata, leaveThroughCatcher, noRetry } from './common.js';
import { evaluateTemplate } from '../execution/jsonpath-io.js';

export const pass: StateHandler = {
  enter(run, frame, def) {
    if (isJsonata(def)) { complete(run, frame, def, frame.input); return; }
    const input = effectiveInput(run, frame, def);
    // a Pass state with a Result ignores its Parameters (recorded TestState answers)
    let result: unknown = input;
    if (def.raw.Result !== undefined) result = def.raw.Result;
    else if (def.raw.Parameters !== undefined) result = evaluateTemplate(def.raw.Parameters, run.scope(frame, input));
    complete(run, frame, def, result);
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
