import { ApiError } from './errors.js';
import type { Operation } from './context.js';
import { executionOrThrow } from './executions.js';

export const RedriveExecution: Operation = async (ctx, input) => {
  await executionOrThrow(ctx, input.executionArn);
  throw new ApiError('ExecutionNotRedrivable', 'not yet');
};
