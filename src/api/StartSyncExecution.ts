import { type Operation, seconds } from './context.js';
import { startTarget } from './StartExecution.js';
import { executionOutcome } from './executions.js';

export const StartSyncExecution: Operation = async (ctx, input) => {
  const { rec: started, target } = await startTarget(ctx, input, true);
  const rec = await ctx.engine.whenDone(started.executionArn);
  return {
    executionArn: rec.executionArn, stateMachineArn: target.version?.arn ?? target.alias?.arn ?? rec.stateMachineArn, name: rec.name,
    startDate: seconds(rec.startDate), status: rec.status, input: rec.inputText, inputDetails: { included: true },
    // a synchronous answer always says whether output is included, also for a failed execution
    outputDetails: { included: true }, ...executionOutcome(rec),
    billingDetails: { billedDurationInMilliseconds: Math.max(100, Math.ceil(((rec.stopDate ?? rec.startDate) - rec.startDate) / 100) * 100), billedMemoryUsedInMB: 64 },
  };
};
