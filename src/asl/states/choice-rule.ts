// JSONPath-language Choice Rules (ASL spec, "Choice State": Boolean and
// Data-test expressions) as AWS Step Functions evaluates them.
import { StatesError } from '../errors/states-error.js';
import { pointer, type Diagnostic } from '../parse/diagnostic.js';
import { compareInstants, parseTimestamp } from './choice-rule-timestamp.js';
import { compileStringMatches, stringMatches } from './choice-rule-string-matches.js';

export type Relation = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';
/** A comparison operator without its `Path` suffix. */
export type Comparison = `${'String' | 'Numeric' | 'Timestamp'}${Relation}` | 'BooleanEquals';
export type TypeTest = 'IsNull' | 'IsPresent' | 'IsNumeric' | 'IsString' | 'IsBoolean' | 'IsTimestamp';

/** Fields any rule may carry; `next`/`assign` only on a top-level rule. */
interface RuleFields {
  readonly next?: string;
  /** the rule's raw `Assign` block, evaluated by the Choice state when this rule is chosen */
  readonly assign?: unknown;
  readonly comment?: string;
}

export type ChoiceRule = RuleFields &
  (
    | { readonly kind: 'And' | 'Or'; readonly rules: readonly ChoiceRule[] }
    | { readonly kind: 'Not'; readonly rule: ChoiceRule }
    /** `"Variable": ..., "<operator>": <literal>` */
    | { readonly kind: 'Compare'; readonly variable: string; readonly operator: Comparison; readonly value: string | number | boolean }
    /** `"Variable": ..., "<operator>Path": <path>` */
    | { readonly kind: 'ComparePath'; readonly variable: string; readonly operator: Comparison; readonly path: string }
    | { readonly kind: 'StringMatches'; readonly variable: string; readonly pattern: string }
    | { readonly kind: 'TypeTest'; readonly variable: string; readonly operator: TypeTest; readonly expected: boolean }
  );

export type Resolve = (path: string) => { found: boolean; value: unknown };

const RELATIONS: readonly Relation[] = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
const COMPARISONS: readonly Comparison[] = [
  ...(['String', 'Numeric', 'Timestamp'] as const).flatMap((t) => RELATIONS.map((r) => `${t}${r}` as Comparison)),
  'BooleanEquals',
];
const TYPE_TESTS: readonly TypeTest[] = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'];
const BOOLEAN_OPERATORS = ['And', 'Or', 'Not'] as const;
const DATA_TEST_OPERATORS: ReadonlySet<string> = new Set([
  ...COMPARISONS,
  ...COMPARISONS.map((c) => `${c}Path`),
  'StringMatches',
  ...TYPE_TESTS,
]);
const RULE_FIELDS: ReadonlySet<string> = new Set(['Variable', 'Next', 'Assign', 'Comment', ...BOOLEAN_OPERATORS]);
/** Rule fields of the JSONPath language only (a JSONata rule has Condition instead). */
export const BOOLEAN_OPERATORS_AND_TESTS: ReadonlySet<string> = new Set(['Variable', ...BOOLEAN_OPERATORS, ...DATA_TEST_OPERATORS]);
/** Rule fields of the JSONata language only. */
const JSONATA_RULE_FIELDS: ReadonlySet<string> = new Set(['Condition', 'Output']);

// ---- runtime errors ---------------------------------------------------------
// Causes are given without the "An error occurred while executing the state
// 'X' (entered at the event id #N). " prefix, which the state boundary adds.

/** A data-test expression whose Variable (or `...Path` operand) selects nothing. */
export function invalidChoicePath(path: string): StatesError {
  return new StatesError('States.Runtime', `Invalid path '${path}': The choice state's condition path references an invalid value.`);
}

/**
 * No rule matched and there is no Default. The ASL spec names this
 * States.NoChoiceMatched, but AWS fails the execution with States.Runtime and
 * this cause; AWS's Choice documentation: "the state machine will throw an
 * error due to a failure to transition out of the state".
 */
export function noChoiceMatched(): StatesError {
  return new StatesError('States.Runtime', 'Failed to transition out of the state. The state does not point to a next state.');
}

// ---- parsing ------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A Reference Path: `$`-rooted input path, `$$` context path or `$name` variable. */
function isReferencePath(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('$');
}

/**
 * A Choice Rule (JSONPath) at JSON pointer `location`. Pushes a diagnostic per
 * problem and returns undefined when there is any. `topLevel`: a member of
 * `Choices` (needs `Next`, may have `Assign`) rather than a nested rule.
 */
