import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateIntrinsic } from './evaluate.js';
import { statesErrorOf, testEnv } from './test-env.js';

const env = testEnv({
  escaped: '{"foo": "bar", "n": [1, -0, 2.5]}',
  blank: '  ',
  bad: '{"foo": }',
  obj: { Arg1: 1, Arg2: [], s: 'a"b\\c\u0001\n' },
  a: { x: { x1: 1 }, y: 1 },
  b: { x: { x2: 2 }, z: 3 },
  n: 1,
});
const run = (text: string) => evaluateIntrinsic(text, env);
const cause = (text: string) => statesErrorOf(() => run(text)).cause;

test('States.StringToJson', () => {
  assert.deepEqual(run('States.StringToJson($.escaped)'), { foo: 'bar', n: [1, 0, 2.5] });
  assert.ok(Object.is((run('States.StringToJson($.escaped)') as { n: number[] }).n[1], 0));
  assert.equal(run('States.StringToJson($.blank)'), null);
  assert.equal(run(`States.StringToJson('')`), null);
  assert.equal(run(`States.StringToJson('null')`), null);
  assert.ok(Object.is(run(`States.StringToJson('-0')`), 0));
  assert.equal(run(`States.StringToJson('"HelloWorld"')`), 'HelloWorld');
  assert.equal(run(`States.StringToJson(' true ')`), true);
});

test('States.StringToJson of invalid JSON or a non-string fails', () => {
  const e = statesErrorOf(() => run('States.StringToJson($.bad)'));
  assert.equal(e.error, 'States.Runtime');
  assert.equal(e.cause, 'Invalid arguments in States.StringToJson: the argument is not a valid JSON text');
  assert.match(cause('States.StringToJson($.n)')!, /must be a string, but was number/);
});

test('States.JsonToString is compact JSON', () => {
  assert.equal(run('States.JsonToString($.obj)'), '{"Arg1":1,"Arg2":[],"s":"a\\"b\\\\c\\u0001\\n"}');
  assert.equal(run('States.JsonToString($.n)'), '1');
  assert.equal(run(`States.JsonToString('HelloWorld')`), '"HelloWorld"');
  assert.equal(run('States.JsonToString(null)'), 'null');
  assert.equal(run('States.JsonToString(1.1)'), '1.1');
  assert.equal(run(`States.JsonToString('\\\\u0001')`), '"\\\\u0001"');
});

test('States.JsonMerge is shallow; the second object wins', () => {
  assert.deepEqual(run('States.JsonMerge($.a, $.b, false)'), { x: { x2: 2 }, y: 1, z: 3 });
  assert.match(cause('States.JsonMerge($.a, $.b, true)')!, /only shallow merging is supported/);
  assert.match(cause(`States.JsonMerge($.a, $.b, 'false')`)!, /third argument must be a boolean/);
  assert.match(cause('States.JsonMerge($.n, $.b, false)')!, /first argument must be a JSON object, but was number/);
  assert.match(cause('States.JsonMerge($.a, States.Array(), false)')!, /second argument must be a JSON object, but was array/);
});
