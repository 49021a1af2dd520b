import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateIntrinsic } from './evaluate.js';
import { statesErrorOf, testEnv } from './test-env.js';

const env = testEnv({
  name: 'Arnav',
  template: 'Hello, my name is {}.',
  obj: { Arg1: 1, Arg2: [], nested: { x: null, y: 'z' } },
  list: [1, 'two', true, null, 1.5],
  csv: 'a,b,,c',
  n: 3,
});
const run = (text: string) => evaluateIntrinsic(text, env);

test('States.Format with a literal or a path template', () => {
  assert.equal(run(`States.Format('Hello, my name is {}.', $.name)`), 'Hello, my name is Arnav.');
  assert.equal(run('States.Format($.template, $.name)'), 'Hello, my name is Arnav.');
  assert.equal(run(`States.Format('no placeholders')`), 'no placeholders');
  assert.equal(run(`States.Format('{}{}', 'a', 'b')`), 'ab');
});

test('States.Format renders values as AWS (Java) does', () => {
  assert.equal(run(`States.Format('{}', $.obj)`), '{Arg1=1, Arg2=[], nested={x=null, y=z}}');
  assert.equal(run(`States.Format('{}', $.list)`), '[1, two, true, null, 1.5]');
  assert.equal(run(`States.Format('{} {} {}', null, true, -2.5)`), 'null true -2.5');
  assert.equal(run(`States.Format('{}', States.Array(1, 2))`), '[1, 2]');
});

test('States.Format escapes: \\{ \\} are braces, not placeholders; \\\' and \\\\', () => {
  assert.equal(run(String.raw`States.Format('\{\} {} it\'s a\\b', $.n)`), String.raw`{} 3 it's a\b`);
  assert.equal(run(String.raw`States.Format('\{{}\}', $.n)`), '{3}');
  assert.equal(run(`States.Format('{ } {}', $.n)`), '{ } 3');
});

test('States.Format argument count must match the placeholders', () => {
  const few = statesErrorOf(() => run(`States.Format('{} and {}', $.name)`));
  assert.equal(few.error, 'States.Runtime');
  assert.equal(
    few.cause,
    'Invalid arguments in States.Format: the number of arguments (1) does not match the number of placeholders {} in the template (2)',
  );
  assert.match(statesErrorOf(() => run(`States.Format('{}', 1, 2)`)).cause!, /\(2\) does not match .* \(1\)/);
});

test('States.Format needs a string template at run time', () => {
  assert.match(statesErrorOf(() => run('States.Format($.n)')).cause!, /template \(first argument\) must be a string, but was number/);
});

test('States.StringSplit splits on each delimiter character and drops empty pieces', () => {
  assert.deepEqual(run(`States.StringSplit($.csv, ',')`), ['a', 'b', 'c']);
  assert.deepEqual(run(`States.StringSplit('This.is+a,test=string', '.+,=')`), ['This', 'is', 'a', 'test', 'string']);
  assert.deepEqual(run(`States.StringSplit(',,,,', ',')`), []);
  assert.deepEqual(run(`States.StringSplit('', ',')`), []);
  assert.deepEqual(run(`States.StringSplit('abc', '')`), ['abc']);
  assert.deepEqual(run(`States.StringSplit('a😀b', '😀')`), ['a', 'b']);
  assert.deepEqual(run(`States.StringSplit(' , ', ',')`), [' ', ' ']);
});

test('States.StringSplit needs strings', () => {
  assert.match(statesErrorOf(() => run(`States.StringSplit($.n, ',')`)).cause!, /first argument must be a string, but was number/);
  assert.match(statesErrorOf(() => run(`States.StringSplit('a', 1)`)).cause!, /second argument must be a string, but was number/);
});
