import type { StateHandler } from './handler.js';
import { effectiveInput, leaveThroughCatcher, noRetry } from './common.js';
import { selectPath } from '../execution/jsonpath-io.js';

export const succeed: StateHandler = {
  enter(run, frame, def) {
    const input = effectiveInput(run, frame, def);
    run.exit(frame, def, selectPath(def.raw.OutputPath, run.scope(frame, input)));
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
