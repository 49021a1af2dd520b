// The functions Step Functions adds to JSONata ($partition, $range, $hash,
// $random, $uuid, $parse) and the one it removes ($eval), evaluated as a
// state's field is: through evaluateExpression with an env for uuid/random.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateExpression, type JsonataScope } from './jsonata.js';
import { StatesError } from '../../errors/states-error.js';

let uuids = 0;
const scope: JsonataScope = {
  states: { input: { list: [1, 2, 3, 4, 5], text: '{"a":[1,"x"]}' } },
  variables: { n: 2 },
  uuid: () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`,
  random: () => 0.25,
};
const run = (expr: string): unknown => evaluateExpression(`{% ${expr} %}`, 'Output', scope);
function failure(expr: string): StatesError {
  try { run(expr); } catch (e) { if (e instanceof StatesError) return e; throw e; }
  throw new Error(`expected ${expr} to fail`);
}

test('$partition splits an array into chunks of the given size, the last one shorter', () => {
  assert.deepEqual(run('$partition($states.input.list, 2)'), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(run('$partition($states.input.list, $n)'), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(run('$partition([0, 1, 2], 4)'), [[0, 1, 2]]);
  assert.deepEqual(run('$partition([0], 1)'), [[0]]);
  assert.equal(failure('$partition("abc", 2)').error, 'States.QueryEvaluationError');
  assert.equal(failure('$partition([1], 0)').error, 'States.QueryEvaluationError');
});

test('$range counts from start to end inclusive by step; a single value is that value', () => {
  assert.deepEqual(run('$range(0, 9, 3)'), [0, 3, 6, 9]);
  assert.deepEqual(run('$range(0, 10, 3)'), [0, 3, 6, 9]);
  assert.deepEqual(run('$range(5, 1, -2)'), [5, 3, 1]);
  assert.equal(run('$range(1, 9, 9)'), 1);
  assert.match(failure('$range(1, 2, 0)').cause!, /threw an error during evaluation\. .*step/);
});

test('$hash is the hex digest of the UTF-8 text for the five algorithms of States.Hash', () => {
  assert.equal(run('$hash("abc", "MD5")'), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(run('$hash("abc", "SHA-1")'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(run('$hash("abc", "SHA-256")'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal((run('$hash("abc", "SHA-384")') as string).length, 96);
  assert.equal((run('$hash("abc", "SHA-512")') as string).length, 128);
  const bad = failure('$hash("abc", "SHA-3")');
  assert.equal(bad.error, 'States.QueryEvaluationError');
  assert.match(bad.cause!, /^The JSONata expression '\$hash\("abc", "SHA-3"\)' specified for the field 'Output' threw an error during evaluation\. \$hash: /);
});

test('$random without a seed draws from the env; with a seed it is the same number every time', () => {
  assert.equal(run('$random()'), 0.25);
  const a = run('$random(42)') as number;
  assert.equal(run('$random(42)'), a);
  assert.ok(a >= 0 && a < 1);
  assert.notEqual(run('$random(43)'), a);
  assert.equal(failure('$random(1.5)').error, 'States.QueryEvaluationError');
});

test('$uuid takes a new v4 uuid from the env each call', () => {
  const [a, b] = run('[$uuid(), $uuid()]') as string[];
  assert.match(a!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, b);
});

test('$parse reads JSON text into a value', () => {
  assert.deepEqual(run('$parse($states.input.text)'), { a: [1, 'x'] });
  assert.equal(JSON.stringify(run('$parse("-0")')), '0');
  assert.equal(run('$parse("1.1")'), 1.1);
  assert.equal(run('$parse("\\"HelloWorld\\"")'), 'HelloWorld');
  assert.equal(failure('$parse("{nope")').error, 'States.QueryEvaluationError');
});

test('$eval is not available: calling it is calling a non-function (T1006)', () => {
  const e = failure('$eval("1 + 1")');
  assert.equal(e.error, 'States.QueryEvaluationError');
  assert.equal(e.cause, `The JSONata expression '$eval("1 + 1")' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function`);
});
