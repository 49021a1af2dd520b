import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateIntrinsic } from './evaluate.js';
import { JavaRandom } from './java-random.js';
import { statesErrorOf, testEnv } from './test-env.js';

const env = testEnv({ a: 1.49, b: 1.5 });
const run = (text: string) => evaluateIntrinsic(text, env);
const cause = (text: string) => statesErrorOf(() => run(text)).cause;

test('States.MathAdd rounds each argument as Java Math.round', () => {
  assert.equal(run('States.MathAdd($.a, $.b)'), 3);
  assert.equal(run('States.MathAdd(1.5, 1.51)'), 4);
  assert.equal(run('States.MathAdd(-1.5, 0)'), -1);
  assert.equal(run('States.MathAdd(-3.5, 0)'), -3);
  assert.equal(run('States.MathAdd(2.5, 0)'), 3);
  assert.equal(run('States.MathAdd(-9, 3)'), -6);
  assert.ok(Object.is(run('States.MathAdd(-0.4, 0)'), 0));
  assert.equal(run('States.MathAdd(2147483647, -2147483648)'), -1);
});

test('States.MathAdd argument errors', () => {
  assert.match(cause(`States.MathAdd('1', 2)`)!, /first argument must be a number, but was "1"/);
  assert.match(cause('States.MathAdd(1, 2147483648)')!, /second argument must be between -2147483648 and 2147483647/);
});

test('java.util.Random reference values', () => {
  assert.equal(new JavaRandom(42n).nextInt(), -1170105035);
  assert.equal(new JavaRandom(42n).nextInt(10), 0);
  assert.equal(new JavaRandom(0n).nextInt(100), 60);
  const r = new JavaRandom(42n);
  assert.deepEqual([r.nextInt(), r.nextInt()], [-1170105035, 234785527]);
  assert.equal(new JavaRandom(1n).nextInt(), -1155869325);
  assert.equal(new JavaRandom(1n).nextInt(16), 11);
});

test('States.MathRandom with a seed is java.util.Random(seed).nextInt(end - start) + start', () => {
  assert.equal(run('States.MathRandom(0, 10, 42)'), 0);
  assert.equal(run('States.MathRandom(100, 200, 0)'), 160);
  assert.equal(run('States.MathRandom(0, 999, 3)'), run('States.MathRandom(0, 999, 3)'));
});

test('States.MathRandom without a seed draws from env.random in [start, end)', () => {
  assert.equal(run('States.MathRandom(0, 100)'), 25);
  assert.equal(run('States.MathRandom(12.5, 44.51)'), 13 + Math.floor(0.25 * 32));
  const top = evaluateIntrinsic('States.MathRandom(1, 3)', { ...testEnv({}), random: () => 0.9999999999999999 });
  assert.equal(top, 2);
});

test('States.MathRandom argument errors', () => {
  assert.match(cause('States.MathRandom(5, 5)')!, /end \(5\) must be greater than the start \(5\)/);
  assert.match(cause(`States.MathRandom(1, 5, 'x')`)!, /seed \(third argument\) must be a number/);
  assert.match(cause('States.MathRandom(null, 5)')!, /first argument must be a number/);
});
