// Tags over the wire: state machines and activities, duplicates, untagging,
// the 50-tag limit and unknown resources.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStateMachineCommand, CreateActivityCommand, TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand,
  DeleteStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { awsError, openWire, roleArn, type Wire } from './client.js';

let w: Wire;
before(async () => { w = await openWire(); });
after(() => w.close());

const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

test('tags of a state machine: add (a repeated key keeps one), remove, list', async () => {
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'tagged', definition, roleArn, tags: [{ key: 'team', value: 'ml' }] }));
  await w.sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'env', value: 'dev' }, { key: 'env', value: 'dev' }] }));
  await w.sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: [] }));
  assert.deepEqual((await w.sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags,
    [{ key: 'team', value: 'ml' }, { key: 'env', value: 'dev' }]);
  await w.sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: [] }));
  await w.sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ['team', 'absent'] }));
  assert.deepEqual((await w.sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags, [{ key: 'env', value: 'dev' }]);
  const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  await assert.rejects(w.sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: many })), awsError('TooManyTags'));
  await w.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  await assert.rejects(w.sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn })), awsError('ResourceNotFound'));
});

test('tags of an activity; unknown and invalid resources', async () => {
  const { activityArn } = await w.sfn.send(new CreateActivityCommand({ name: 'tagged-activity', tags: [{ key: 'a', value: '1' }] }));
  await w.sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: 'b', value: '2' }] }));
  assert.deepEqual((await w.sfn.send(new ListTagsForResourceCommand({ resourceArn: activityArn }))).tags, [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
  await assert.rejects(w.sfn.send(new TagResourceCommand({ resourceArn: `${activityArn}-nope`, tags: [{ key: 'x', value: 'y' }] })),
    awsError('ResourceNotFound', `Resource not found: '${activityArn}-nope'`));
  await assert.rejects(w.sfn.send(new ListTagsForResourceCommand({ resourceArn: 'not-an-arn' })), awsError('InvalidArn'));
  await assert.rejects(w.sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: '', value: 'y' }] })), awsError('ValidationException'));
});
