// Versions and aliases over the wire: publishing (idempotent, numbers never
// reused), aliases with weighted routing, executions started on a version or
// an alias and listed by them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStateMachineCommand, UpdateStateMachineCommand, PublishStateMachineVersionCommand, ListStateMachineVersionsCommand,
  DeleteStateMachineVersionCommand, DescribeStateMachineCommand, CreateStateMachineAliasCommand, DescribeStateMachineAliasCommand,
  UpdateStateMachineAliasCommand, ListStateMachineAliasesCommand, DeleteStateMachineAliasCommand, StartExecutionCommand,
  ListExecutionsCommand, DescribeExecutionCommand, DeleteStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { awsError, finished, openWire, roleArn, type Wire } from './client.js';

let w: Wire;
before(async () => { w = await openWire(); });
after(() => w.close());

const passing = (result: unknown): string => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

test('versions: publish on create and update, idempotent publish, numbers never reused, describe a version', async () => {
  const created = await w.sfn.send(new CreateStateMachineCommand({ name: 'versioned', definition: passing('v1'), roleArn, publish: true, versionDescription: 'first' }));
  const { stateMachineArn } = created;
  assert.equal(created.stateMachineVersionArn, `${stateMachineArn}:1`);
  assert.equal((await w.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }))).stateMachineVersionArn, `${stateMachineArn}:1`);
  const upd = await w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: passing('v2'), publish: true }));
  assert.equal(upd.stateMachineVersionArn, `${stateMachineArn}:2`);
  await w.sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${stateMachineArn}:2` }));
  await w.sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${stateMachineArn}:2` }));
  const again = await w.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, description: 'third' }));
  assert.equal(again.stateMachineVersionArn, `${stateMachineArn}:3`);
  const { stateMachineVersions } = await w.sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }));
  assert.deepEqual(stateMachineVersions!.map((v) => v.stateMachineVersionArn), [`${stateMachineArn}:3`, `${stateMachineArn}:1`]);
  const v1 = await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${stateMachineArn}:1` }));
  assert.equal(v1.stateMachineArn, `${stateMachineArn}:1`);
  assert.equal(v1.definition, passing('v1'));
  assert.equal(v1.description, 'first');
  await assert.rejects(w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${stateMachineArn}:2` })), awsError('StateMachineDoesNotExist'));
  await assert.rejects(w.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, revisionId: 'stale' })), awsError('ConflictException'));
  await assert.rejects(w.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: 'invalid_arn' })), awsError('InvalidArn'));
});

test('aliases: weighted routing between two versions; executions run, and list, by version and alias', async () => {
  const { stateMachineArn, stateMachineVersionArn: v1 } = await w.sfn.send(new CreateStateMachineCommand({
    name: 'aliased', definition: passing('one'), roleArn, publish: true,
  }));
  const { stateMachineVersionArn: v2 } = await w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: passing('two'), publish: true }));
  const { stateMachineAliasArn } = await w.sfn.send(new CreateStateMachineAliasCommand({
    name: 'live', description: 'canary', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
  }));
  assert.equal(stateMachineAliasArn, `${stateMachineArn}:live`);
  const onAlias = await w.sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineAliasArn }));
  const d = await finished(w, onAlias.executionArn!);
  assert.equal(d.output, '"one"');
  assert.equal(d.stateMachineAliasArn, stateMachineAliasArn);
  assert.equal(d.stateMachineVersionArn, v1);
  assert.equal(d.stateMachineArn, stateMachineArn);

  await w.sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn, routingConfiguration: [{ stateMachineVersionArn: v1, weight: 0 }, { stateMachineVersionArn: v2, weight: 100 }] }));
  const described = await w.sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }));
  assert.equal(described.name, 'live');
  assert.equal(described.description, 'canary');
  assert.deepEqual(described.routingConfiguration, [{ stateMachineVersionArn: v1, weight: 0 }, { stateMachineVersionArn: v2, weight: 100 }]);
  const onTwo = await w.sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineAliasArn }));
  assert.equal((await finished(w, onTwo.executionArn!)).output, '"two"');
  const onVersion = await w.sfn.send(new StartExecutionCommand({ stateMachineArn: v1 }));
  assert.equal((await finished(w, onVersion.executionArn!)).output, '"one"');

  const byAlias = await w.sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineAliasArn }));
  assert.deepEqual(byAlias.executions!.map((e) => e.executionArn).sort(), [onAlias.executionArn, onTwo.executionArn].sort());
  const byV1 = await w.sfn.send(new ListExecutionsCommand({ stateMachineArn: v1 }));
  assert.deepEqual(byV1.executions!.map((e) => e.executionArn).sort(), [onAlias.executionArn, onVersion.executionArn].sort());
  const all = await w.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
  assert.equal(all.executions!.length, 3);

  const listed = await w.sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn }));
  assert.deepEqual(listed.stateMachineAliases!.map((a) => a.stateMachineAliasArn), [stateMachineAliasArn]);
  await assert.rejects(w.sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2 })), awsError('ConflictException'));
  await w.sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn }));
  await w.sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn }));
  await assert.rejects(w.sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn })), awsError('ResourceNotFound', 'Request references a resource that does not exist.'));
  await assert.rejects(w.sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn, description: 'x' })), awsError('ResourceNotFound'));
  // the execution's record survives; its version stays named
  assert.equal((await w.sfn.send(new DescribeExecutionCommand({ executionArn: onVersion.executionArn }))).stateMachineVersionArn, v1);
});

