import type { StateHandler } from './handler.js';
import { effectiveInput, leaveThroughCatcher, noRetry } from './common.js';
import { readPath, selectPath } from '../execution/jsonpath-io.js';
import { noChoiceMatched, selectChoiceRule, type ChoiceRule } from './choice-rule.js';

export const choice: StateHandler = {
  enter(run, frame, def) {
    const input = effectiveInput(run, frame, def);
    const scope = run.scope(frame, input);
    const rule = selectChoiceRule((def.choices ?? []) as ChoiceRule[], (p) => readPath(p, scope));
    const next = rule ? rule.next : def.default;
    if (next === undefined) throw noChoiceMatched();
    const output = selectPath(def.raw.OutputPath, scope);
    run.emit(frame, 'ChoiceStateExited', {
      stateExitedEventDetails: { name: def.name, output: JSON.stringify(output), outputDetails: { truncated: false } },
    });
    run.transition(frame, def, output, next);
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