export function parseChoiceRule(raw: unknown, location: string, diags: Diagnostic[], topLevel: boolean): ChoiceRule | undefined {
  const before = diags.length;
  const fail = (message: string, at = location): undefined => {
    diags.push({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message, location: at });
    return undefined;
  };
  if (!isObject(raw)) {
    fail('A Choice Rule must be a JSON object');
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (RULE_FIELDS.has(key) || DATA_TEST_OPERATORS.has(key)) continue;
    if (topLevel && JSONATA_RULE_FIELDS.has(key)) {
      fail(`The QueryLanguage is set to 'JSONPath', but field '${key}' is only supported for the 'JSONata' QueryLanguage`);
    } else {
      fail(`Field '${key}' is not supported`, pointer(location, key));
    }
  }

  const fields: { next?: string; assign?: unknown; comment?: string } = {};
  if (topLevel) {
    if (!('Next' in raw)) fail("The field 'Next' is required but was missing");
    else if (typeof raw.Next !== 'string' || raw.Next === '') fail("The value for the field 'Next' must be a non-empty string", pointer(location, 'Next'));
    else fields.next = raw.Next;
    if ('Assign' in raw) {
      if (!isObject(raw.Assign)) fail("The value for the field 'Assign' must be an object", pointer(location, 'Assign'));
      else fields.assign = raw.Assign;
    }
  } else {
    if ('Next' in raw) fail("Field 'Next' is not supported in a nested Choice Rule", pointer(location, 'Next'));
    if ('Assign' in raw) fail("Field 'Assign' is not supported in a nested Choice Rule", pointer(location, 'Assign'));
  }
  if ('Comment' in raw) {
    if (typeof raw.Comment !== 'string') fail("The value for the field 'Comment' must be a string", pointer(location, 'Comment'));
    else fields.comment = raw.Comment;
  }

  const operators = Object.keys(raw).filter((k) => DATA_TEST_OPERATORS.has(k) || (BOOLEAN_OPERATORS as readonly string[]).includes(k));
  if (operators.length === 0) {
    fail('A Choice Rule must contain exactly one comparison operator or one of And, Or, Not; found none');
    return undefined;
  }
  if (operators.length > 1) {
    fail(`A Choice Rule must contain exactly one comparison operator or one of And, Or, Not; found ${operators.join(', ')}`);
    return undefined;
  }
  const op = operators[0] as string;
  const at = pointer(location, op);
  const value = raw[op];

  let body: ChoiceRule | undefined;
  if (op === 'And' || op === 'Or') {
    if ('Variable' in raw) fail(`Field 'Variable' is not supported with '${op}'`, pointer(location, 'Variable'));
    if (!Array.isArray(value)) fail(`The value for the field '${op}' must be an array of Choice Rules`, at);
    else if (value.length === 0) fail('Value cannot be empty', at);
    else {
      const rules = value.map((r, i) => parseChoiceRule(r, pointer(at, i), diags, false));
      body = { kind: op, rules: rules as ChoiceRule[] };
    }
  } else if (op === 'Not') {
    if ('Variable' in raw) fail("Field 'Variable' is not supported with 'Not'", pointer(location, 'Variable'));
    if (!isObject(value)) fail("The value for the field 'Not' must be a Choice Rule object", at);
    else {
      const rule = parseChoiceRule(value, at, diags, false);
      if (rule) body = { kind: 'Not', rule };
    }
  } else {
    body = parseDataTest(raw, op, value, location, fail);
  }
  if (diags.length > before || body === undefined) return undefined;
  return { ...body, ...fields };
}

function parseDataTest(
  raw: Record<string, unknown>,
  op: string,
  value: unknown,
  location: string,
  fail: (message: string, at?: string) => undefined,
): ChoiceRule | undefined {
  const at = pointer(location, op);
  if (!('Variable' in raw)) {
    fail("The field 'Variable' is required but was missing");
    return undefined;
  }
  const variable = raw.Variable;
  if (!isReferencePath(variable)) {
    fail("The value for the field 'Variable' must be a valid JSONPath", pointer(location, 'Variable'));
    return undefined;
  }
  if ((TYPE_TESTS as readonly string[]).includes(op)) {
    if (typeof value !== 'boolean') return fail(`The value for the field '${op}' must be a boolean`, at);
    return { kind: 'TypeTest', variable, operator: op as TypeTest, expected: value };
  }
  if (op === 'StringMatches') {
    if (typeof value !== 'string') return fail("The value for the field 'StringMatches' must be a string", at);
    return { kind: 'StringMatches', variable, pattern: value };
  }
  if (op.endsWith('Path')) {
    if (!isReferencePath(value)) return fail(`The value for the field '${op}' must be a valid JSONPath`, at);
    return { kind: 'ComparePath', variable, operator: op.slice(0, -'Path'.length) as Comparison, path: value };
  }
  const operator = op as Comparison;
  if (operator.startsWith('String') && typeof value !== 'string') return fail(`The value for the field '${op}' must be a string`, at);
  if (operator.startsWith('Numeric') && (typeof value !== 'number' || !Number.isFinite(value))) return fail(`The value for the field '${op}' must be a number`, at);
  if (operator === 'BooleanEquals' && typeof value !== 'boolean') return fail(`The value for the field '${op}' must be a boolean`, at);
  if (operator.startsWith('Timestamp') && (typeof value !== 'string' || parseTimestamp(value) === undefined)) {
    return fail('String does not match RFC3339 timestamp', at);
  }
  return { kind: 'Compare', variable, operator, value: value as string | number | boolean };
}

