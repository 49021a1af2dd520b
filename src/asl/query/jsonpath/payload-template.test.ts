import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dynamicFieldMessage, isIntrinsicCall, validatePayloadTemplate } from './payload-template.js';

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
