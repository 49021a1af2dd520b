// Versions, aliases, tags and activities outlive a restart of the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SFNClient, CreateStateMachineCommand, PublishStateMachineVersionCommand, CreateStateMachineAliasCommand,
  DescribeStateMachineAliasCommand, ListStateMachineVersionsCommand, TagResourceCommand, ListTagsForResourceCommand,
  CreateActivityCommand, DescribeActivityCommand, UpdateStateMachineAliasCommand,
} from '@aws-sdk/client-sfn';
import { startServer } from '../../src/server/server.js';

test('the registry is stored with the executions (SQLite) and read back at start-up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-registry-'));
  const store = `sqlite:${join(dir, 'db.sqlite')}`;
  const client = (url: string) => new SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
  try {
    let server = await startServer({ port: 0, store });
    let sfn = client(server.url);
    const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'kept', definition, roleArn: 'arn:aws:iam::123456789012:role/r' }));
    const { stateMachineVersionArn } = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, description: 'v1' }));
    const { stateMachineAliasArn } = await sfn.send(new CreateStateMachineAliasCommand({
      name: 'live', routingConfiguration: [{ stateMachineVersionArn, weight: 100 }],
    }));
    await sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn, description: 'updated in place' }));
    await sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'team', value: 'docs' }] }));
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'review' }));
    sfn.destroy();
    await server.close();

    server = await startServer({ port: 0, store });
    sfn = client(server.url);
    const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }));
    assert.deepEqual(alias.routingConfiguration, [{ stateMachineVersionArn, weight: 100 }]);
    assert.equal(alias.description, 'updated in place');
    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }));
    assert.deepEqual(versions.stateMachineVersions!.map((v) => v.stateMachineVersionArn), [stateMachineVersionArn]);
    const tags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    assert.deepEqual(tags.tags, [{ key: 'team', value: 'docs' }]);
    assert.equal((await sfn.send(new DescribeActivityCommand({ activityArn }))).name, 'review');
    sfn.destroy();
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
