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
