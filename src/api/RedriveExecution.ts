import { ApiError } from './errors.js';
import { type Operation, now, seconds } from './context.js';
import { executionOrThrow, redriveStatus } from './executions.js';
import { optionalString } from './validation.js';

// AWS: FAILED, TIMED_OUT and ABORTED STANDARD executions can be redriven
// within 14 days of stopping; the execution continues under its own ARN.
export const RedriveExecution: Operation = async (ctx, input) => {
  optionalString(input, 'clientToken', 64);
  const rec = await executionOrThrow(ctx, input.executionArn);
  const status = redriveStatus(rec, now(ctx));
  if (status.redriveStatus !== 'REDRIVABLE') throw new ApiError('ExecutionNotRedrivable', status.redriveStatusReason!);
  const redriven = await ctx.engine.redrive(rec.executionArn);
  if (!redriven) throw new ApiError('ExecutionNotRedrivable', 'Execution is RUNNING and cannot be redriven');
  const extras = ctx.engine.registry.executions;
  const redriveDate = now(ctx);
  extras.set(rec.executionArn, { ...extras.get(rec.executionArn), redriveDate });
  return { redriveDate: seconds(redriveDate) };
};
