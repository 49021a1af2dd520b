// Every operation the server answers, by its AWS name (X-Amz-Target: AWSStepFunctions.<Name>).
import type { Operation } from './context.js';
import { CreateStateMachine } from './CreateStateMachine.js';
import { DeleteStateMachine } from './DeleteStateMachine.js';
import { DescribeStateMachine } from './DescribeStateMachine.js';
import { ListStateMachines } from './ListStateMachines.js';
import { StartExecution } from './StartExecution.js';
import { StartSyncExecution } from './StartSyncExecution.js';
import { DescribeExecution } from './DescribeExecution.js';
import { ListExecutions } from './ListExecutions.js';
import { StopExecution } from './StopExecution.js';
import { GetExecutionHistory } from './GetExecutionHistory.js';
import { ValidateStateMachineDefinition } from './ValidateStateMachineDefinition.js';

export const OPERATIONS: Record<string, Operation> = {
  CreateStateMachine, DeleteStateMachine, DescribeStateMachine, ListStateMachines,
  StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, StopExecution, GetExecutionHistory,
  ValidateStateMachineDefinition,
};
