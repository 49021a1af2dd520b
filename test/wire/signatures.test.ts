// SigV4 over the wire: with credentials configured, the SDK's signed calls
// pass; a wrong secret, an unknown key, no signature or a stale one get AWS's answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SFNClient, ListStateMachinesCommand, CreateActivityCommand } from '@aws-sdk/client-sfn';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { awsError } from './client.js';

let server: RunningServer;
before(async () => { server = await startServer({ port: 0, store: 'memory', credentials: { AKIDLOCAL: 'local-secret' } }); });
after(() => server.close());

const client = (accessKeyId: string, secretAccessKey: string, extra: Record<string, unknown> = {}): SFNClient =>
  new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1, ...extra });

test('a request signed with the configured key passes', async () => {
  const sfn = client('AKIDLOCAL', 'local-secret');
  await sfn.send(new CreateActivityCommand({ name: 'signed' }));
  assert.ok(Array.isArray((await sfn.send(new ListStateMachinesCommand({}))).stateMachines));
  sfn.destroy();
});

test('a wrong secret, an unknown key, a stale signature and none at all are refused', async () => {
  const wrong = client('AKIDLOCAL', 'not-the-secret');
  await assert.rejects(wrong.send(new ListStateMachinesCommand({})), awsError('InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'));
  const unknown = client('AKIDOTHER', 'local-secret');
  await assert.rejects(unknown.send(new ListStateMachinesCommand({})), awsError('UnrecognizedClientException', 'The security token included in the request is invalid.'));
  const stale = client('AKIDLOCAL', 'local-secret', { systemClockOffset: -10 * 60 * 1000 });
  await assert.rejects(stale.send(new ListStateMachinesCommand({})), awsError('InvalidSignatureException', /^Signature expired: /));
  for (const c of [wrong, unknown, stale]) c.destroy();
  const r = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListStateMachines' }, body: '{}' });
  assert.equal(r.status, 400);
  assert.equal(r.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
});
