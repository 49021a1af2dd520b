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

// Recorded cases and the rules of the ASL spec's "Payload Template", on the evaluator states use.
const contextScope = (input: unknown, context: unknown, vars: Record<string, unknown> = {}): PathScope => ({ ...scope(input, vars), context: () => context });

test('recorded cases: filters, "$", empty matches, context paths, escaped names', () => {
  // test_state_pass_regex_json_path_base
  const users = { users: [{ year: 1997, status: 0 }, { year: 1998, status: 1 }] };
  assert.deepEqual(evaluateTemplate({ 'FromInput.$': '$.users[?(@.status == 0)]' }, scope(users)), { FromInput: [{ year: 1997, status: 0 }] });
  // test_state_pass_result_null_input_output_paths
  assert.deepEqual(evaluateTemplate({ Arg1: 'argument1', 'FromInput.$': '$' }, scope({ InputValue: 0 })), { Arg1: 'argument1', FromInput: { InputValue: 0 } });
  // test_json_path_array_wildcard_or_slice_with_no_input
  assert.deepEqual(evaluateTemplate({ 'item.$': '$.item.items[1:5].itemValue' }, scope({})), { item: [] });
  // test_map_state_item_selector_parameters
  const content = { content: { bucket: 'test-bucket', values: ['1', '2', '3'] } };
  assert.deepEqual(evaluateTemplate({ 'bucketName.$': '$.content.bucket', 'value.$': '$$.Map.Item.Value' },
    contextScope(content, { Map: { Item: { Index: 1, Value: '2' } } })), { bucketName: 'test-bucket', value: '2' });
  // test_json_merge_escaped_argument
  const call = `States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $$.Execution.Input.input_field, false)`;
  assert.deepEqual(evaluateTemplate({ 'merged.$': call }, contextScope({}, { Execution: { Input: { input_field: { x: 1 } } } })),
    { merged: { constant_in_literal: 'false', x: 1 } });
  // ESCAPE_SEQUENCES_JSONPATH
  assert.deepEqual(evaluateTemplate({ 'value.$': `$['Test\\""Name"']` }, scope({ 'Test\\""Name"': 'Value"\\' })), { value: 'Value"\\' });
});

test('nested objects and objects inside arrays are processed, in key order; variables resolve', () => {
  const template = {
    z: 1,
    'a.$': '$.x',
    nested: { 'b.$': '$.y[0]', keep: [1, 'two', null, { 'c.$': '$.x', d: [{ 'e.$': '$$.id' }] }] },
    m: 'last',
  };
  const out = evaluateTemplate(template, contextScope({ x: 'X', y: [true] }, { id: 'ctx' }));
  assert.deepEqual(out, { z: 1, a: 'X', nested: { b: true, keep: [1, 'two', null, { c: 'X', d: [{ e: 'ctx' }] }] }, m: 'last' });
  assert.deepEqual(Object.keys(out as object), ['z', 'a', 'nested', 'm']);
  assert.deepEqual(evaluateTemplate({ 'v.$': '$answer', 'w.$': '$obj.list[1]' }, scope({}, { answer: 42, obj: { list: [0, 9] } })), { v: 42, w: 9 });
});

test('scalars, arrays and literal parts are copied as they are; the template is neither changed nor shared', () => {
  assert.equal(evaluateTemplate('text', scope({})), 'text');
  assert.equal(evaluateTemplate(null, scope({})), null);
  assert.deepEqual(evaluateTemplate([1, [2, { a: 3 }]], scope({})), [1, [2, { a: 3 }]]);
  assert.deepEqual(evaluateTemplate({ 'a.b': '$.x', 'c$': '$.x', $: 1 }, scope({ x: 1 })), { 'a.b': '$.x', 'c$': '$.x', $: 1 });
  const template = { a: { b: [1] }, 'c.$': '$.v' };
  const out = evaluateTemplate(template, scope({ v: 2 })) as { a: { b: number[] } };
  assert.notEqual(out.a, template.a);
  assert.notEqual(out.a.b, template.a.b);
  assert.deepEqual(template, { a: { b: [1] }, 'c.$': '$.v' });
  // a nested "__proto__" is an ordinary field too
  const nested = evaluateTemplate(JSON.parse('{"x": {"__proto__": 1}}'), scope({})) as Record<string, unknown>;
  assert.deepEqual(Object.keys(nested.x as object), ['__proto__']);
});
