import { type Operation, seconds } from './context.js';
import { parseArn } from './arns.js';
import { ApiError } from './errors.js';
import type { ApiContext } from './context.js';
import type { StateMachineRecord } from '../engine/engine.js';

export async function machineOrThrow(ctx: ApiContext, arn: unknown): Promise<StateMachineRecord> {
  parseArn(arn, ['stateMachine']);
  const sm = await ctx.engine.getStateMachine(arn as string);
  if (!sm) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
  return sm;
}

export function describeMachine(sm: StateMachineRecord): Record<string, unknown> {
  return {
    stateMachineArn: sm.arn, name: sm.name, status: sm.status, definition: sm.definition, roleArn: sm.roleArn, type: sm.type,
    creationDate: seconds(sm.creationDate),
    loggingConfiguration: sm.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: sm.tracingConfiguration ?? { enabled: false },
    revisionId: sm.revisionId,
    ...(sm.description !== undefined ? { description: sm.description } : {}),
  };
}

export const DescribeStateMachine: Operation = async (ctx, input) => describeMachine(await machineOrThrow(ctx, input.stateMachineArn));
