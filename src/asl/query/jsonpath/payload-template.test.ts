import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatesError } from '../../errors/states-error.js';
import { pathTarget } from '../reference.js';
import { assignJsonPath, queryJsonPath } from './jsonpath.js';
import {
  dynamicFieldMessage, evaluatePayloadTemplate, isIntrinsicCall, validatePayloadTemplate, type TemplateEnv,
} from './payload-template.js';

/** An env resolving "$" against `input`, "$$" against `context`, "$name" against `vars`; it records intrinsic calls. */
function env(input: unknown, context: unknown = {}, vars: Record<string, unknown> = {}) {
  const intrinsics: string[] = [];
  const resolved: string[] = [];
  const e: TemplateEnv = {
    resolvePath(path) {
      resolved.push(path);
      const t = pathTarget(path);
      const root = t.kind === 'input' ? input : t.kind === 'context' ? context : vars[t.name];
      const r = queryJsonPath(t.path, root);
      if (!r.found) throw new StatesError('States.Runtime', `The JSONPath '${path}' could not be found`);
      return r.value;
    },
    evaluateIntrinsic(text) {
      intrinsics.push(text);
      return `<${text}>`;
    },
  };
  return { env: e, intrinsics, resolved };
}

describe('evaluatePayloadTemplate (recorded cases)', () => {
  it('test_state_pass_regex_json_path_base: a filter path in Parameters', () => {
    const input = { users: [{ year: 1997, status: 0 }, { year: 1998, status: 1 }] };
    const out = evaluatePayloadTemplate({ 'FromInput.$': '$.users[?(@.status == 0)]' }, env(input).env);
    assert.deepEqual(out, { FromInput: [{ year: 1997, status: 0 }] });
  });

  it('test_state_pass_result_null_input_output_paths: literal and "$" fields', () => {
    const out = evaluatePayloadTemplate({ Arg1: 'argument1', 'FromInput.$': '$' }, env({ InputValue: 0 }).env);
    assert.deepEqual(out, { Arg1: 'argument1', FromInput: { InputValue: 0 } });
  });

  it('test_json_path_array_wildcard_or_slice_with_no_input: an empty match is []', () => {
    assert.deepEqual(evaluatePayloadTemplate({ 'item.$': '$.item.items[1:5].itemValue' }, env({}).env), { item: [] });
  });

  it('test_map_state_item_selector_parameters: input and context paths', () => {
    const input = { content: { bucket: 'test-bucket', values: ['1', '2', '3'] } };
    const context = { Map: { Item: { Index: 1, Value: '2' } } };
    const out = evaluatePayloadTemplate({ 'bucketName.$': '$.content.bucket', 'value.$': '$$.Map.Item.Value' }, env(input, context).env);
    assert.deepEqual(out, { bucketName: 'test-bucket', value: '2' });
  });

  it('test_json_merge_escaped_argument: intrinsic calls go to the env verbatim', () => {
    const call = "States.JsonMerge(States.StringToJson('{\\\"constant_in_literal\\\": \\\"false\\\"}'), $$.Execution.Input.input_field, false)";
    const e = env({});
    assert.deepEqual(evaluatePayloadTemplate({ 'merged.$': call }, e.env), { merged: `<${call}>` });
    assert.deepEqual(e.intrinsics, [call]);
  });

  it('the ESCAPE_SEQUENCES_JSONPATH template', () => {
    const input = { 'Test\\""Name"': 'Value"\\' };
    assert.deepEqual(evaluatePayloadTemplate({ 'value.$': `$['Test\\""Name"']` }, env(input).env), { value: 'Value"\\' });
  });
});

