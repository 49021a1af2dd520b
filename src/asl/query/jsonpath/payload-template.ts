// Static checks of the payload templates of JSONPath-language states (ASL
// spec, "Payload Template"): Parameters, ResultSelector, ItemSelector and a
// Map's Parameters. A field whose name ends in ".$" takes its value from a
// path ("$...", "$$..." or "$name...") or an intrinsic function call
// ("States....") and loses the ".$"; every other value is copied, nested
// objects and arrays processed the same way (the interpreter evaluates them:
// execution/jsonpath-io.ts).
import { pointer } from '../../parse/diagnostic.js';
import { pathTarget } from '../reference.js';
import { isPlainObject } from './compare.js';
import { compileJsonPath, JsonPathSyntaxError } from './jsonpath.js';

export interface TemplateProblem {
  /** JSON Pointer of the object holding the field, where AWS reports it */
  readonly path: string;
  readonly message: string;
}

const DYNAMIC_SUFFIX = '.$';

export function isIntrinsicCall(text: string): boolean {
  return text.startsWith('States.');
}

/** AWS's SCHEMA_VALIDATION_FAILED message for a `.$` field whose value is neither. */
export function dynamicFieldMessage(field: string): string {
  return `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`;
}

function isValidPath(text: string): boolean {
  try {
    compileJsonPath(pathTarget(text).path);
    return true;
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return false;
    throw e;
  }
}

/**
 * Static check of the `.$` fields of a template at `pointerBase`: each must
 * hold a string that is a valid path, or an intrinsic call. Intrinsic syntax
 * is left to `isValidIntrinsic` when given (every "States." value passes otherwise).
 */
export function validatePayloadTemplate(
  template: unknown,
  pointerBase: string,
  isValidIntrinsic?: (text: string) => boolean,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, pointer(at, i)));
      return;
    }
    if (!isPlainObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (!key.endsWith(DYNAMIC_SUFFIX)) {
        visit(value, pointer(at, key));
        continue;
      }
      const valid = typeof value === 'string'
        && (isIntrinsicCall(value) ? (isValidIntrinsic?.(value) ?? true) : isValidPath(value));
      if (!valid) problems.push({ path: at, message: dynamicFieldMessage(key) });
    }
  };
  visit(template, pointerBase);
  return problems;
}
