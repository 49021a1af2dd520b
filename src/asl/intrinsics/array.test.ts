import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateIntrinsic } from './evaluate.js';
import { statesErrorOf, testEnv } from './test-env.js';

const env = testEnv({ items: [1, 2, 3, 4, 5, 6, 7, 8, 9], objs: [{ a: 1, b: [2] }, { b: [2], a: 1 }, { a: 2 }], s: 'x' });
const run = (text: string) => evaluateIntrinsic(text, env);
const cause = (text: string) => statesErrorOf(() => run(text)).cause;

test('States.Array', () => {
  assert.deepEqual(run('States.Array()'), []);
  assert.deepEqual(run(`States.Array('a', 1, null, true, $.s, States.Array(2))`), ['a', 1, null, true, 'x', [2]]);
});

test('States.ArrayPartition', () => {
  assert.deepEqual(run('States.ArrayPartition($.items, 4)'), [[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
  assert.deepEqual(run('States.ArrayPartition(States.Array(), 3)'), []);
  assert.deepEqual(run('States.ArrayPartition($.items, 20)'), [[1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  assert.match(cause('States.ArrayPartition($.items, 0)')!, /chunk size must be a positive integer, but was 0/);
  assert.match(cause('States.ArrayPartition($.items, 1.5)')!, /second argument must be an integer, but was 1.5/);
  assert.match(cause('States.ArrayPartition($.s, 2)')!, /first argument must be an array, but was string/);
});

test('States.ArrayContains compares JSON values deeply', () => {
  assert.equal(run('States.ArrayContains($.items, 5)'), true);
  assert.equal(run('States.ArrayContains($.items, 10)'), false);
  assert.equal(run(`States.ArrayContains($.objs, States.StringToJson('{"b": [2], "a": 1}'))`), true);
  assert.equal(run('States.ArrayContains(States.Array(States.Array(1)), States.Array(1))'), true);
  assert.equal(run('States.ArrayContains(States.Array(), null)'), false);
  assert.equal(run(`States.ArrayContains(States.Array(1), '1')`), false);
});

test('States.ArrayRange', () => {
  assert.deepEqual(run('States.ArrayRange(1, 9, 2)'), [1, 3, 5, 7, 9]);
  assert.deepEqual(run('States.ArrayRange(0, 10, 3)'), [0, 3, 6, 9]);
  assert.deepEqual(run('States.ArrayRange(5, 1, -2)'), [5, 3, 1]);
  assert.deepEqual(run('States.ArrayRange(5, 1, 1)'), []);
  assert.deepEqual(run('States.ArrayRange(2, 2, 5)'), [2]);
  assert.equal((run('States.ArrayRange(1, 1000, 1)') as number[]).length, 1000);
  assert.match(cause('States.ArrayRange(0, 1000, 1)')!, /1001 items, more than the maximum of 1000/);
  assert.match(cause('States.ArrayRange(0, 10, 0)')!, /must not be 0/);
  assert.match(cause('States.ArrayRange(0.5, 10, 1)')!, /first argument must be an integer/);
});

test('States.ArrayGetItem', () => {
  assert.equal(run('States.ArrayGetItem($.items, 5)'), 6);
  assert.deepEqual(run('States.ArrayGetItem($.objs, 2)'), { a: 2 });
  assert.equal(cause('States.ArrayGetItem($.items, 9)'), 'Invalid arguments in States.ArrayGetItem: the index 9 is out of bounds for an array of length 9');
  assert.match(cause('States.ArrayGetItem($.items, -1)')!, /index -1 is out of bounds/);
  assert.match(cause(`States.ArrayGetItem($.items, '1')`)!, /second argument must be an integer, but was "1"/);
});

test('States.ArrayLength', () => {
  assert.equal(run('States.ArrayLength($.items)'), 9);
  assert.equal(run('States.ArrayLength(States.Array())'), 0);
  assert.match(cause('States.ArrayLength($.s)')!, /must be an array, but was string/);
});

test('States.ArrayUnique keeps first occurrences in order', () => {
  assert.deepEqual(run('States.ArrayUnique(States.Array(1, 2, 2, 3, 1, null, null))'), [1, 2, 3, null]);
  assert.deepEqual(run('States.ArrayUnique($.objs)'), [{ a: 1, b: [2] }, { a: 2 }]);
});
