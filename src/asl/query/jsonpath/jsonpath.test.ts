import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatesError } from '../../errors/states-error.js';
import { pathTarget } from '../reference.js';
import {
  assignJsonPath, compileJsonPath, isReferencePath, JsonPathSyntaxError, queryJsonPath, RESULT_PATH_CONFLICT_ERROR,
} from './jsonpath.js';
import { selectAll } from './evaluate.js';
import { parsePath } from './path-parser.js';

const q = (path: string, root: unknown) => queryJsonPath(path, root);
const found = (value: unknown) => ({ found: true, value });
const NOT_FOUND = { found: false, value: undefined };

const STORE = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
      { category: 'fiction', author: 'J. R. R. Tolkien', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  expensive: 10,
};
const titles = (v: unknown) => (v as { title: string }[]).map((b) => b.title);

describe('recorded AWS behaviour (conformance cases)', () => {
  const items = { items: Array.from({ length: 11 }, (_, i) => ({ item_key: i })) };

  it('test_json_path_array_access: $.items[0] is the first element', () => {
    assert.deepEqual(q('$.items[0]', items), found({ item_key: 0 }));
  });

  it('test_json_path_array_wildcard_or_slice_with_no_input: indefinite paths on {} give []', () => {
    for (const p of ['$.item.items[1:5].itemValue', '$.item.items[1:5]', '$.item.items[1:]', '$.item.items[*]',
      '$.items[:1].itemValue', '$.items[:1]', '$[*]']) {
      assert.deepEqual(q(p, {}), found([]), p);
    }
  });

  it('test_state_pass_regex_json_path_base: filter on equality', () => {
    const input = { users: [{ year: 1997, status: 0 }, { year: 1998, status: 1 }] };
    assert.deepEqual(q('$.users[?(@.status == 0)]', input), found([{ year: 1997, status: 0 }]));
  });

  it('ESCAPE_SEQUENCES_JSONPATH: a bracket name keeps its backslashes', () => {
    const input = { 'Test\\""Name"': 'Value"\\' };
    assert.deepEqual(q(`$['Test\\""Name"']`, input), found('Value"\\'));
  });

  it('InputPath $.NoSuchInputPath: not found, quoted as $[\'NoSuchInputPath\']', () => {
    assert.deepEqual(q('$.NoSuchInputPath', { a: 1 }), NOT_FOUND);
    assert.equal(compileJsonPath('$.NoSuchInputPath').canonical, "$['NoSuchInputPath']");
    assert.equal(compileJsonPath('$.NoSuchTimeoutSecondsPath').canonical, "$['NoSuchTimeoutSecondsPath']");
  });

  it('test_state_fail_path: ErrorPath / CausePath', () => {
    const input = { Error: 'error string', Cause: 'cause string' };
    assert.deepEqual(q('$.Error', input), found('error string'));
    assert.deepEqual(q('$.Cause', input), found('cause string'));
    assert.deepEqual(q('$.ErrorX', input), NOT_FOUND);
  });

  it('names with "-" and "_", $ and $[0]', () => {
    assert.deepEqual(q('$.sub-values', { 'sub-values': [1, 2] }), found([1, 2]));
    assert.deepEqual(q('$.Execution.Input.input-value', { Execution: { Input: { 'input-value': 1 } } }), found(1));
    assert.deepEqual(q('$.delivery-partner', { 'delivery-partner': 'x' }), found('x'));
    assert.deepEqual(q('$[0]', [['a'], ['b']]), found(['a']));
    assert.deepEqual(q('$', { a: 1 }), found({ a: 1 }));
  });

  it('compiles every JSONPath the recorded definitions use', () => {
    const recorded = [
      '$', '$$', '$$.Execution', '$$.Execution.Input.input-value', '$$.Map.Item.Value.innerJobs', '$$.State.RetryCount',
      '$$.Task.Token', '$.FunctionInput.fst', '$.Item.id.S', '$.body.arg1', '$.delivery-partner', '$.input.waitSeconds',
      '$.item.items[*]', '$.item.items[1:5]', '$.item.items[1:5].itemValue', '$.item.items[1:]', '$.items[0]',
      '$.items[:1]', '$.items[:1].itemValue', '$.result_path.merged', '$.sub-values', '$.users[?(@.status == 0)]',
      `$['Test\\""Name"']`, '$[*]', '$[0]', '$[1]', '$[2]', '$AnswerTemplate', '$Question', '$answer', '$x',
      '$maxItemsPerBatch', '$toleratedFailurePercentage', '$zCurrent',
    ];
    for (const p of recorded) assert.doesNotThrow(() => compileJsonPath(pathTarget(p).path), p);
  });
});

