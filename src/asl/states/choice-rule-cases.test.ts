// Replays the recorded choice-operator tables (../shared/conformance/cases/
// choice_operators, outcome-only: which Pass state ran) against the rule
// parser and evaluator, and parses every JSONPath Choice state elsewhere in
// the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../parse/diagnostic.js';
import { isStatesError } from '../errors/states-error.js';
import { noChoiceMatched, parseChoiceRule, selectChoiceRule, type ChoiceRule, type Resolve } from './choice-rule.js';

const CASES = fileURLToPath(new URL('../../../../shared/conformance/cases', import.meta.url));

interface Case {
  id: string;
  definition?: { States: Record<string, Record<string, unknown>>; QueryLanguage?: string };
  inputText: string | null;
  expected: { status: string; output?: unknown; error?: string; cause?: unknown };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** `$`, `$.a.b` and `$['a']` paths over `input`; enough for the recorded tables. */
function resolver(input: unknown): Resolve {
  return (path) => {
    const m = /^\$((?:\.[A-Za-z0-9_-]+|\['[^']*'\])*)$/.exec(path);
    if (!m) throw new Error(`path not supported by the test resolver: ${path}`);
    let value: unknown = input;
    for (const seg of m[1]?.match(/\.[A-Za-z0-9_-]+|\['[^']*'\]/g) ?? []) {
      const key = seg.startsWith('.') ? seg.slice(1) : seg.slice(2, -2);
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !(key in value)) return { found: false, value: undefined };
      value = (value as Record<string, unknown>)[key];
    }
    return { found: true, value };
  };
}

function parseChoices(stateName: string, choices: unknown): ChoiceRule[] {
  const diags: Diagnostic[] = [];
  const base = `/States/${stateName}/Choices`;
  const rules = (choices as unknown[]).map((raw, i) => parseChoiceRule(raw, `${base}/${i}`, diags, true));
  assert.deepEqual(diags, []);
  return rules as ChoiceRule[];
}

/** What the Choice state does with this input: the next state's name, or the error it raises. */
function run(state: Record<string, unknown>, stateName: string, input: unknown): { next: string } | { error: string; cause: string | undefined } {
  const rules = parseChoices(stateName, state.Choices);
  try {
    const chosen = selectChoiceRule(rules, resolver(input));
    const next = chosen?.next ?? (state.Default as string | undefined);
    if (next === undefined) throw noChoiceMatched();
    return { next };
  } catch (e) {
    if (!isStatesError(e)) throw e;
    return { error: e.error, cause: e.cause };
  }
}

const PREFIX = /^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /;

const dir = join(CASES, 'choice_operators');
const files = existsSync(dir) ? walk(dir) : [];

test('choice_operators corpus is present', { skip: files.length === 0 && 'no conformance corpus beside the repo' }, () => {
  assert.equal(files.length, 344);
});

for (const file of files) {
  const c = JSON.parse(readFileSync(file, 'utf8')) as Case;
  test(c.id, () => {
    const states = c.definition?.States ?? {};
    const [name, choice] = Object.entries(states).find(([, s]) => s.Type === 'Choice') ?? [];
    assert.ok(name && choice, 'definition has a Choice state');
    const input = c.inputText === null ? {} : JSON.parse(c.inputText);
    const got = run(choice, name, input);
    if (c.expected.status === 'SUCCEEDED') {
      assert.ok('next' in got, `expected a transition, got ${JSON.stringify(got)}`);
      // every branch is a Pass state whose Result is the execution's output
      assert.deepEqual(states[got.next]?.Result, c.expected.output, `took ${got.next}`);
    } else {
      assert.equal(c.expected.status, 'FAILED');
      assert.ok('error' in got, `expected an error, took ${JSON.stringify(got)}`);
      assert.equal(got.error, c.expected.error);
      assert.equal(got.cause, String(c.expected.cause).replace(PREFIX, ''));
    }
  });
}

test('every JSONPath Choice state in the corpus parses without diagnostics', { skip: !existsSync(CASES) && 'no corpus' }, () => {
  let seen = 0;
  const visit = (states: unknown, inherited: string | undefined) => {
    if (typeof states !== 'object' || states === null) return;
    for (const [name, s] of Object.entries(states as Record<string, Record<string, any>>)) {
      const language = s.QueryLanguage ?? inherited;
      if (s.Type === 'Choice' && language !== 'JSONata') {
        parseChoices(name, s.Choices);
        seen++;
      }
      for (const b of s.Branches ?? []) visit(b.States, language);
      visit(s.Iterator?.States, language);
      visit(s.ItemProcessor?.States, language);
    }
  };
  for (const file of walk(CASES)) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Case;
    if (c.definition) visit(c.definition.States, c.definition.QueryLanguage);
  }
  assert.ok(seen > 344, `saw ${seen} JSONPath Choice states`);
});
