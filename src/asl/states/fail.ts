import type { StateHandler } from './handler.js';
import { leaveThroughCatcher, noRetry } from './common.js';
import { evaluateDynamic } from '../execution/jsonpath-io.js';

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export const fail: StateHandler = {
  enter(run, frame, def) {
    const scope = run.scope(frame, frame.input);
    const error = def.raw.ErrorPath !== undefined ? text(evaluateDynamic(def.raw.ErrorPath, 'ErrorPath', scope)) : def.raw.Error;
    const cause = def.raw.CausePath !== undefined ? text(evaluateDynamic(def.raw.CausePath, 'CausePath', scope)) : def.raw.Cause;
    run.frameFailed(frame, error, cause);
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
