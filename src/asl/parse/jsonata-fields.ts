// Definition-time checks of the `{% %}` strings of JSONata states, as AWS
// makes them at CreateStateMachine and ValidateStateMachineDefinition:
//   INVALID_JSONATA_EXPRESSION: <the JSONata parser's message> at <field>
//   UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'x' at the top level is not supported. at <field>
//   SCHEMA_VALIDATION_FAILED: JSONata string must start with {% and end with %}
// A JSONata expression in Step Functions is evaluated with no context value
// (the ASL spec: it "MUST NOT reference ... unqualified field names at the
// top level"); the input is `$states.input`.
import { pointer } from './diagnostic.js';
import { compileJsonata, expressionText, isJsonataExpression } from '../query/jsonata/jsonata.js';

type Report = (location: string, message: string, code?: string) => void;

/** Fields of a JSONata state that hold no expressions of its own. */
const NOT_EXPRESSIONS = new Set(['Type', 'Comment', 'QueryLanguage', 'Next', 'End', 'Default', 'Resource',
  'Branches', 'ItemProcessor', 'Iterator', 'Retry', 'Choices', 'Catch']);

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Field names read where the expression has no context value: the whole
 * expression, operands, function arguments, constructors and the first step
 * of a path. Names inside later path steps, predicates and function bodies
 * have a context and are fine.
 */
function topLevelNames(node: unknown, out: string[]): void {
  if (Array.isArray(node)) { for (const n of node) topLevelNames(n, out); return; }
  if (!isObject(node)) return;
  switch (node.type) {
    case 'name': out.push(String(node.value)); return;
    case 'path': topLevelNames(node.steps?.[0], out); return;
    case 'binary': topLevelNames(node.lhs, out); topLevelNames(node.rhs, out); return;
    case 'unary':
      if (node.value === '-') topLevelNames(node.expression, out);
      else if (node.value === '[') topLevelNames(node.expressions, out);
      else if (node.value === '{' && Array.isArray(node.lhs)) for (const pair of node.lhs) topLevelNames(pair, out);
      return;
    case 'condition': topLevelNames(node.condition, out); topLevelNames(node.then, out); topLevelNames(node.else, out); return;
    case 'block': topLevelNames(node.expressions, out); return;
    case 'bind': topLevelNames(node.rhs, out); return;
    case 'function': case 'partial': topLevelNames(node.arguments, out); return;
    default: return;
  }
}

/** The diagnostics of one `{% %}` string (none when it is fine). */
export function expressionProblem(source: string): { code: string; message: string } | undefined {
  let ast: unknown;
  try {
    ast = compileJsonata(expressionText(source)).ast();
  } catch (e) {
    return { code: 'INVALID_JSONATA_EXPRESSION', message: String((e as { message?: string }).message ?? e) };
  }
  const names: string[] = [];
  topLevelNames(ast, names);
  if (names.length) return { code: 'UNSUPPORTED_JSONATA_EXPRESSION', message: `Reference to '${names[0]}' at the top level is not supported.` };
  return undefined;
}

function checkValue(value: unknown, loc: string, report: Report): void {
  if (typeof value === 'string') {
    const opens = value.startsWith('{%');
    if (isJsonataExpression(value)) {
      const p = expressionProblem(value);
      if (p) report(loc, p.message, p.code);
    } else if (opens) {
      report(loc, 'JSONata string must start with {% and end with %}');
    }
    return;
  }
  if (Array.isArray(value)) { value.forEach((v, i) => checkValue(v, pointer(loc, i), report)); return; }
  if (isObject(value)) for (const [k, v] of Object.entries(value)) checkValue(v, pointer(loc, k), report);
}

/** Checks every expression a JSONata state holds, its Choice rules' and Catchers' included. */
export function checkJsonataExpressions(raw: Record<string, any>, loc: string, report: Report): void {
  for (const [field, value] of Object.entries(raw)) {
    if (!NOT_EXPRESSIONS.has(field)) checkValue(value, pointer(loc, field), report);
  }
  for (const field of ['Choices', 'Catch'] as const) {
    if (!Array.isArray(raw[field])) continue;
    raw[field].forEach((rule: unknown, i: number) => {
      if (!isObject(rule)) return;
      for (const k of ['Condition', 'Output', 'Assign']) if (k in rule) checkValue(rule[k], pointer(loc, field, i, k), report);
    });
  }
}
