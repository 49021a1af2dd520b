import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntrinsicSyntaxError } from './errors.js';
import { tokenize } from './lexer.js';

const kinds = (text: string) => tokenize(text).map((t) => t.kind);

test('tokens of a call with every argument kind', () => {
  assert.deepEqual(kinds(`States.Array('a', -1.5e2, true, false, null, $.a[0], $$.Execution.Id, $v.x, $)`), [
    'function', '(', 'string', ',', 'number', ',', 'literal', ',', 'literal', ',', 'literal', ',',
    'path', ',', 'path', ',', 'path', ',', 'path', ')', 'end',
  ]);
});

test('numbers', () => {
  const values = tokenize('0 -1 2.5 -0.25 1e3 7E-2').flatMap((t) => (t.kind === 'number' ? [t.value] : []));
  assert.deepEqual(values, [0, -1, 2.5, -0.25, 1000, 0.07]);
});

test('string escapes: \\\' \\{ \\} \\\\ keep the raw text too', () => {
  const [t] = tokenize(String.raw`'it\'s \{x\} a\\b'`);
  assert.equal(t!.kind, 'string');
  if (t!.kind !== 'string') return;
  assert.equal(t.value, "it's {x} a\\b");
  assert.equal(t.raw, String.raw`it\'s \{x\} a\\b`);
});

test('unescaped braces and raw newlines are ordinary characters in a literal', () => {
  const [t] = tokenize(`'{"k": "v"}\n'`);
  assert.equal(t!.kind === 'string' && t.value, '{"k": "v"}\n');
});

test('any other escape is a syntax error', () => {
  assert.throws(() => tokenize(String.raw`'say \"hi\"'`), IntrinsicSyntaxError);
  assert.throws(() => tokenize(String.raw`'\n'`), IntrinsicSyntaxError);
  assert.throws(() => tokenize(`'trailing \\`), IntrinsicSyntaxError);
});

test('paths run to the next comma, parenthesis or blank outside brackets', () => {
  const paths = tokenize(`($['a, b'].c, $.x[?(@.y == 1)])`).flatMap((t) => (t.kind === 'path' ? [t.path] : []));
  assert.deepEqual(paths, [`$['a, b'].c`, '$.x[?(@.y == 1)]']);
});

test('unterminated strings and stray characters are syntax errors', () => {
  assert.throws(() => tokenize(`'abc`), /Unterminated string/);
  assert.throws(() => tokenize('States.Array(#)'), /Unexpected character '#'/);
  assert.throws(() => tokenize('States.Array(foo)'), /Unexpected 'foo'/);
});
