import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type KeyedList, keyedDelete, keyedGet, keyedSet, keyedValues } from './keyed-list.js';

interface Rec { readonly id: string; readonly n: number }
const key = (r: Rec): string => r.id;

test('a keyed list is the record alone, then an array, then a Map; order and lookups hold throughout', () => {
  let list: KeyedList<Rec> | undefined;
  list = keyedSet(list, { id: 'a', n: 1 }, key);
  assert.deepEqual(list, { id: 'a', n: 1 });
  list = keyedSet(list, { id: 'a', n: 2 }, key);
  assert.equal(keyedGet(list, 'a', key)?.n, 2);
  for (let i = 0; i < 20; i++) list = keyedSet(list, { id: `k${i}`, n: i }, key);
  assert.ok(list instanceof Map);
  assert.deepEqual(keyedValues(list).map((r) => r.id), ['a', ...Array.from({ length: 20 }, (_, i) => `k${i}`)]);
  assert.equal(keyedGet(list, 'k7', key)?.n, 7);
  for (let i = 0; i < 20; i++) list = keyedDelete(list, `k${i}`, key);
  assert.deepEqual(keyedValues(list), [{ id: 'a', n: 2 }]);
  list = keyedDelete(list, 'a', key);
  assert.equal(list, undefined);
});

test('deleting from an array of two leaves the other record alone; unknown ids change nothing', () => {
  let list: KeyedList<Rec> | undefined = keyedSet(keyedSet(undefined, { id: 'a', n: 1 }, key), { id: 'b', n: 2 }, key);
  assert.ok(Array.isArray(list));
  list = keyedDelete(list, 'zz', key);
  assert.equal(keyedValues(list).length, 2);
  list = keyedDelete(list, 'a', key);
  assert.deepEqual(list, { id: 'b', n: 2 });
  assert.equal(keyedGet(list, 'a', key), undefined);
  assert.equal(keyedDelete(list, 'a', key), list);
});
