// Replays the conformance cases that exercise intrinsics through Pass-state
// Parameters (and a few Assign / Fail uses from other categories) against
// evaluateIntrinsic, with a minimal local path resolver, and compares with
// what AWS recorded.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { StatesError } from '../errors/states-error.js';
import { evaluateIntrinsic, invalidIntrinsicFieldMessage, isIntrinsicCall, validateIntrinsic, type IntrinsicEnv } from './index.js';

const CASES = fileURLToPath(new URL('../../../../shared/conformance/cases/', import.meta.url));

interface Case {
  id: string;
  definition: { QueryLanguage?: string; StartAt: string; States: Record<string, State> };
  inputText: string | null;
  expected: { status: string; output?: unknown; error?: string; cause?: string; events?: Event[] };
  normalize?: { leafWildcards?: string[] };
}
interface State {
  Type: string;
  QueryLanguage?: string;
  Parameters?: unknown;
  Assign?: unknown;
  ResultPath?: string | null;
  OutputPath?: string | null;
  ErrorPath?: string;
  CausePath?: string;
  Next?: string;
  End?: boolean;
}
type Event = Record<string, unknown> & { type: string };

function findCases(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findCases(p, out);
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Case;

// ---- a minimal JSONPath resolver: $, $$, $var, .name, ['name'], [index]

function resolve(path: string, roots: { input: unknown; context: unknown; vars: Record<string, unknown> }): unknown {
  const m = /^(\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$)(.*)$/s.exec(path);
  if (!m) throw new Error(`unsupported path ${path}`);
  const [, head, rest] = m as unknown as [string, string, string];
  let value: unknown;
  if (head === '$') value = roots.input;
  else if (head === '$$') value = roots.context;
  else if (Object.hasOwn(roots.vars, head.slice(1))) value = roots.vars[head.slice(1)];
  else throw new StatesError('States.Runtime', `The variable '${head}' could not be found`);
  const steps = /\.([^.[]+)|\['([^']*)'\]|\[(\d+)\]/gy;
  let s: RegExpExecArray | null;
  let consumed = 0;
  while ((s = steps.exec(rest))) {
    consumed = steps.lastIndex;
    const key = s[1] ?? s[2] ?? Number(s[3]);
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      throw new StatesError('States.Runtime', `The JSONPath '${path}' could not be found in the input`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  if (consumed !== rest.length) throw new Error(`unsupported path ${path}`);
  return value;
}

function setAt(target: unknown, path: string, value: unknown): unknown {
  if (path === '$') return value;
  const keys = path.slice(2).split('.');
  const root = { ...(target as Record<string, unknown>) };
  let node = root;
  for (const k of keys.slice(0, -1)) node = node[k] = { ...(node[k] as Record<string, unknown>) };
  node[keys.at(-1)!] = value;
  return root;
}

function envFor(input: unknown, context: unknown, vars: Record<string, unknown>): IntrinsicEnv {
  let n = 0;
  return {
    resolvePath: (p) => resolve(p, { input, context, vars }),
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    random: () => 0.5,
  };
}

/** A JSONPath payload template: `key.$` values are paths or intrinsic calls. */
function applyTemplate(template: unknown, env: IntrinsicEnv): unknown {
  if (Array.isArray(template)) return template.map((t) => applyTemplate(t, env));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = isIntrinsicCall(value) ? evaluateIntrinsic(value, env) : env.resolvePath(value);
    } else {
      out[key] = applyTemplate(value, env);
    }
  }
  return out;
}

// ---- comparison: `<name:N>` tokens and leaf wildcards match anything

function matches(actual: unknown, expected: unknown, wildcards: readonly string[]): boolean {
  if (typeof expected === 'string' && (wildcards.includes(expected) || /^<[A-Za-z_-]+:\d+>$/.test(expected))) {
    return actual !== undefined;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e, wildcards));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ka = Object.keys(actual).sort();
    const ke = Object.keys(expected).sort();
    return JSON.stringify(ka) === JSON.stringify(ke) && ke.every((k) => matches((actual as any)[k], (expected as any)[k], wildcards));
  }
  return Object.is(actual, expected) || (actual === 0 && expected === 0);
}

// Normalised context values, as they appear in the recordings.
const STATE_MACHINE = { Id: 'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>', Name: '<ArnPart_0idx>' };

function contextFor(input: unknown, state: string) {
  return {
    Execution: { Id: 'arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>', Name: '<ExecArnPart_0idx>', Input: input },
    StateMachine: STATE_MACHINE,
    State: { Name: state },
  };
}

/** Runs a chain of JSONPath Pass states; returns the output or the first StatesError. */
function runPassChain(c: Case): { output?: unknown; error?: StatesError } {
  const input = c.inputText === null ? {} : JSON.parse(c.inputText);
  let data: unknown = input;
  let name: string | undefined = c.definition.StartAt;
  try {
    while (name) {
      const state: State = c.definition.States[name]!;
      const env = envFor(data, contextFor(input, name), {});
      const result = state.Parameters === undefined ? data : applyTemplate(state.Parameters, env);
      data = state.ResultPath === undefined ? result : setAt(data, state.ResultPath ?? '$', result);
      if (state.OutputPath) data = resolve(state.OutputPath, { input: data, context: null, vars: {} });
      name = state.End ? undefined : state.Next;
    }
    return { output: data };
  } catch (e) {
    if (e instanceof StatesError) return { error: e };
    throw e;
  }
}

