// queryJsonPath walks Reference Paths (names and single indexes) directly;
// its answers must be those of the token-by-token evaluator (select).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJsonPath, queryJsonPath } from './jsonpath.js';
import { selectAll } from './evaluate.js';

const DOCS: unknown[] = [
  JSON.parse('{"a":{"b":{"c":3}},"arr":[10,[20,21],{"x":1}],"n":null,"k.with.dot":1,"q":"s","__proto__":{"p":1},"s":"text","e":[]}'),
  [1, [2, 3], null],
  null,
  'plain',
  42,
];

const PATHS = [
  '$', '$.a', '$.a.b', '$.a.b.c', '$.a.b.c.d', '$.missing', '$.missing.x',
  '$.arr[0]', '$.arr[-1]', '$.arr[-3]', '$.arr[-4]', '$.arr[3]', '$.arr[1][0]', '$.arr[1][-1]', '$.arr[2].x', '$.arr.x',
  '$.a[0]', '$.n', '$.n.x', '$.n[0]', "$['k.with.dot']", '$["q"]', '$.__proto__', '$.__proto__.p', '$.toString', '$.constructor',
  '$.s[0]', '$.s.length', '$.e[0]', '$.e[-1]', '$[0]', '$[1][1]', '$[-1]', '$[2]', '$[3]',
];

test('a reference path finds what the general evaluator selects, in every document', () => {
  for (const path of PATHS) {
    const compiled = compileJsonPath(path);
    assert.ok(compiled.definite, path);
    for (const doc of DOCS) {
      const matches = compiled.select(doc);
      const expected = matches.length > 0 ? { found: true, value: matches[0] } : { found: false, value: undefined };
      assert.deepEqual(queryJsonPath(path, doc), expected, `${path} on ${JSON.stringify(doc)}`);
    }
  }
});

test('an existing null is found; a missing step is not', () => {
  assert.deepEqual(queryJsonPath('$.n', { n: null }), { found: true, value: null });
  assert.deepEqual(queryJsonPath('$.n.m', { n: null }), { found: false, value: undefined });
  assert.deepEqual(queryJsonPath('$.list[-1]', { list: ['a', 'b'] }), { found: true, value: 'b' });
  assert.deepEqual(queryJsonPath('$.list[*]', { list: ['a', 'b'] }), { found: true, value: ['a', 'b'] });
});

test('a path of names, indexes and wildcards selects what the general evaluator selects, inherited names included', () => {
  const doc = JSON.parse('{"items":[{"id":1,"constructor":"own"},{"id":2,"__proto__":{"x":1}},{"toString":null},[5,6],"s",null],'
    + '"o":{"a":{"id":3},"b":{"valueOf":0}}}');
  const paths = ['$.items[*].id', '$.items[*].constructor', '$.items[*].toString', '$.items[*].__proto__', '$.items[*].hasOwnProperty',
    '$.items[*][0]', '$.items[*][-1]', '$.o.*.id', '$.o.*.valueOf', '$.*.length', '$.items[*].__proto__.x'];
  for (const path of paths) {
    const compiled = compileJsonPath(path) as ReturnType<typeof compileJsonPath> & { parsed: Parameters<typeof selectAll>[0] };
    assert.deepEqual(compiled.select(doc), selectAll(compiled.parsed, doc), path);
  }
});
