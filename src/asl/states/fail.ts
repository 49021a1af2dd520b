import type { StateHandler } from './handler.js';
import { isJsonata, jsonataScope, leaveThroughCatcher, noRetry } from './common.js';
import { evaluateDynamic } from '../execution/jsonpath-io.js';
import { evaluateTemplate } from '../query/jsonata/jsonata.js';

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export const fail: StateHandler = {
  enter(run, frame, def) {
    let error: string | undefined;
    let cause: string | undefined;
    if (isJsonata(def)) {
      const scope = jsonataScope(run, frame, def);
      if (def.raw.Error !== undefined) error = text(evaluateTemplate(def.raw.Error, 'Error', scope));
      if (def.raw.Cause !== undefined) cause = text(evaluateTemplate(def.raw.Cause, 'Cause', scope));
    } else {
      const scope = run.scope(frame, frame.input);
      error = def.raw.ErrorPath !== undefined ? text(evaluateDynamic(def.raw.ErrorPath, 'ErrorPath', scope)) : def.raw.Error;
      cause = def.raw.CausePath !== undefined ? text(evaluateDynamic(def.raw.CausePath, 'CausePath', scope)) : def.raw.Cause;
    }
    run.frameFailed(frame, error as string, cause);
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
