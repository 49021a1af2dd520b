// State machine operations over the wire: create (publish, logging, idempotency),
// describe, update (revision ids), delete (deferred while executions run),
// list, describe-for-execution and definition validation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStateMachineCommand, DescribeStateMachineCommand, UpdateStateMachineCommand, DeleteStateMachineCommand,
  ListStateMachinesCommand, StartExecutionCommand, StopExecutionCommand, DescribeStateMachineForExecutionCommand,
  ValidateStateMachineDefinitionCommand, DescribeExecutionCommand,
} from '@aws-sdk/client-sfn';
import { awsError, finished, openWire, roleArn, type Wire } from './client.js';

let w: Wire;
before(async () => { w = await openWire(); });
after(() => w.close());

const passing = (result: unknown): string => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });
const waiting = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });

test('CreateStateMachine: idempotent on its definition, a different one is StateMachineAlreadyExists', async () => {
  const first = await w.sfn.send(new CreateStateMachineCommand({ name: 'sm-idem', definition: passing(1), roleArn }));
  // AWS ignores a different roleArn on a repeated create
  const again = await w.sfn.send(new CreateStateMachineCommand({ name: 'sm-idem', definition: passing(1), roleArn: `${roleArn}-other` }));
  assert.equal(again.stateMachineArn, first.stateMachineArn);
  assert.equal(again.creationDate!.getTime(), first.creationDate!.getTime());
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'sm-idem', definition: passing(2), roleArn })),
    awsError('StateMachineAlreadyExists', `State Machine Already Exists: '${first.stateMachineArn}'`));
  const d = await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: first.stateMachineArn }));
  assert.equal(d.roleArn, roleArn);
  assert.deepEqual(d.loggingConfiguration, { level: 'OFF', includeExecutionData: false });
  assert.deepEqual(d.tracingConfiguration, { enabled: false });
  assert.deepEqual(d.encryptionConfiguration, { type: 'AWS_OWNED_KEY' });
});

test('CreateStateMachine: request checks answer as AWS does', async () => {
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'bad name', definition: passing(1), roleArn })), awsError('InvalidName', "Invalid Name: 'bad name'"));
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'sm-vd', definition: passing(1), roleArn, versionDescription: 'v' })),
    awsError('ValidationException', 'Version description can only be set when publish is true'));
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'sm-log', definition: passing(1), roleArn, loggingConfiguration: { level: 'ALL' } })),
    awsError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.'));
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'sm-type', definition: passing(1), roleArn, type: 'FAST' as any })),
    awsError('ValidationException', /Member must satisfy enum value set: \[STANDARD, EXPRESS\]/));
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'sm-role', definition: passing(1), roleArn: 'not-a-role' })), awsError('InvalidArn'));
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'sm-def', definition: '{"StartAt":"X"}', roleArn })),
    awsError('InvalidDefinition', /SCHEMA_VALIDATION_FAILED: These fields are required: \[States\] at \//));
  const logged = await w.sfn.send(new CreateStateMachineCommand({ name: 'sm-log-ok', definition: passing(1), roleArn, loggingConfiguration: { destinations: [] } }));
  assert.deepEqual((await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: logged.stateMachineArn }))).loggingConfiguration,
    { level: 'OFF', includeExecutionData: false, destinations: [] });
});

test('DescribeStateMachine names the variables each state reads', async () => {
  const definition = JSON.stringify({
    StartAt: 'A', QueryLanguage: 'JSONata',
    States: { A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' }, B: { Type: 'Pass', Output: '{% $x %}', End: true } },
  });
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'sm-vars', definition, roleArn }));
  assert.deepEqual((await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).variableReferences, { B: ['x'] });
  assert.equal((await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: (await w.sfn.send(new CreateStateMachineCommand({
    name: 'sm-novars', definition: passing(1), roleArn }))).stateMachineArn }))).variableReferences, undefined);
});

