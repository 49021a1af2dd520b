import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PreparedTestState, prepareTestState, type TestStateRequest, type TestStateProblem } from './test-state.js';
import { parseKeepingText } from './raw-json.js';
import { payloadText } from '../execution/events.js';

let ids = 0;
const env = { now: Date.UTC(2025, 0, 1), uuid: () => `id-${++ids}`, random: () => 0.5 };
const base = { region: 'us-east-1', account: '123456789012', roleArn: 'arn:aws:iam::123456789012:role/r' };

function prepared(req: Partial<TestStateRequest> & { definition: string }): PreparedTestState {
  const p = prepareTestState({ ...base, ...req }, env);
  assert.ok(p instanceof PreparedTestState, JSON.stringify(p));
  return p;
}

function problem(req: Partial<TestStateRequest> & { definition: string }): TestStateProblem {
  const p = prepareTestState({ ...base, ...req }, env);
  assert.ok(!(p instanceof PreparedTestState));
  return p;
}

test('raw JSON text is kept for every object and array read', () => {
  const v = parseKeepingText('{"a": [1, 2], "b": {"c" : true}}') as Record<string, unknown>;
  assert.equal(payloadText(v.a), '[1, 2]');
  assert.equal(payloadText(v.b), '{"c" : true}');
  assert.equal(payloadText(v), '{"a": [1, 2], "b": {"c" : true}}');
});

test('a Choice state answers its next state; a Wait state does not wait', () => {
  const choice = prepared({
    definition: JSON.stringify({ Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'Big' }], Default: 'Small' }),
    input: '{"n": 2}', inspectionLevel: 'DEBUG',
  }).finish();
  assert.deepEqual(choice, { status: 'SUCCEEDED', output: '{"n": 2}', nextState: 'Big', inspectionData: { input: '{"n": 2}', afterInputPath: '{"n": 2}' } });
  const wait = prepared({ definition: JSON.stringify({ Type: 'Wait', Seconds: 3600, Next: 'Later' }), input: '{}' }).finish();
  assert.deepEqual(wait, { status: 'SUCCEEDED', output: '{}', nextState: 'Later' });
});

test('an unmocked Task asks for its call, then reports its result through ResultSelector and ResultPath', () => {
  const p = prepared({
    definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', ResultSelector: { 'v.$': '$.x' }, ResultPath: '$.r', End: true }),
    input: '{"in": 1}', inspectionLevel: 'TRACE',
  });
  assert.equal(p.invocation?.family, 'lambda');
  assert.deepEqual(p.invocation?.parameters, { in: 1 });
  assert.deepEqual(p.finish({ kind: 'success', output: { x: 7 } }), {
    status: 'SUCCEEDED', output: '{"in":1,"r":{"v":7}}',
    inspectionData: {
      input: '{"in": 1}', afterInputPath: '{"in": 1}', afterParameters: '{"in": 1}', result: '{"x":7}',
      afterResultSelector: '{"v":7}', afterResultPath: '{"in":1,"r":{"v":7}}',
    },
  });
});

test('a Fail state fails; a States.Runtime error in a path fails the state', () => {
  assert.deepEqual(prepared({ definition: JSON.stringify({ Type: 'Fail', Error: 'E', Cause: 'C' }) }).finish(), { status: 'FAILED', error: 'E', cause: 'C' });
  const r = prepared({ definition: JSON.stringify({ Type: 'Pass', InputPath: '$.missing', End: true }), input: '{}' }).finish();
  assert.equal(r.status, 'FAILED');
  assert.equal(r.error, 'States.Runtime');
});

test('a Map with a mocked result: the tolerated-failure threshold with stateConfiguration', () => {
  const definition = JSON.stringify({
    Type: 'Map', ToleratedFailureCount: 1, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'H' }],
    ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, End: true,
  });
  const ok = prepared({ definition, input: '[1, 2, 3]', mock: { result: '["a", "b", "c"]' }, stateConfiguration: { mapIterationFailureCount: 1 } }).finish();
  assert.deepEqual(ok, { status: 'SUCCEEDED', output: '["a", "b", "c"]' });
  const over = prepared({ definition, input: '[1, 2, 3]', mock: { result: '[]' }, stateConfiguration: { mapIterationFailureCount: 2 }, inspectionLevel: 'DEBUG' }).finish();
  assert.equal(over.status, 'CAUGHT_ERROR');
  assert.equal(over.error, 'States.ExceedToleratedFailureThreshold');
  assert.equal(over.nextState, 'H');
  assert.deepEqual(over.inspectionData?.errorDetails, { catchIndex: 0 });
});

test('request problems are AWS answers', () => {
  assert.deepEqual(problem({ definition: JSON.stringify({ Type: 'Map', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } }, End: true }) }), {
    code: 'InvalidDefinition', message: 'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
  });
  assert.equal(problem({ definition: JSON.stringify({ Type: 'Succeed' }), mock: { result: '{}' } }).message, "State type 'Succeed' is not supported when a mock is specified");
  assert.equal(problem({ definition: JSON.stringify({ Type: 'Succeed' }), context: '{"Map": {}}' }).message,
    "Invalid Context object provided: 'Map' field is not supported when mocking a Context object");
  assert.equal(problem({ definition: JSON.stringify({ Type: 'Succeed' }), context: '{"Execution": {"Id": 1}}' }).message,
    'Invalid Context object provided: Execution.Id must be a string');
  assert.equal(problem({ definition: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}', stateName: 'B' }).message, 'State not found in definition');
  assert.equal(problem({ definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }), roleArn: undefined }).message,
    'RoleArn must be specified when testing a Task state');
});