describe('evaluatePayloadTemplate', () => {
  it('processes nested objects and objects inside arrays, keeping key order', () => {
    const template = {
      z: 1,
      'a.$': '$.x',
      nested: { 'b.$': '$.y[0]', keep: [1, 'two', null, { 'c.$': '$.x', d: [{ 'e.$': '$$.id' }] }] },
      m: 'last',
    };
    const e = env({ x: 'X', y: [true] }, { id: 'ctx' });
    const out = evaluatePayloadTemplate(template, e.env);
    assert.deepEqual(out, { z: 1, a: 'X', nested: { b: true, keep: [1, 'two', null, { c: 'X', d: [{ e: 'ctx' }] }] }, m: 'last' });
    assert.deepEqual(Object.keys(out as object), ['z', 'a', 'nested', 'm']);
    assert.deepEqual(e.resolved, ['$.x', '$.y[0]', '$.x', '$$.id']);
  });

  it('passes variable references to the env', () => {
    const out = evaluatePayloadTemplate({ 'v.$': '$answer', 'w.$': '$obj.list[1]' }, env({}, {}, { answer: 42, obj: { list: [0, 9] } }).env);
    assert.deepEqual(out, { v: 42, w: 9 });
  });

  it('copies scalars, arrays and the literal parts as they are', () => {
    const e = env({}).env;
    assert.equal(evaluatePayloadTemplate('text', e), 'text');
    assert.equal(evaluatePayloadTemplate(null, e), null);
    assert.deepEqual(evaluatePayloadTemplate([1, [2, { a: 3 }]], e), [1, [2, { a: 3 }]]);
    assert.deepEqual(evaluatePayloadTemplate({ 'a.b': '$.x', 'c$': '$.x', $: 1 }, e), { 'a.b': '$.x', 'c$': '$.x', $: 1 });
  });

  it('does not mutate or share the template', () => {
    const template = { a: { b: [1] }, 'c.$': '$.v' };
    const out = evaluatePayloadTemplate(template, env({ v: 2 }).env) as { a: { b: number[] } };
    assert.notEqual(out.a, template.a);
    assert.notEqual(out.a.b, template.a.b);
    assert.deepEqual(template, { a: { b: [1] }, 'c.$': '$.v' });
  });

  it('gives a "__proto__" field a plain own property', () => {
    const out = evaluatePayloadTemplate(JSON.parse('{"__proto__.$": "$.v", "x": {"__proto__": 1}}'), env({ v: 2 }).env) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['__proto__', 'x']);
    assert.deepEqual(Object.keys(out.x as object), ['__proto__']);
  });

  it("lets the env's errors through", () => {
    assert.throws(() => evaluatePayloadTemplate({ 'a.$': '$.missing' }, env({}).env),
      (e: unknown) => e instanceof StatesError && e.error === 'States.Runtime');
  });

  it('rejects a non-string dynamic value at run time', () => {
    assert.throws(() => evaluatePayloadTemplate({ 'a.$': 5 }, env({}).env),
      (e: unknown) => e instanceof StatesError && e.cause === dynamicFieldMessage('a.$'));
  });

  it('combines with ResultPath as a Pass state does', () => {
    const input = { input_field: { x: 1 } };
    const result = evaluatePayloadTemplate({ 'merged.$': '$.input_field' }, env(input).env);
    assert.deepEqual(assignJsonPath(input, '$.result_path', result), { input_field: { x: 1 }, result_path: { merged: { x: 1 } } });
  });
});

describe('validatePayloadTemplate', () => {
  const base = '/States/IntrinsicEscape/Parameters';

  it('accepts paths, context paths, variables and intrinsic calls', () => {
    const template = {
      'a.$': '$', 'b.$': '$$', 'c.$': '$$.Execution.Input', 'd.$': '$.users[?(@.status == 0)]', 'e.$': '$answer',
      'f.$': '$var.list[0]', 'g.$': "States.Format('{}', $.x)", 'h.$': `$['Test\\""Name"']`, plain: 'not a path',
      nested: { list: [{ 'i.$': '$.item.items[1:5]' }] },
    };
    assert.deepEqual(validatePayloadTemplate(template, base), []);
  });

  it('reports the field at its object, with the AWS message (ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION)', () => {
    const call = `States.StringToJson('{"text":"An \\"escaped double quote\\" here"}')`;
    const problems = validatePayloadTemplate({ 'parsed.$': call }, base, () => false);
    assert.deepEqual(problems, [{
      path: '/States/IntrinsicEscape/Parameters',
      message: "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call",
    }]);
  });

  it('reports non-strings and invalid paths, nested ones at their own object', () => {
    const template = {
      'a.$': 5, 'b.$': 'not-a-path', 'c.$': '$.a b', 'd.$': '', ok: { 'e.$': null, inner: [{ 'f.$': '$[' }] },
      'g.$': '$$.', 'h.$': ['$.x'],
    };
    assert.deepEqual(validatePayloadTemplate(template, '/P'), [
      { path: '/P', message: dynamicFieldMessage('a.$') },
      { path: '/P', message: dynamicFieldMessage('b.$') },
      { path: '/P', message: dynamicFieldMessage('c.$') },
      { path: '/P', message: dynamicFieldMessage('d.$') },
      { path: '/P/ok', message: dynamicFieldMessage('e.$') },
      { path: '/P/ok/inner/0', message: dynamicFieldMessage('f.$') },
      { path: '/P', message: dynamicFieldMessage('g.$') },
      { path: '/P', message: dynamicFieldMessage('h.$') },
    ]);
  });

  it('escapes pointer segments', () => {
    assert.deepEqual(validatePayloadTemplate({ 'a/b': { '~c': { 'x.$': 1 } } }, ''), [{ path: '/a~1b/~0c', message: dynamicFieldMessage('x.$') }]);
  });

  it('leaves intrinsic syntax to the caller unless asked', () => {
    assert.deepEqual(validatePayloadTemplate({ 'a.$': 'States.Nope(' }, '/P'), []);
    const seen: string[] = [];
    validatePayloadTemplate({ 'a.$': 'States.UUID()' }, '/P', (t) => { seen.push(t); return true; });
    assert.deepEqual(seen, ['States.UUID()']);
    assert.equal(isIntrinsicCall('States.Array(1)'), true);
    assert.equal(isIntrinsicCall('$.States'), false);
  });
});
