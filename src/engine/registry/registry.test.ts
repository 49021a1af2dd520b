import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from './index.js';
import type { StateMachineRecord } from '../../store/store.js';

const sm = (revisionId: string): StateMachineRecord => ({
  arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', name: 'm', type: 'STANDARD', definition: '{}', roleArn: 'r',
  creationDate: 0, revisionId, status: 'ACTIVE',
});

test('versions: a revision is published once; numbers are never reused', () => {
  const r = new Registry();
  assert.equal(r.versions.publish(sm('r1'), 'first', 1).version, 1);
  assert.equal(r.versions.publish(sm('r1'), undefined, 2).version, 1);
  assert.equal(r.versions.publish(sm('r2'), undefined, 3).version, 2);
  r.versions.delete(`${sm('r2').arn}:2`);
  assert.equal(r.versions.publish(sm('r2'), undefined, 4).version, 3);
  assert.deepEqual(r.versions.list(sm('r1').arn).map((v) => v.version), [3, 1]);
  assert.equal(r.versions.get(`${sm('r1').arn}:1`)?.description, 'first');
});

test('aliases route by weight', () => {
  const r = new Registry();
  const alias = {
    arn: 'a', stateMachineArn: 'm', name: 'a', creationDate: 0, updateDate: 0,
    routingConfiguration: [{ stateMachineVersionArn: 'v1', weight: 30 }, { stateMachineVersionArn: 'v2', weight: 70 }],
  };
  assert.equal(r.aliases.route(alias, 0), 'v1');
  assert.equal(r.aliases.route(alias, 0.299), 'v1');
  assert.equal(r.aliases.route(alias, 0.3), 'v2');
  assert.equal(r.aliases.route(alias, 0.999), 'v2');
});

test('tags keep the first position of a key and count what adding would make', () => {
  const r = new Registry();
  r.tags.add('x', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
  r.tags.add('x', [{ key: 'a', value: '3' }]);
  assert.deepEqual(r.tags.list('x'), [{ key: 'a', value: '3' }, { key: 'b', value: '2' }]);
  assert.equal(r.tags.countAfter('x', [{ key: 'a', value: '' }, { key: 'c', value: '' }]), 3);
  r.tags.remove('x', ['a']);
  assert.deepEqual(r.tags.list('x'), [{ key: 'b', value: '2' }]);
});