describe('definite paths', () => {
  it('finds an existing null, and not a missing or mistyped step', () => {
    assert.deepEqual(q('$.a', { a: null }), found(null));
    assert.deepEqual(q('$.a.b', { a: null }), NOT_FOUND);
    assert.deepEqual(q('$.a.b', { a: [1] }), NOT_FOUND);
    assert.deepEqual(q('$.a', [1]), NOT_FOUND);
    assert.deepEqual(q('$.a[0]', { a: 'str' }), NOT_FOUND);
    assert.deepEqual(q('$[0]', null), NOT_FOUND);
    assert.deepEqual(q('$', null), found(null));
  });

  it('reads own properties only', () => {
    assert.deepEqual(q('$.constructor', {}), NOT_FOUND);
    assert.deepEqual(q('$.toString', { a: 1 }), NOT_FOUND);
    assert.deepEqual(q("$['__proto__']", JSON.parse('{"__proto__": 5}')), found(5));
  });

  it('indexes from the start and from the end', () => {
    const a = { a: ['x', 'y', 'z'] };
    assert.deepEqual(q('$.a[2]', a), found('z'));
    assert.deepEqual(q('$.a[-1]', a), found('z'));
    assert.deepEqual(q('$.a[-3]', a), found('x'));
    assert.deepEqual(q('$.a[3]', a), NOT_FOUND);
    assert.deepEqual(q('$.a[-4]', a), NOT_FOUND);
    assert.deepEqual(q('$.a[01]', a), found('y'));
    assert.deepEqual(q('$.a[ 1 ]', a), found('y'));
  });

  it('accepts bracket and loose dot-bracket forms', () => {
    const doc = { a: { 'b c': 1, 'd.e': 2, "it's": 3, 'x"y': 4 }, list: [10, 20] };
    assert.deepEqual(q("$['a']['b c']", doc), found(1));
    assert.deepEqual(q('$["a"]["d.e"]', doc), found(2));
    assert.deepEqual(q(`$.a["it's"]`, doc), found(3));
    assert.deepEqual(q(`$.a['x"y']`, doc), found(4));
    assert.deepEqual(q("$.['a'].['b c']", doc), found(1));
    assert.deepEqual(q('$.list.[1]', doc), found(20));
    assert.deepEqual(q('$.[0]', [5]), found(5));
    assert.deepEqual(q("$[ 'a' ][ 'b c' ]", doc), found(1));
    assert.deepEqual(q('$.list[1]', doc), found(20));
    assert.deepEqual(q("$['list'][0]", doc), found(10));
    assert.equal(compileJsonPath('$["a"][0]').canonical, '$["a"][0]');
  });

  it('accepts unicode and punctuation in dot names', () => {
    assert.deepEqual(q('$.ключ.名前', { ключ: { 名前: 'v' } }), found('v'));
    assert.deepEqual(q('$.a$b.c@d', { a$b: { 'c@d': 1 } }), found(1));
    assert.deepEqual(q('$.123', { 123: 'n' }), found('n'));
    assert.deepEqual(q('$.a:b', { 'a:b': 1 }), found(1));
  });

  it('merges a final name list into one object (Jayway), skipping missing names', () => {
    const doc = { a: 1, b: null, c: 3 };
    const p = compileJsonPath("$['a','b','x']");
    assert.equal(p.definite, true);
    assert.deepEqual(q("$['a','b','x']", doc), found({ a: 1, b: null }));
    assert.deepEqual(q("$['c', 'a']", doc), found({ c: 3, a: 1 }));
  });

  it('trims surrounding blanks', () => {
    assert.deepEqual(q('  $.a  ', { a: 1 }), found(1));
  });
});

