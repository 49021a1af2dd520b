import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntrinsicSyntaxError } from './errors.js';
import { validateIntrinsic } from './evaluate.js';
import { isIntrinsicCall, parseIntrinsic } from './parser.js';

test('isIntrinsicCall tells calls from paths', () => {
  assert.equal(isIntrinsicCall('States.Format($.a)'), true);
  assert.equal(isIntrinsicCall('States.UUID ()'), true);
  assert.equal(isIntrinsicCall('$.States.Format'), false);
  assert.equal(isIntrinsicCall('States.Format'), false);
  assert.equal(isIntrinsicCall('$'), false);
});

test('nested calls keep their own text', () => {
  const call = parseIntrinsic(`States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)`);
  assert.equal(call.name, 'States.ArrayGetItem');
  const inner = call.args[0]!;
  assert.equal(inner.kind, 'call');
  if (inner.kind === 'call') assert.equal(inner.call.text, `States.StringSplit($$.StateMachine.Name, '-')`);
  assert.deepEqual(call.args[1], { kind: 'number', value: 0 });
});

test('parses are cached, errors included', () => {
  assert.equal(parseIntrinsic('States.Array(1)'), parseIntrinsic('States.Array(1)'));
  let first: unknown;
  let second: unknown;
  try { parseIntrinsic('States.Nope()'); } catch (e) { first = e; }
  try { parseIntrinsic('States.Nope()'); } catch (e) { second = e; }
  assert.ok(first instanceof IntrinsicSyntaxError);
  assert.equal(first, second);
});

test('definition errors', () => {
  const cases: [string, RegExp][] = [
    ['States.Nope(1)', /Unknown intrinsic function 'States.Nope'/],
    ['States.UUID(1)', /States.UUID takes exactly 0 arguments, but 1 given/],
    ['States.Format()', /at least 1 argument/],
    ['States.MathRandom(1)', /2 to 3 arguments/],
    ['States.JsonMerge($.a, $.b)', /exactly 3 arguments/],
    ['States.Format(1, $.a)', /first argument of States.Format must be a string/],
    ['States.Array(1) extra', /Unexpected 'extra'/],
    ['States.Array(1) (2)', /after the end of the call/],
    ['States.Array(1,)', /Expected an argument/],
    ['States.Array(1 2)', /Expected ',' or '\)'/],
    ['States.Array(1', /Expected ',' or '\)'/],
    ['$.a', /must start with a States/],
    [String.raw`States.StringToJson('{\"a\": 1}')`, /Invalid escape sequence/],
  ];
  for (const [text, message] of cases) assert.match(validateIntrinsic(text) ?? '', message, text);
});

test('valid calls validate', () => {
  for (const text of [
    'States.UUID()',
    `States.Format('{}', States.Array(1, 2))`,
    `States.JsonMerge(States.StringToJson('{"a": "b"}'), $$.Execution.Input.x, false)`,
    'States.MathAdd($.Iterations, -1)',
    'States.Format($AnswerTemplate, $$.Map.Item.Value)',
  ]) {
    assert.equal(validateIntrinsic(text), undefined, text);
  }
});
