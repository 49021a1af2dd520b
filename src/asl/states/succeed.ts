import type { StateHandler } from './handler.js';
import { complete, effectiveInput, isJsonata, leaveThroughCatcher, noRetry } from './common.js';
import { selectPath } from '../execution/jsonpath-io.js';

export const succeed: StateHandler = {
  enter(run, frame, def) {
    if (isJsonata(def)) { complete(run, frame, def, frame.input); return; }
    const input = effectiveInput(run, frame, def);
    complete(run, frame, def, input, { output: selectPath(def.raw.OutputPath, run.scope(frame, input)) });
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