function isPassWithParameters(c: Case): boolean {
  if (c.definition.QueryLanguage === 'JSONata') return false;
  const states = Object.values(c.definition.States);
  return states.every((s) => s.Type === 'Pass' && !s.QueryLanguage && s.Assign === undefined) && states.some((s) => s.Parameters !== undefined);
}

function expectedFailure(c: Case): { error?: string; cause?: string } | undefined {
  const failed = c.expected.events?.find((e) => e.type === 'ExecutionFailed' || e.type === 'EvaluationFailed');
  if (failed) return Object.values(failed).find((v) => v && typeof v === 'object') as { error?: string; cause?: string };
  if (c.expected.status === 'FAILED') return { error: c.expected.error, cause: c.expected.cause };
  return undefined;
}

const STATE_PREFIX = /^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /;

const available = existsSync(join(CASES, 'intrinsic_functions'));
const intrinsicCases = available ? findCases(join(CASES, 'intrinsic_functions')).map(load).filter(isPassWithParameters) : [];

for (const c of intrinsicCases) {
  test(c.id, () => {
    const { output, error } = runPassChain(c);
    const failure = expectedFailure(c);
    if (failure) {
      assert.ok(error, `expected ${failure.error}, got output ${JSON.stringify(output)}`);
      assert.equal(error.error, failure.error);
      assert.equal(error.cause, failure.cause?.replace(STATE_PREFIX, ''));
    } else {
      if (error) assert.fail(`${error.error}: ${error.cause}`);
      const ok = matches(output, c.expected.output, c.normalize?.leafWildcards ?? []);
      assert.ok(ok, `output ${JSON.stringify(output)}\nexpected ${JSON.stringify(c.expected.output)}`);
    }
  });
}

test('the corpus has the intrinsic cases', { skip: !available && 'conformance corpus not found' }, () => {
  assert.ok(intrinsicCases.length >= 89, `only ${intrinsicCases.length} cases found`);
});

// ---- intrinsics used by other categories

const otherCase = (id: string) => (available && existsSync(join(CASES, `${id}.json`)) ? load(join(CASES, `${id}.json`)) : undefined);

const assignCase = otherCase('assign/test_assign_reference_variables/test_assign_from_value__BASE_ASSIGN_FROM_INTRINSIC_FUNCTION');
test('Assign with every intrinsic family (BASE_ASSIGN_FROM_INTRINSIC_FUNCTION)', { skip: !assignCase && 'case not found' }, () => {
  const c = assignCase!;
  const state = Object.values(c.definition.States)[0]! as State & { Result: unknown };
  // Assign sees the state's result as `$`.
  const assigned = applyTemplate(state.Assign, envFor(state.Result, contextFor({}, 'State0'), {}));
  const exited = c.expected.events!.find((e) => e.type === 'PassStateExited')!;
  const expected = (exited.stateExitedEventDetails as { assignedVariables: unknown }).assignedVariables;
  assert.ok(matches(assigned, expected, []), `assigned ${JSON.stringify(assigned)}\nexpected ${JSON.stringify(expected)}`);
});

const failCase = otherCase('base/test_base/test_state_fail_intrinsic');
test('Fail ErrorPath/CausePath with States.Format (test_state_fail_intrinsic)', { skip: !failCase && 'case not found' }, () => {
  const c = failCase!;
  const state = Object.values(c.definition.States)[0]!;
  const input = JSON.parse(c.inputText!);
  const env = envFor(input, contextFor(input, 'FailState'), {});
  assert.equal(evaluateIntrinsic(state.ErrorPath!, env), c.expected.error);
  assert.equal(evaluateIntrinsic(state.CausePath!, env), c.expected.cause);
});

// ---- definition errors: illegal escapes in a string literal

for (const suffix of ['', '_2']) {
  const id = `scenarios/test_base_scenarios/test_illegal_escapes__ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION${suffix}`;
  const file = join(CASES, `${id}.json`);
  const c = available && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { steps: ApiStep[] }) : undefined;
  test(`${id} is rejected at definition time`, { skip: !c && 'case not found' }, () => {
    const step = c!.steps[0]!;
    const definition = JSON.parse(step.params.definition) as Case['definition'];
    const [stateName, state] = Object.entries(definition.States)[0]!;
    const [field, text] = Object.entries(state.Parameters as Record<string, string>)[0]!;
    assert.ok(isIntrinsicCall(text));
    assert.match(validateIntrinsic(text) ?? '', /Invalid escape sequence/);
    const message = `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ${invalidIntrinsicFieldMessage(field)} at /States/${stateName}/Parameters'`;
    assert.equal(message, step.response.Error.Message);
  });
}

interface ApiStep {
  params: { definition: string };
  response: { Error: { Code: string; Message: string } };
}
