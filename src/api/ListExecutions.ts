import { type Operation, seconds } from './context.js';
import { machineOrThrow } from './DescribeStateMachine.js';
import { ApiError } from './errors.js';
import { pageSize } from './validation.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export const ListExecutions: Operation = async (ctx, input) => {
  const sm = await machineOrThrow(ctx, input.stateMachineArn);
  const filter = input.statusFilter;
  if (filter !== undefined && !STATUSES.includes(filter)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${filter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  }
  let page;
  try {
    page = await ctx.engine.listExecutions({ stateMachineArn: sm.arn, status: filter, limit: pageSize(input), nextToken: input.nextToken ?? undefined });
  } catch (e) {
    if ((e as Error).name === 'InvalidPageToken' || (e as Error).message === 'invalid pagination token') {
      throw new ApiError('InvalidToken', `Invalid Token: '${String(input.nextToken)}'`);
    }
    throw e;
  }
  return {
    executions: page.items.map((e) => ({
      executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status,
      startDate: seconds(e.startDate), ...(e.stopDate !== undefined ? { stopDate: seconds(e.stopDate) } : {}),
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};
