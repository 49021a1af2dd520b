import type { StateHandler } from './handler.js';
import { complete, effectiveInput, isJsonata, jsonataScope, leaveThroughCatcher, noRetry } from './common.js';
import { readPath, selectPath } from '../execution/jsonpath-io.js';
import { noChoiceMatched, selectChoiceRule, type ChoiceRule } from './choice-rule.js';
import { evaluateExpression, isJsonataExpression, unexpectedType } from '../query/jsonata/jsonata.js';

export const choice: StateHandler = {
  enter(run, frame, def) {
    if (isJsonata(def)) {
      const scope = jsonataScope(run, frame, def);
      for (const [i, rule] of (def.raw.Choices as Record<string, any>[]).entries()) {
        let holds: unknown = rule.Condition;
        if (isJsonataExpression(rule.Condition)) {
          holds = evaluateExpression(rule.Condition, `Choices[${i}].Condition`, scope);
          if (typeof holds !== 'boolean') throw unexpectedType(rule.Condition, `Choices[${i}].Condition`, 'boolean', holds);
        }
        if (holds === true) {
          // the state's own Assign and Output belong to the Default transition; a matched rule brings its own
          complete(run, frame, def, frame.input, { output: rule.Output, assign: rule.Assign, next: rule.Next });
          return;
        }
      }
      if (def.default === undefined) throw noChoiceMatched();
      complete(run, frame, def, frame.input, { next: def.default });
      return;
    }
    const input = effectiveInput(run, frame, def);
    const scope = run.scope(frame, input);
    const rule = selectChoiceRule((def.choices ?? []) as ChoiceRule[], (p) => readPath(p, scope));
    const next = rule ? rule.next : def.default;
    if (next === undefined) throw noChoiceMatched();
    complete(run, frame, def, input, {
      output: selectPath(def.raw.OutputPath, scope), assign: rule ? rule.assign : def.raw.Assign, next, jsonPathAssignInput: input,
    });
  },
  retry: noRetry,
  caught: leaveThroughCatcher,
};
