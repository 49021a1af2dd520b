// Every operation of the Step Functions API (2016-11-23), by its AWS name
// (X-Amz-Target: AWSStepFunctions.<Name>).
import type { Operation } from './context.js';
import { CreateActivity } from './CreateActivity.js';
import { CreateStateMachine } from './CreateStateMachine.js';
import { CreateStateMachineAlias } from './CreateStateMachineAlias.js';
import { DeleteActivity } from './DeleteActivity.js';
import { DeleteStateMachine } from './DeleteStateMachine.js';
import { DeleteStateMachineAlias } from './DeleteStateMachineAlias.js';
import { DeleteStateMachineVersion } from './DeleteStateMachineVersion.js';
import { DescribeActivity } from './DescribeActivity.js';
import { DescribeExecution } from './DescribeExecution.js';
import { DescribeMapRun } from './DescribeMapRun.js';
import { DescribeStateMachine } from './DescribeStateMachine.js';
import { DescribeStateMachineAlias } from './DescribeStateMachineAlias.js';
import { DescribeStateMachineForExecution } from './DescribeStateMachineForExecution.js';
import { GetActivityTask } from './GetActivityTask.js';
import { GetExecutionHistory } from './GetExecutionHistory.js';
import { GetExecutionTokenUsage } from './GetExecutionTokenUsage.js';
import { ListActivities } from './ListActivities.js';
import { ListExecutions } from './ListExecutions.js';
import { ListMapRuns } from './ListMapRuns.js';
import { ListStateMachineAliases } from './ListStateMachineAliases.js';
import { ListStateMachines } from './ListStateMachines.js';
import { ListStateMachineVersions } from './ListStateMachineVersions.js';
import { ListTagsForResource } from './ListTagsForResource.js';
import { PublishStateMachineVersion } from './PublishStateMachineVersion.js';
import { RedriveExecution } from './RedriveExecution.js';
import { SendTaskFailure } from './SendTaskFailure.js';
import { SendTaskHeartbeat } from './SendTaskHeartbeat.js';
import { SendTaskSuccess } from './SendTaskSuccess.js';
import { StartExecution } from './StartExecution.js';
import { StartSyncExecution } from './StartSyncExecution.js';
import { StopExecution } from './StopExecution.js';
import { TagResource } from './TagResource.js';
import { TestState } from './TestState.js';
import { UntagResource } from './UntagResource.js';
import { UpdateMapRun } from './UpdateMapRun.js';
import { UpdateStateMachine } from './UpdateStateMachine.js';
import { UpdateStateMachineAlias } from './UpdateStateMachineAlias.js';
import { ValidateStateMachineDefinition } from './ValidateStateMachineDefinition.js';

export const OPERATIONS: Record<string, Operation> = {
  CreateActivity, CreateStateMachine, CreateStateMachineAlias, DeleteActivity, DeleteStateMachine, DeleteStateMachineAlias,
  DeleteStateMachineVersion, DescribeActivity, DescribeExecution, DescribeMapRun, DescribeStateMachine, DescribeStateMachineAlias,
  DescribeStateMachineForExecution, GetActivityTask, GetExecutionHistory, GetExecutionTokenUsage, ListActivities, ListExecutions, ListMapRuns,
  ListStateMachineAliases, ListStateMachines, ListStateMachineVersions, ListTagsForResource, PublishStateMachineVersion,
  RedriveExecution, SendTaskFailure, SendTaskHeartbeat, SendTaskSuccess, StartExecution, StartSyncExecution, StopExecution,
  TagResource, TestState, UntagResource, UpdateMapRun, UpdateStateMachine, UpdateStateMachineAlias, ValidateStateMachineDefinition,
};
