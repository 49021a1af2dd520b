import { type Operation, seconds } from './context.js';
import { machineOrThrow } from './DescribeStateMachine.js';
import { ApiError } from './errors.js';
import { paginate } from './validation.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export const ListExecutions: Operation = (ctx, input) => {
  const sm = machineOrThrow(ctx, input.stateMachineArn);
  const filter = input.statusFilter;
  if (filter !== undefined && !STATUSES.includes(filter)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${filter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  }
  const all = ctx.engine.listExecutions(sm.arn).filter((e) => !filter || e.status === filter)
    .slice().sort((a, b) => b.startDate - a.startDate);
  const { page, nextToken } = paginate(all, input, `ex:${sm.arn}:${filter ?? ''}`);
  return {
    executions: page.map((e) => ({
      executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status,
      startDate: seconds(e.startDate), ...(e.stopDate !== undefined ? { stopDate: seconds(e.stopDate) } : {}),
    })),
    ...(nextToken ? { nextToken } : {}),
  };
};
