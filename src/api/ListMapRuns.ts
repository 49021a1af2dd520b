import { type Operation, seconds } from './context.js';
import { executionOrThrow } from './executions.js';
import { mapRunsOf } from './map-runs.js';
import { paginate } from './validation.js';

export const ListMapRuns: Operation = async (ctx, input) => {
  const rec = await executionOrThrow(ctx, input.executionArn);
  const runs = (await mapRunsOf(ctx, rec)).reverse();
  const { page, nextToken } = paginate(runs, input, `mr:${rec.executionArn}`);
  return {
    mapRuns: page.map((r) => ({
      executionArn: r.executionArn, mapRunArn: r.mapRunArn, stateMachineArn: r.stateMachineArn, startDate: seconds(r.startDate),
      ...(r.stopDate !== undefined ? { stopDate: seconds(r.stopDate) } : {}),
    })),
    ...(nextToken ? { nextToken } : {}),
  };
};
