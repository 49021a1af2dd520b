import { type Operation, now, seconds } from './context.js';
import { executionOrThrow } from './executions.js';
import { optionalString } from './validation.js';

export const StopExecution: Operation = async (ctx, input) => {
  const error = optionalString(input, 'error', 256);
  const cause = optionalString(input, 'cause', 32768);
  const rec = await executionOrThrow(ctx, input.executionArn);
  if (rec.status === 'RUNNING') await ctx.engine.stop(rec.executionArn, error, cause);
  const after = (await ctx.engine.getExecution(rec.executionArn))!;
  return { stopDate: seconds(after.stopDate ?? now(ctx)) };
};
