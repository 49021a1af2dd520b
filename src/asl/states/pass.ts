import type { StateHandler } from './handler.js';
import { complete, effectiveInput, isJsonata, leaveThroughCatcher, noRetry } from './common.js';
import { evaluateTemplate } from '../execution/jsonpath-io.js';

export const pass: StateHandler = {
  enter(run, frame, def) {
    if (isJsonata(def)) { complete(run, frame, def, frame.input); return; }
    const input = effectiveInput(run, frame, def);
    let result: unknown;
    if (def.raw.Parameters !== undefined) result = evaluateTemplate(def.raw.Parameters, run.scope(frame, input));
    else if (def.raw.Result !== undefined) result = def.raw.Result;
    else result = input;
    complete(run, frame, def, result);
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