test('an alias splits executions by weight', async () => {
  const { stateMachineArn, stateMachineVersionArn: v1 } = await w.sfn.send(new CreateStateMachineCommand({ name: 'split', definition: passing('a'), roleArn, publish: true }));
  const { stateMachineVersionArn: v2 } = await w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: passing('b'), publish: true }));
  const { stateMachineAliasArn } = await w.sfn.send(new CreateStateMachineAliasCommand({
    name: 'half', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 50 }, { stateMachineVersionArn: v2, weight: 50 }],
  }));
  const versions = new Set<string>();
  for (let i = 0; i < 40 && versions.size < 2; i++) {
    const { executionArn } = await w.sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineAliasArn }));
    versions.add((await w.sfn.send(new DescribeExecutionCommand({ executionArn }))).stateMachineVersionArn!);
  }
  assert.deepEqual([...versions].sort(), [v1, v2].sort());
});

test('alias requests are checked as AWS checks them', async () => {
  const { stateMachineArn, stateMachineVersionArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'alias-checks', definition: passing(1), roleArn, publish: true }));
  const pattern = '^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$';
  await assert.rejects(w.sfn.send(new CreateStateMachineAliasCommand({ name: '123', routingConfiguration: [{ stateMachineVersionArn, weight: 100 }] })),
    awsError('ValidationException', `1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`));
  await assert.rejects(w.sfn.send(new CreateStateMachineAliasCommand({ name: 'A'.repeat(81), routingConfiguration: [{ stateMachineVersionArn, weight: 100 }] })),
    awsError('ValidationException', /Member must have length less than or equal to 80/));
  await assert.rejects(w.sfn.send(new CreateStateMachineAliasCommand({ name: 'x', routingConfiguration: [{ stateMachineVersionArn: stateMachineArn, weight: 100 }] })),
    awsError('ValidationException', `Routing configuration must contain state machine version ARNs. Received: [${stateMachineArn}]`));
  await assert.rejects(w.sfn.send(new CreateStateMachineAliasCommand({ name: 'x', routingConfiguration: [{ stateMachineVersionArn, weight: 60 }] })),
    awsError('ValidationException', /Sum of routing configuration weights must be equal to 100/));
  await w.sfn.send(new CreateStateMachineAliasCommand({ name: 'pagey', routingConfiguration: [{ stateMachineVersionArn, weight: 100 }] }));
  await assert.rejects(w.sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn, nextToken: 'InvalidToken' })), awsError('InvalidToken', "Invalid Token: 'Invalid token'"));
  // deleting the state machine takes its versions and aliases with it
  await w.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  await assert.rejects(w.sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${stateMachineArn}:pagey` })), awsError('ResourceNotFound'));
  assert.deepEqual((await w.sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }))).stateMachineVersions, []);
});