test('DescribeStateMachine: bad and unknown ARNs', async () => {
  await assert.rejects(w.sfn.send(new DescribeStateMachineCommand({} as any)),
    awsError('ValidationException', "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"));
  await assert.rejects(w.sfn.send(new CreateStateMachineCommand({ name: 'x' } as any)), awsError('ValidationException', /^2 validation errors detected: /));
  await assert.rejects(w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not_a_valid_arn' })), awsError('InvalidArn', "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"));
  const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:nowhere';
  await assert.rejects(w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })), awsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`));
  await assert.rejects(w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:execution:a:b' })),
    awsError('InvalidArn', "Invalid Arn: 'Resource type not valid in this context: execution'"));
});

test('UpdateStateMachine: a change makes a new revision, the same values keep it; executions keep their definition', async () => {
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'sm-update', definition: waiting, roleArn }));
  const running = await w.sfn.send(new StartExecutionCommand({ stateMachineArn }));
  const r1 = await w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: passing('v2') }));
  const d1 = await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  assert.equal(d1.revisionId, r1.revisionId);
  assert.equal(d1.definition, passing('v2'));
  const r2 = await w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: passing('v2') }));
  assert.equal(r2.revisionId, r1.revisionId);
  const r3 = await w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, roleArn: `${roleArn}-2` }));
  assert.notEqual(r3.revisionId, r1.revisionId);
  // the running execution started on the first definition and keeps it
  const forExecution = await w.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: running.executionArn }));
  assert.equal(forExecution.definition, waiting);
  assert.equal(forExecution.roleArn, roleArn);
  const fresh = await w.sfn.send(new StartExecutionCommand({ stateMachineArn }));
  assert.equal((await finished(w, fresh.executionArn!)).output, '"v2"');
  await w.sfn.send(new StopExecutionCommand({ executionArn: running.executionArn }));

  await assert.rejects(w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn })), awsError('MissingRequiredParameter'));
  await assert.rejects(w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: '{}' })), awsError('InvalidDefinition'));
  await assert.rejects(w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: passing(3), versionDescription: 'x' })),
    awsError('ValidationException', 'Version description can only be set when publish is true'));
  await assert.rejects(w.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: `${stateMachineArn}-gone`, definition: passing(3) })), awsError('StateMachineDoesNotExist'));
});

test('DeleteStateMachine: waits for running executions (DELETING), then the state machine is gone', async () => {
  const { stateMachineArn } = await w.sfn.send(new CreateStateMachineCommand({ name: 'sm-delete', definition: waiting, roleArn }));
  const { executionArn } = await w.sfn.send(new StartExecutionCommand({ stateMachineArn }));
  await w.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  assert.equal((await w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).status, 'DELETING');
  await assert.rejects(w.sfn.send(new StartExecutionCommand({ stateMachineArn })), awsError('StateMachineDeleting', `State Machine is being deleted: '${stateMachineArn}'`));
  await w.sfn.send(new StopExecutionCommand({ executionArn }));
  await assert.rejects(w.sfn.send(new DescribeStateMachineCommand({ stateMachineArn })), awsError('StateMachineDoesNotExist'));
  // its executions stay readable
  assert.equal((await w.sfn.send(new DescribeExecutionCommand({ executionArn }))).status, 'ABORTED');
  // deleting what does not exist succeeds
  await w.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  await assert.rejects(w.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: `${stateMachineArn}:1` })), awsError('ValidationException'));
});

test('ListStateMachines pages with nextToken; a bad token is InvalidToken', async () => {
  for (const n of [1, 2, 3]) await w.sfn.send(new CreateStateMachineCommand({ name: `sm-page-${n}`, definition: passing(n), roleArn }));
  const seen: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await w.sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
    assert.ok(page.stateMachines!.length <= 2);
    seen.push(...page.stateMachines!.map((s) => s.name!));
    nextToken = page.nextToken;
  } while (nextToken);
  assert.deepEqual(seen.filter((n) => n.startsWith('sm-page-')), ['sm-page-1', 'sm-page-2', 'sm-page-3']);
  await assert.rejects(w.sfn.send(new ListStateMachinesCommand({ nextToken: 'garbage' })), awsError('InvalidToken', "Invalid Token: 'Invalid token'"));
  await assert.rejects(w.sfn.send(new ListStateMachinesCommand({ maxResults: 1001 })), awsError('ValidationException'));
});

test('ValidateStateMachineDefinition: result, diagnostics, maxResults and truncation', async () => {
  const ok = await w.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: passing(1) }));
  assert.equal(ok.result, 'OK');
  assert.deepEqual(ok.diagnostics, []);
  const bad = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, C: { Type: 'Pass', Next: 'D' } } });
  const all = await w.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: bad }));
  assert.equal(all.result, 'FAIL');
  assert.ok(all.diagnostics!.length >= 2);
  assert.ok(all.diagnostics!.every((d) => d.severity === 'ERROR' && d.code && d.message && d.location));
  const one = await w.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: bad, maxResults: 1 }));
  assert.equal(one.diagnostics!.length, 1);
  assert.equal(one.truncated, true);
  await assert.rejects(w.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: bad, severity: 'LOUD' as any })), awsError('ValidationException'));
});
