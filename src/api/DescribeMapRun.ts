import { type Operation, seconds } from './context.js';
import { mapRunOrThrow } from './map-runs.js';

export const DescribeMapRun: Operation = async (ctx, input) => {
  const r = await mapRunOrThrow(ctx, input.mapRunArn);
  return {
    mapRunArn: r.mapRunArn, executionArn: r.executionArn, status: r.status, startDate: seconds(r.startDate),
    ...(r.stopDate !== undefined ? { stopDate: seconds(r.stopDate) } : {}),
    maxConcurrency: r.maxConcurrency, toleratedFailurePercentage: r.toleratedFailurePercentage, toleratedFailureCount: r.toleratedFailureCount,
    // the iterations run inside the parent execution: each item counts as one child execution
    itemCounts: r.itemCounts, executionCounts: r.itemCounts, redriveCount: 0,
  };
};
