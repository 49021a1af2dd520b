import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatesError } from '../errors/states-error.js';
import { evaluateIntrinsic, IntrinsicSyntaxError, type IntrinsicEnv } from './index.js';
import { testEnv } from './test-env.js';

test('path arguments: $, $.a, $$ context, $variables', () => {
  const env = testEnv({ a: { b: [10, 20] } }, { greeting: { text: 'hi' } }, { Execution: { Id: 'arn:x' } });
  assert.deepEqual(evaluateIntrinsic('States.Array($, $.a.b[1], $$.Execution.Id, $greeting.text)', env), [
    { a: { b: [10, 20] } },
    20,
    'arn:x',
    'hi',
  ]);
});

test('a path that matches nothing fails with the resolver error', () => {
  assert.throws(
    () => evaluateIntrinsic('States.Array($.missing)', testEnv({})),
    (e: unknown) => e instanceof StatesError && e.error === 'States.Runtime' && /\$\.missing/.test(e.cause ?? ''),
  );
});

test('nested calls evaluate inside out (nine nested calls, AWS guide example)', () => {
  const env = testEnv({ ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.2' } });
  const text =
    "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), " +
    "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), " +
    "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 2))";
  assert.equal(evaluateIntrinsic(text, env), '1.0.2');
});

test('States.UUID comes from the env', () => {
  const env: IntrinsicEnv = { resolvePath: () => null, uuid: () => 'c7f2ac53-c9c0-4a1f-9f2b-8a7a6f3d8c11', random: () => 0 };
  assert.equal(evaluateIntrinsic('States.UUID()', env), 'c7f2ac53-c9c0-4a1f-9f2b-8a7a6f3d8c11');
  const seq = testEnv({});
  assert.notEqual(evaluateIntrinsic('States.UUID()', seq), evaluateIntrinsic('States.UUID()', seq));
});

test('evaluating a malformed call throws IntrinsicSyntaxError', () => {
  assert.throws(() => evaluateIntrinsic('States.Nope()', testEnv({})), IntrinsicSyntaxError);
});

test('literal arguments: strings with escapes, numbers, true/false/null', () => {
  assert.deepEqual(evaluateIntrinsic(String.raw`States.Array('it\'s', '\{\}', 'a\\b', -1, 0.5, true, false, null)`, testEnv({})), [
    "it's",
    '{}',
    'a\\b',
    -1,
    0.5,
    true,
    false,
    null,
  ]);
});