describe('indefinite paths', () => {
  it('wildcards over object values and array elements', () => {
    assert.deepEqual(q('$.*', { a: 1, b: [2] }), found([1, [2]]));
    assert.deepEqual(q('$[*]', [1, 2]), found([1, 2]));
    assert.deepEqual(q('$.a.*', { a: 'str' }), found([]));
    assert.deepEqual(q('$.store.book[*].author', STORE).value, ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']);
    assert.deepEqual(q('$.*.a', [{ a: 1 }, { b: 2 }, { a: 3 }]), found([1, 3]));
    assert.deepEqual(q('$[ * ]', [1]), found([1]));
  });

  it('slices as Jayway does', () => {
    const doc = { a: [0, 1, 2, 3, 4] };
    const s = (p: string) => q(p, doc).value;
    assert.deepEqual(s('$.a[1:3]'), [1, 2]);
    assert.deepEqual(s('$.a[:2]'), [0, 1]);
    assert.deepEqual(s('$.a[-2:]'), [3, 4]);
    assert.deepEqual(s('$.a[2:]'), [2, 3, 4]);
    assert.deepEqual(s('$.a[:-1]'), [0, 1, 2, 3]);
    assert.deepEqual(s('$.a[3:100]'), [3, 4]);
    assert.deepEqual(s('$.a[10:]'), []);
    assert.deepEqual(s('$.a[-10:]'), [0, 1, 2, 3, 4]);
    assert.deepEqual(s('$.a[3:1]'), []);
    // [from:to] reads negative indexes from the end without normalising the range
    assert.deepEqual(s('$.a[-2:2]'), [3, 4, 0, 1]);
    assert.deepEqual(s('$.a[1:-1]'), []);
    // a third (step) part is ignored
    assert.deepEqual(s('$.a[0:4:2]'), [0, 1, 2, 3]);
    assert.deepEqual(q('$.a[1:3]', { a: 'xyz' }), found([]));
    assert.equal(compileJsonPath('$.a[1:3]').definite, false);
  });

  it('lists several indexes or names', () => {
    assert.deepEqual(q('$[0,2]', ['a', 'b', 'c']), found(['a', 'c']));
    assert.deepEqual(q('$[2, 0, 9]', ['a', 'b', 'c']), found(['c', 'a']));
    assert.deepEqual(q("$['a','b'].x", { a: { x: 1 }, b: { y: 2 } }), found([1]));
    assert.equal(compileJsonPath("$['a','b'].x").definite, false);
  });

  it('scans deeply in Jayway order', () => {
    assert.deepEqual(q('$..author', STORE).value, ['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']);
    assert.deepEqual(q('$.store..price', STORE).value, [8.95, 12.99, 8.99, 22.99, 19.95]);
    assert.deepEqual(titles(q('$..book[2]', STORE).value), ['Moby Dick']);
    assert.deepEqual(titles(q('$..book[-1]', STORE).value), ['The Lord of the Rings']);
    assert.deepEqual(titles(q('$..book[:2]', STORE).value), ['Sayings of the Century', 'Sword of Honour']);
    assert.deepEqual(q("$..['color']", STORE), found(['red']));
    assert.deepEqual(q('$..*', { a: { b: 1 }, c: [2, 3] }), found([{ b: 1 }, [2, 3], 1, 2, 3]));
    assert.deepEqual(q('$..x', { x: 1, y: { x: 2, z: [{ x: 3 }] } }), found([1, 2, 3]));
    assert.deepEqual(q('$..[0]', { a: [1, [2]], b: { c: [3] } }), found([1, 2, 3]));
    assert.deepEqual(q('$..nothing', STORE), found([]));
    // after `..`, an array step followed by more steps reads them from every element (Jayway)
    assert.deepEqual(q('$..[0].n', { a: [{ n: 1 }, { n: 2 }] }), found([1, 2]));
  });

  it('filters objects by themselves', () => {
    assert.deepEqual(q('$.a[?(@.x == 1)]', { a: { x: 1 } }), found([{ x: 1 }]));
    assert.deepEqual(q('$.a[?(@.x == 2)]', { a: { x: 1 } }), found([]));
    assert.deepEqual(q('$.a[?(@.x)]', { a: 5 }), found([]));
  });
});

describe('functions', () => {
  it('length(), size() and aggregations at the end of a path', () => {
    assert.deepEqual(q('$.store.book.length()', STORE), found(4));
    assert.deepEqual(q('$.store.bicycle.length()', STORE), found(2));
    assert.deepEqual(q('$.store.bicycle.color.length()', STORE), found(null));
    assert.deepEqual(q('$.n.size()', { n: [1, 2, 3] }), found(3));
    assert.deepEqual(q('$.n.sum()', { n: [1, 2, 'x', 3] }), found(6));
    assert.deepEqual(q('$.n.min()', { n: [4, 2, 8] }), found(2));
    assert.deepEqual(q('$.n.max()', { n: [4, 2, 8] }), found(8));
    assert.deepEqual(q('$.n.avg()', { n: [4, 2, 9] }), found(5));
    assert.deepEqual(q('$.n.stddev()', { n: [2, 4, 4, 4, 5, 5, 7, 9] }), found(2));
    assert.deepEqual(q('$.o.keys()', { o: { a: 1, b: 2 } }), found(['a', 'b']));
    assert.deepEqual(q('$.n.first()', { n: [7, 8] }), found(7));
    assert.deepEqual(q('$.n.last()', { n: [7, 8] }), found(8));
    assert.deepEqual(q('$.n.sum()', { n: [] }), NOT_FOUND);
    assert.deepEqual(q('$.books[*].length()', { books: [[1], [1, 2]] }), found([1, 2]));
    const big = Array.from({ length: 200_000 }, (_, i) => i);
    assert.deepEqual(q('$.n.max()', { n: big }), found(199_999));
    assert.deepEqual(q('$.n.min()', { n: big }), found(0));
  });

  it('applies a function after a leading scan to all its matches', () => {
    assert.deepEqual(q('$..book.length()', STORE), found(4));
    assert.deepEqual(q('$..price.sum()', STORE), found(8.95 + 12.99 + 8.99 + 22.99 + 19.95));
    assert.deepEqual(q('$..price.max()', STORE), found(22.99));
    assert.equal(compileJsonPath('$..price.sum()').definite, true);
  });
});

describe('syntax', () => {
  const bad = [
    '', 'a.b', '$a.b'.replace('$a', '$ a'), '$.', '$..', '$.a.', '$...a', '$.a b', '$[', "$['a", "$['a'", "$['a',]",
    "$['a' 'b']", '$[a]', '$[1:2', '$[:]', '$[::2]', '$[1 :2]', '$[*', '$[* 1]', '$.a[?(@.x == )]', '$.a[?(@.x ==', '$[?(@.a',
    '$.a[?(@.x == 1 &&)]', '$.a[?(@.x =! 1)]', '$.a[?(@.x === "a)]', '$.nope()', '$.sum(1)', '$.length().a', '$..length()',
    '$.a[?(true)]', '$[99999999999]', '$.a[?(@.x =~ /[/)]', '$.a[?(@.x == {a:)]',
  ];
  for (const p of bad) {
    it(`rejects ${JSON.stringify(p)}`, () => {
      assert.throws(() => compileJsonPath(p), (e: unknown) => e instanceof JsonPathSyntaxError && e.path === p && e.reason.length > 0);
    });
  }

  it('says what is wrong', () => {
    assert.throws(() => compileJsonPath('$.a b'), /Use bracket notion \['my prop'\]/);
    assert.throws(() => compileJsonPath('x'), /Path must start with '\$'/);
    assert.throws(() => compileJsonPath('$.'), /must not end with a '\.'/);
    assert.throws(() => compileJsonPath('$.a[?(@.x <> 1)]'), /Could not compile inline filter \[\?\(@\.x <> 1\)\]/);
  });

  it('caches compiled paths, within a bound', () => {
    assert.equal(compileJsonPath('$.cached.path'), compileJsonPath('$.cached.path'));
    for (let i = 0; i < 1500; i++) compileJsonPath(`$.many[${i}]`);
    assert.deepEqual(q('$.many[3]', { many: [0, 1, 2, 3] }), found(3));
  });

  it('classifies definite paths', () => {
    const definite = ['$', '$.a', '$.a[0]', "$['a'][-1].b", "$['a','b']", '$.a.length()'];
    const indefinite = ['$.*', '$[*]', '$..a', '$[0,1]', '$[1:]', '$[?(@.a)]', "$['a','b'].c", '$.a[*].length()'];
    for (const p of definite) assert.equal(compileJsonPath(p).definite, true, p);
    for (const p of indefinite) assert.equal(compileJsonPath(p).definite, false, p);
  });

  it('renders paths as Jayway does', () => {
    const c = (p: string) => compileJsonPath(p).canonical;
    assert.equal(c('$.a.b[0]'), "$['a']['b'][0]");
    assert.equal(c("$..['a','b'][*]"), "$..['a','b'][*]");
    assert.equal(c('$.a[1:][:2][?(@.x)].length()'), "$['a'][1:][:2][?].length()");
    assert.equal(c('$'), '$');
  });
});

describe('isReferencePath', () => {
  it('accepts names and single indexes only', () => {
    for (const p of ['$', '$.a', '$.a.b', '$.a[0]', "$['a b'].c", '$.a[-1]']) assert.equal(isReferencePath(p), true, p);
    for (const p of ['$.*', '$..a', '$.a[*]', '$.a[0,1]', '$.a[1:]', "$['a','b']", '$.a[?(@.b)]', '$.a.length()', 'a', '$.', '$$.a']) {
      assert.equal(isReferencePath(p), false, p);
    }
  });
});

describe('assignJsonPath (ResultPath)', () => {
  it('replaces the root with $', () => {
    assert.deepEqual(assignJsonPath({ a: 1 }, '$', 'r'), 'r');
  });

  it('sets a field, creating objects on the way, without touching the input', () => {
    const input = { a: 1, keep: { x: [1] }, n: { m: 1 } };
    const snapshot = structuredClone(input);
    const out = assignJsonPath(input, '$.n.deep.er', 'v') as typeof input & { n: { deep: { er: string } } };
    assert.deepEqual(out, { a: 1, keep: { x: [1] }, n: { m: 1, deep: { er: 'v' } } });
    assert.deepEqual(input, snapshot);
    assert.equal(out.keep, input.keep);
    assert.notEqual(out.n, input.n);
  });

  it('replaces an existing field in place and keeps key order', () => {
    const out = assignJsonPath({ a: 1, b: 2, c: 3 }, '$.b', { r: true });
    assert.deepEqual(Object.keys(out as object), ['a', 'b', 'c']);
    assert.deepEqual(out, { a: 1, b: { r: true }, c: 3 });
    assert.deepEqual(assignJsonPath({}, "$['x y']", 1), { 'x y': 1 });
  });

  it('replaces an existing array element', () => {
    const input = { a: [{ x: 1 }, { x: 2 }] };
    assert.deepEqual(assignJsonPath(input, '$.a[1]', 'r'), { a: [{ x: 1 }, 'r'] });
    assert.deepEqual(assignJsonPath(input, '$.a[0].y', 'r'), { a: [{ x: 1, y: 'r' }, { x: 2 }] });
    assert.deepEqual(assignJsonPath(input, '$.a[-1]', 'r'), { a: [{ x: 1 }, 'r'] });
    assert.deepEqual(input, { a: [{ x: 1 }, { x: 2 }] });
  });

  it('sets "__proto__" as a plain field', () => {
    const out = assignJsonPath({}, "$['__proto__']", 1) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.keys(out), ['__proto__']);
  });

  const conflict = (root: unknown, path: string, cause: string) => {
    assert.throws(() => assignJsonPath(root, path, 1), (e: unknown) =>
      e instanceof StatesError && e.error === RESULT_PATH_CONFLICT_ERROR && e.cause === cause);
  };

  it('raises States.ReferencePathConflict where a step meets a non-object', () => {
    assert.equal(RESULT_PATH_CONFLICT_ERROR, 'States.ReferencePathConflict');
    conflict('input1', '$.someTaskResult', 'Unable to apply step "someTaskResult" to input "input1"');
    conflict([1, 2], '$.aggregatedResult', 'Unable to apply step "aggregatedResult" to input [1,2]');
    conflict({ a: 'x' }, '$.a.b', 'Unable to apply step "b" to input {"a":"x"}');
    conflict({ a: null }, '$.a.b', 'Unable to apply step "b" to input {"a":null}');
    conflict(null, '$.a', 'Unable to apply step "a" to input null');
    conflict({ a: { b: 1 } }, '$.a[0]', 'Unable to apply step "0" to input {"a":{"b":1}}');
    conflict({ a: [1] }, '$.a[3]', 'Unable to apply step "3" to input {"a":[1]}');
    conflict({}, '$.a[0]', 'Unable to apply step "0" to input {}');
  });

  it('rejects a path that is not a Reference Path', () => {
    assert.throws(() => assignJsonPath({}, '$.a[*]', 1), JsonPathSyntaxError);
    assert.throws(() => assignJsonPath({}, '$..a', 1), JsonPathSyntaxError);
  });
});

