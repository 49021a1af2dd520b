import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, median, percentile, spread } from './stats.js';

test('percentile takes the nearest rank', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 50), 50);
  assert.equal(percentile(xs, 99), 99);
  assert.equal(percentile(xs, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('spread sorts numerically, not as strings', () => {
  assert.deepEqual(spread([10, 9, 100, 1]), { p50: 9, p99: 100, max: 100 });
  assert.equal(median([3, 20, 100]), 20);
});

test('formatNumber keeps three significant digits', () => {
  assert.equal(formatNumber(212_345), '212k');
  assert.equal(formatNumber(12_345), '12.3k');
  assert.equal(formatNumber(1234), '1234');
  assert.equal(formatNumber(3.14159), '3.14');
  assert.equal(formatNumber(0.01234), '0.012');
  assert.equal(formatNumber(undefined), '—');
});
