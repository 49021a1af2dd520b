// Payload templates (Parameters, ResultSelector, ItemSelector) are split into
// fields once per template object; every evaluation reads its own scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateTemplate, type PathScope } from './jsonpath-io.js';
import { StatesError } from '../errors/states-error.js';

const scope = (input: unknown, vars: Record<string, unknown> = {}): PathScope => ({
  input,
  context: () => ({ Execution: { Name: 'x' } }),
  variable: (name) => (name in vars ? { found: true, value: vars[name] } : { found: false, value: undefined }),
  uuid: () => 'u',
  random: () => 0.5,
});

test('one template evaluated against different inputs gives each its own values', () => {
  const template = { 'id.$': '$.id', fixed: 'f', nested: { 'name.$': '$$.Execution.Name', list: [{ 'v.$': '$var' }] }, 'n.$': 'States.MathAdd($.id, 1)' };
  assert.deepEqual(evaluateTemplate(template, scope({ id: 1 }, { var: 'a' })), { id: 1, fixed: 'f', nested: { name: 'x', list: [{ v: 'a' }] }, n: 2 });
  assert.deepEqual(evaluateTemplate(template, scope({ id: 5 }, { var: 'b' })), { id: 5, fixed: 'f', nested: { name: 'x', list: [{ v: 'b' }] }, n: 6 });
  assert.deepEqual(template, { 'id.$': '$.id', fixed: 'f', nested: { 'name.$': '$$.Execution.Name', list: [{ 'v.$': '$var' }] }, 'n.$': 'States.MathAdd($.id, 1)' });
});

test('fields are evaluated in order: a later field of the same name wins, the first missing path fails', () => {
  assert.deepEqual(evaluateTemplate({ a: 1, 'a.$': '$.x' }, scope({ x: 2 })), { a: 2 });
  assert.deepEqual(evaluateTemplate({ 'a.$': '$.x', a: 1 }, scope({ x: 2 })), { a: 1 });
  // a `.$` name whose value is no string is an ordinary field
  assert.deepEqual(evaluateTemplate({ 'a.$': 3 }, scope({})), { 'a.$': 3 });
  assert.throws(() => evaluateTemplate({ 'a.$': '$.nope', 'b.$': '$.gone' }, scope({ x: 1 })),
    (e: unknown) => e instanceof StatesError && e.error === 'States.Runtime'
      && e.cause === "The JSONPath '$.nope' specified for the field 'a.$' could not be found in the input '{\"x\":1}'");
});

test('a template of many fields gives every field, in the order assignment gives (integer-like names first), a repeated name in its first place', () => {
  const template: Record<string, unknown> = { z: 'first' };
  for (let i = 0; i < 20; i++) template[`f${i}.$`] = `$.v[${i}]`;
  template['7'] = 'seven';
  template['z.$'] = '$.v[0]';
  const input = { v: Array.from({ length: 20 }, (_, i) => i * 1.5) };
  const out = evaluateTemplate(template, scope(input)) as Record<string, unknown>;
  const expected: Record<string, unknown> = { z: 0 };
  for (let i = 0; i < 20; i++) expected[`f${i}`] = i * 1.5;
  expected['7'] = 'seven';
  assert.deepEqual(Object.keys(out), ['7', 'z', ...Array.from({ length: 20 }, (_, i) => `f${i}`)]);
  assert.deepEqual(out, expected);
  assert.equal(JSON.stringify(out), JSON.stringify(expected));
  // each evaluation has its own object
  const again = evaluateTemplate(template, scope({ v: input.v.map((x) => x + 1) })) as Record<string, unknown>;
  assert.equal(again.f3, 5.5);
  assert.equal(out.f3, 4.5);
});

test('a "__proto__" field is an ordinary field, in small and large templates alike', () => {
  for (const extra of [0, 12]) {
    const template: Record<string, unknown> = JSON.parse('{"__proto__.$": "$.p", "a": 1}');
    for (let i = 0; i < extra; i++) template[`x${i}`] = i;
    const out = evaluateTemplate(template, scope({ p: { polluted: true } })) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out).slice(0, 2), ['__proto__', 'a']);
    assert.equal(JSON.stringify(out).startsWith('{"__proto__":{"polluted":true},"a":1'), true);
    assert.equal((out as { polluted?: boolean }).polluted, undefined);
  }
});
