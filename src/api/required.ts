// Members each operation requires (Step Functions API reference, 2016-11-23
// model): a missing one is AWS's ValidationException, all of them named.
import { constraintError, violation } from './validation.js';

const REQUIRED: Record<string, readonly string[]> = {
  CreateActivity: ['name'],
  CreateStateMachine: ['name', 'definition', 'roleArn'],
  CreateStateMachineAlias: ['name', 'routingConfiguration'],
  DeleteActivity: ['activityArn'],
  DeleteStateMachine: ['stateMachineArn'],
  DeleteStateMachineAlias: ['stateMachineAliasArn'],
  DeleteStateMachineVersion: ['stateMachineVersionArn'],
  DescribeActivity: ['activityArn'],
  DescribeExecution: ['executionArn'],
  DescribeMapRun: ['mapRunArn'],
  DescribeStateMachine: ['stateMachineArn'],
  DescribeStateMachineAlias: ['stateMachineAliasArn'],
  DescribeStateMachineForExecution: ['executionArn'],
  GetActivityTask: ['activityArn'],
  GetExecutionHistory: ['executionArn'],
  ListMapRuns: ['executionArn'],
  ListStateMachineAliases: ['stateMachineArn'],
  ListStateMachineVersions: ['stateMachineArn'],
  ListTagsForResource: ['resourceArn'],
  PublishStateMachineVersion: ['stateMachineArn'],
  RedriveExecution: ['executionArn'],
  SendTaskFailure: ['taskToken'],
  SendTaskHeartbeat: ['taskToken'],
  SendTaskSuccess: ['taskToken', 'output'],
  StartExecution: ['stateMachineArn'],
  StartSyncExecution: ['stateMachineArn'],
  StopExecution: ['executionArn'],
  TagResource: ['resourceArn', 'tags'],
  TestState: ['definition'],
  UntagResource: ['resourceArn', 'tagKeys'],
  UpdateMapRun: ['mapRunArn'],
  UpdateStateMachine: ['stateMachineArn'],
  UpdateStateMachineAlias: ['stateMachineAliasArn'],
  ValidateStateMachineDefinition: ['definition'],
};

export function checkRequired(operation: string, input: Record<string, unknown>): void {
  const missing = (REQUIRED[operation] ?? []).filter((m) => input[m] === undefined || input[m] === null);
  if (missing.length) throw constraintError(missing.map((m) => violation.notNull(m)));
}