describe('lists of numbers', () => {
  it('a selection of numbers gives the same numbers in order, integers and fractions alike', () => {
    const doc = { items: Array.from({ length: 20 }, (_, i) => ({ score: i % 3 === 0 ? i : i / 8, id: `i${i}` })) };
    assert.deepEqual(queryJsonPath('$.items[*].score', doc), { found: true, value: doc.items.map((x) => x.score) });
    // a list with anything else in it is left as selected
    const mixed = { items: [...doc.items, { score: 'n/a' }] };
    assert.deepEqual(queryJsonPath('$.items[*].score', mixed).value, [...doc.items.map((x) => x.score), 'n/a']);
    const list = queryJsonPath('$.items[*].score', doc).value as number[];
    list.push(99);
    assert.equal(list.length, 21);
  });
});

describe('paths of names, single indexes and wildcards', () => {
  // walked a step at a time (selectSpread); the general recursive walk is the yardstick
  const holey: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const docs: unknown[] = [
    STORE,
    { a: [{ b: [1, 2] }, { b: [] }, { c: 1 }, 5, null, [{ b: [3] }]], '7': { b: [4] }, x: { y: { b: [5, 6] } } },
    { a: holey, b: { '2': 'two', '10': 'ten', z: 'zed' } },
    { a: [holey, { k: 1, j: [2] }, holey, 'text', { k: 3 }] },
    [[1, [2, 3]], { a: 1 }, 'text', 4.5],
    null,
    'scalar',
  ];
  const paths = [
    '$.store.book[*].author', '$.store.*', '$.store.*.price', '$.store.book[*]', '$.store.book[-1].*', '$..price',
    '$.a[*].b', '$.a[*].b[*]', '$.a[*].b[0]', '$.a[*][*].b', '$.*.b', '$.*.*', '$[*]', '$[*][1]', '$[*][-1][*]',
    '$.a[*]', '$.b.*', '$.x.*.b[*]', '$.missing[*].b', '$[*].a', '$.a[5][*].b', '$.a[*][*]', '$.a[*].*', '$.a[*].*[0]',
    '$.a[*].k', '$.a[*][-1]',
  ];
  it('select what the general walk selects, in the same order', () => {
    for (const doc of docs) {
      for (const p of paths) {
        const before = structuredClone(doc);
        assert.deepEqual(compileJsonPath(p).select(doc), selectAll(parsePath(p), doc), `${p} on ${JSON.stringify(doc)}`);
        // the lists a walk narrows in place are its own, never the document's arrays
        assert.deepEqual(doc, before, `${p} left ${JSON.stringify(doc)} as it found it`);
      }
    }
  });
  it('reach through holes, objects and arrays as Jayway does', () => {
    assert.deepEqual(q('$.a[*]', { a: holey }), found([1, 3]));
    assert.deepEqual(q('$.b.*', { b: { '2': 'two', '10': 'ten', z: 'zed' } }), found(['two', 'ten', 'zed']));
    assert.deepEqual(q('$.a[*].b[*]', docs[1]), found([1, 2]));
    assert.deepEqual(q('$.nothing[*]', {}), found([]));
  });
});