// ---- evaluation ---------------------------------------------------------------

function lookup(resolve: Resolve, path: string): unknown {
  const r = resolve(path);
  if (!r.found) throw invalidChoicePath(path);
  return r.value;
}

function holds(relation: Relation, order: number): boolean {
  switch (relation) {
    case 'Equals': return order === 0;
    case 'LessThan': return order < 0;
    case 'GreaterThan': return order > 0;
    case 'LessThanEquals': return order <= 0;
    case 'GreaterThanEquals': return order >= 0;
  }
}

/** Each comparison operator split into the type it compares and its relation, once. */
const SPLIT_OPERATORS: ReadonlyMap<string, { readonly type: string; readonly relation: Relation }> = new Map(
  COMPARISONS.filter((c) => c !== 'BooleanEquals').flatMap((c) => (['String', 'Numeric', 'Timestamp'] as const)
    .filter((t) => c.startsWith(t)).map((t) => [c, { type: t, relation: c.slice(t.length) as Relation }] as const)),
);

/** A comparison of two JSON values; false when either is not of the operator's type. */
function compare(operator: Comparison, a: unknown, b: unknown): boolean {
  if (operator === 'BooleanEquals') return typeof a === 'boolean' && typeof b === 'boolean' && a === b;
  const { type, relation } = SPLIT_OPERATORS.get(operator)!;
  if (type === 'Numeric') {
    if (typeof a !== 'number' || typeof b !== 'number') return false;
    return holds(relation, a < b ? -1 : a > b ? 1 : 0);
  }
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  if (type === 'String') {
    // UTF-16 code-unit order, as Java's String.compareTo
    return holds(relation, a < b ? -1 : a > b ? 1 : 0);
  }
  const ta = parseTimestamp(a);
  const tb = parseTimestamp(b);
  if (!ta || !tb) return false;
  return holds(relation, compareInstants(ta, tb));
}

function typeTest(operator: Exclude<TypeTest, 'IsPresent'>, v: unknown): boolean {
  switch (operator) {
    case 'IsNull': return v === null;
    case 'IsNumeric': return typeof v === 'number';
    case 'IsString': return typeof v === 'string';
    case 'IsBoolean': return typeof v === 'boolean';
    case 'IsTimestamp': return typeof v === 'string' && parseTimestamp(v) !== undefined;
  }
}

/**
 * Whether `rule` holds. `resolve` reads `$...` input, `$$...` context and
 * `$name` variable paths. A Variable (or `...Path` operand) that selects
 * nothing raises States.Runtime, except under IsPresent; And/Or stop at the
 * first operand that decides them, so later operands are not resolved.
 */
export function evaluateChoiceRule(rule: ChoiceRule, resolve: Resolve): boolean {
  switch (rule.kind) {
    case 'And': return rule.rules.every((r) => evaluateChoiceRule(r, resolve));
    case 'Or': return rule.rules.some((r) => evaluateChoiceRule(r, resolve));
    case 'Not': return !evaluateChoiceRule(rule.rule, resolve);
    case 'TypeTest': {
      if (rule.operator === 'IsPresent') return resolve(rule.variable).found === rule.expected;
      return typeTest(rule.operator, lookup(resolve, rule.variable)) === rule.expected;
    }
    case 'Compare': return compare(rule.operator, lookup(resolve, rule.variable), rule.value);
    case 'ComparePath': {
      const a = lookup(resolve, rule.variable);
      return compare(rule.operator, a, lookup(resolve, rule.path));
    }
    case 'StringMatches': {
      const v = lookup(resolve, rule.variable);
      return typeof v === 'string' && stringMatches(compileStringMatches(rule.pattern), v);
    }
  }
}

/** The first top-level rule that holds, or undefined (the Choice state then takes Default). */
export function selectChoiceRule(rules: readonly ChoiceRule[], resolve: Resolve): ChoiceRule | undefined {
  return rules.find((r) => evaluateChoiceRule(r, resolve));
}
