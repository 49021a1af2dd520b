// JSONata in ASL: `{% expression %}` strings, evaluated with the reference
// `jsonata` package. Version 1.8 is pinned: it evaluates synchronously, which
// the pure, synchronous interpreter needs (2.x is promise-only).
import jsonata from 'jsonata';
import { StatesError } from '../../errors/states-error.js';
import { outputObject } from '../output-object.js';
import { FunctionArgumentError, STEP_FUNCTIONS_FUNCTIONS } from './functions.js';

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

export function isJsonataExpression(v: unknown): v is string {
  return typeof v === 'string' && EXPRESSION.test(v);
}

/** The expression text inside `{% %}`, trimmed, as AWS quotes it. */
export function expressionText(v: string): string {
  return EXPRESSION.exec(v)![1]!.trim();
}

type Compiled = ReturnType<typeof jsonata>;
const cache = new Map<string, Compiled>();

export function compileJsonata(text: string): Compiled {
  let c = cache.get(text);
  if (!c) {
    c = jsonata(text);
    if (cache.size > 5000) cache.clear();
    cache.set(text, c);
  }
  return c;
}

/** A syntax problem in an expression, for definition diagnostics; undefined when it parses. */
export function jsonataProblem(v: string): string | undefined {
  try {
    compileJsonata(expressionText(v));
    return undefined;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return `${err.code ? err.code + ': ' : ''}${err.message ?? String(e)}`;
  }
}

export interface JsonataScope {
  /** $states: input, context, and result / errorOutput where the field may use them */
  readonly states: Record<string, unknown>;
  /** variables visible to the state, by name */
  readonly variables: Record<string, unknown>;
  uuid(): string;
  random(): number;
}

/** An expression failed or returned what its field cannot take. */
export class ExpressionError extends StatesError {}

function queryError(expr: string, field: string, what: string): StatesError {
  return new ExpressionError('States.QueryEvaluationError', `The JSONata expression '${expr}' specified for the field '${field}' ${what}`, field);
}

/** Evaluates one `{% %}` string; undefined results are errors, as in AWS. */
export function evaluateExpression(source: string, field: string, scope: JsonataScope): unknown {
  const expr = expressionText(source);
  let compiled: Compiled;
  try {
    compiled = compileJsonata(expr);
  } catch (e) {
    const err = e as { code?: string; message?: string };
    throw queryError(expr, field, `threw an error during evaluation. ${err.code ? err.code + ': ' : ''}${err.message}`);
  }
  let value: unknown;
  try {
    const bindings = { ...scope.variables, states: scope.states, ...STEP_FUNCTIONS_FUNCTIONS(scope) };
    value = compiled.evaluate(scope.states.input, bindings);
  } catch (e) {
    if (e instanceof StatesError) throw e;
    if (e instanceof FunctionArgumentError) throw queryError(expr, field, `threw an error during evaluation. ${e.message}`);
    const err = e as { code?: string; message?: string };
    throw queryError(expr, field, `threw an error during evaluation. ${err.code ? err.code + ': ' : ''}${err.message}`);
  }
  if (value === undefined) throw queryError(expr, field, 'returned nothing (undefined).');
  if (typeof value === 'function' || (typeof value === 'object' && value !== null && '_jsonata_lambda' in value)) throw queryError(expr, field, 'returned an unsupported result type.');
  return normalise(value);
}

/** JSONata sequences and frozen arrays become plain JSON values. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function') out[k] = normalise(x);
    return out;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/** A JSONata-language field: any JSON value whose strings may hold `{% %}`. */
export function evaluateTemplate(value: unknown, field: string, scope: JsonataScope): unknown {
  if (isJsonataExpression(value)) return evaluateExpression(value, field, scope);
  if (Array.isArray(value)) return value.map((v, i) => evaluateTemplate(v, `${field}[${i}]`, scope));
  if (typeof value === 'object' && value !== null) {
    const out = outputObject(value, Object.keys);
    for (const [k, v] of Object.entries(value)) out[k] = evaluateTemplate(v, `${field}/${k}`, scope);
    return out;
  }
  return value;
}

/** The JSON type name AWS uses in "Expected 'array', but was 'X'". */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

export function unexpectedType(source: string, field: string, expected: string, value: unknown): StatesError {
  return queryError(expressionText(source), field,
    `returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`);
}
