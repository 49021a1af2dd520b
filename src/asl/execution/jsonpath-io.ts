// Input and output processing of JSONPath-language states (ASL spec,
// "Input and Output Processing"): InputPath -> Parameters -> (work) ->
// ResultSelector -> ResultPath -> OutputPath.
import { StatesError } from '../errors/states-error.js';
import { assignJsonPath, compileJsonPath, queryJsonPath } from '../query/jsonpath/jsonpath.js';
import { pathTarget } from '../query/reference.js';
import { evaluateIntrinsic, isIntrinsicCall, type IntrinsicEnv } from '../intrinsics/index.js';
import { payloadText } from './events.js';
import { outputObject } from '../query/output-object.js';

/** What a path may refer to while a state runs. */
export interface PathScope {
  /** "$": the value paths are evaluated against */
  readonly input: unknown;
  /** "$$": built lazily, it is only needed when a path uses it */
  context(): unknown;
  /** "$name": a variable visible to the state; `found` false when unset */
  variable(name: string): { found: boolean; value: unknown };
  uuid(): string;
  random(): number;
}

/** Jayway's rendering of a definite path, as AWS quotes it in errors: $['a']['b'][0]. */
export function jaywayPath(text: string): string {
  let out = '$';
  const re = /\.([^.[\]]+)|\[(-?\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;
  let m: RegExpExecArray | null;
  re.lastIndex = 1;
  while ((m = re.exec(text))) {
    if (m[1] !== undefined) out += `['${m[1]}']`;
    else if (m[2] !== undefined) out += `[${m[2]}]`;
    else out += `['${m[3] ?? m[4]}']`;
  }
  return out;
}

function lookup(path: string, scope: PathScope): { found: boolean; value: unknown } {
  const target = pathTarget(path);
  if (target.kind === 'input') return queryJsonPath(target.path, scope.input);
  if (target.kind === 'context') return queryJsonPath(target.path, scope.context());
  const v = scope.variable(target.name);
  if (!v.found) return v;
  return target.path === '$' ? v : queryJsonPath(target.path, v.value);
}

/** InputPath / OutputPath: null gives {}; a missing path is a States.Runtime error. */
export function selectPath(path: string | null | undefined, scope: PathScope): unknown {
  if (path === undefined) return scope.input;
  if (path === null) return {};
  const r = lookup(path, scope);
  if (!r.found) throw new StatesError('States.Runtime', `Invalid path '${path}' : No results for path: ${jaywayPath(pathTarget(path).path)}`);
  return r.value;
}

/** A path field of a state (SecondsPath, ErrorPath, ...): undefined when missing. */
export function readPath(path: string, scope: PathScope): { found: boolean; value: unknown } {
  return lookup(path, scope);
}

export function missingFieldPath(path: string, field: string, scope: PathScope): StatesError {
  return new StatesError('States.Runtime',
    `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${payloadText(scope.input)}'`);
}

/** One field of a template object: `.$` fields hold their path or intrinsic call in `dynamic`. */
interface TemplateField {
  /** the output name (without `.$`) */
  readonly key: string;
  /** the field as written, for error messages */
  readonly field: string;
  readonly dynamic: string | undefined;
  readonly value: unknown;
}

/** Template objects (parts of the definition, never mutated) split into fields once. */
const templateFields = new WeakMap<object, readonly TemplateField[]>();

function fieldsOf(template: object): readonly TemplateField[] {
  let fields = templateFields.get(template);
  if (fields === undefined) {
    fields = Object.entries(template).map(([key, value]) => (key.endsWith('.$') && typeof value === 'string'
      ? { key: key.slice(0, -2), field: key, dynamic: value, value }
      : { key, field: key, dynamic: undefined, value }));
    templateFields.set(template, fields);
  }
  return fields;
}

const outputKeys = (template: object): string[] => fieldsOf(template).map((f) => f.key);

/** Evaluates a payload template (Parameters, ResultSelector, ItemSelector, Assign). */
export function evaluateTemplate(template: unknown, scope: PathScope): unknown {
  if (Array.isArray(template)) return template.map((t) => evaluateTemplate(t, scope));
  if (typeof template !== 'object' || template === null) return template;
  const out = outputObject(template, outputKeys);
  for (const f of fieldsOf(template)) {
    out[f.key] = f.dynamic !== undefined ? evaluateDynamic(f.dynamic, f.field, scope) : evaluateTemplate(f.value, scope);
  }
  return out;
}

/** What an intrinsic call's path arguments, States.UUID and States.MathRandom read. */
class IntrinsicScope implements IntrinsicEnv {
  constructor(private readonly scope: PathScope, private readonly field: string) {}
  resolvePath(p: string): unknown {
    const r = lookup(p, this.scope);
    if (!r.found) throw missingFieldPath(p, this.field, this.scope);
    return r.value;
  }
  uuid(): string { return this.scope.uuid(); }
  random(): number { return this.scope.random(); }
}

/** The value of a `.$` field or a path-or-intrinsic field (ErrorPath, CausePath). */
export function evaluateDynamic(value: string, field: string, scope: PathScope): unknown {
  if (isIntrinsicCall(value)) return evaluateIntrinsic(value, new IntrinsicScope(scope, field));
  const r = lookup(value, scope);
  if (!r.found) throw missingFieldPath(value, field, scope);
  return r.value;
}

/** ResultPath: undefined means "$" (the result replaces the input), null discards the result. */
export function applyResultPath(input: unknown, path: string | null | undefined, result: unknown): unknown {
  if (path === undefined || path === '$') return result;
  if (path === null) return input;
  return assignJsonPath(input, path, result);
}

/** Whether a path is syntactically usable (parse-time checks report the rest). */
export function isValidPath(path: string): boolean {
  try {
    compileJsonPath(pathTarget(path).path);
    return true;
  } catch {
    return false;
  }
}
