import { type Operation, seconds } from './context.js';
import { executionOrThrow } from './DescribeExecution.js';

export const StopExecution: Operation = (ctx, input) => {
  const rec = executionOrThrow(ctx, input.executionArn);
  if (rec.status === 'RUNNING') ctx.engine.stop(rec.executionArn, input.error ?? undefined, input.cause ?? undefined);
  const after = ctx.engine.getExecution(rec.executionArn)!;
  return { stopDate: seconds(after.stopDate ?? Date.now()) };
};
