import { type Operation, seconds } from './context.js';
import { executionOrThrow } from './DescribeExecution.js';

export const StopExecution: Operation = async (ctx, input) => {
  const rec = await executionOrThrow(ctx, input.executionArn);
  if (rec.status === 'RUNNING') await ctx.engine.stop(rec.executionArn, input.error ?? undefined, input.cause ?? undefined);
  const after = (await ctx.engine.getExecution(rec.executionArn))!;
  return { stopDate: seconds(after.stopDate ?? Date.now()) };
};
