// Template outputs keep the template's keys in place: the order assignment
// gives, `__proto__` as an ordinary field, one fresh object per evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outputObject } from './output-object.js';
import { evaluateTemplate, type JsonataScope } from './jsonata/jsonata.js';

test('outputObject gives a fresh object each time, with the keys to fill or none', () => {
  const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i]));
  const a = outputObject(many, Object.keys);
  const b = outputObject(many, Object.keys);
  assert.notEqual(a, b);
  assert.deepEqual(Object.keys(a), Object.keys(many));
  a.k0 = 'x';
  assert.equal(b.k0, null);
  assert.deepEqual(outputObject({ a: 1, b: 2 }, Object.keys), {});
});

const scope = (input: unknown): JsonataScope => ({ states: { input }, variables: {}, uuid: () => 'u', random: () => 0.5 });

test('a JSONata template of many fields gives each field its value, in order', () => {
  const template: Record<string, unknown> = {};
  for (let i = 0; i < 16; i++) template[`f${i}`] = `{% $states.input.v[${i}] * 2 %}`;
  template.fixed = [1, { n: '{% $states.input.v[0] %}' }];
  const out = evaluateTemplate(template, 'Output', scope({ v: Array.from({ length: 16 }, (_, i) => i + 0.25) })) as Record<string, unknown>;
  const expected: Record<string, unknown> = {};
  for (let i = 0; i < 16; i++) expected[`f${i}`] = (i + 0.25) * 2;
  expected.fixed = [1, { n: 0.25 }];
  assert.deepEqual(Object.keys(out), Object.keys(expected));
  assert.deepEqual(out, expected);
});

test('a JSONata template\'s "__proto__" field is an ordinary field', () => {
  const template = JSON.parse('{"__proto__": "{% $states.input.p %}", "a": 1}') as Record<string, unknown>;
  const out = evaluateTemplate(template, 'Output', scope({ p: { polluted: true } })) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(JSON.stringify(out), '{"__proto__":{"polluted":true},"a":1}');
  assert.equal((out as { polluted?: boolean }).polluted, undefined);
});
