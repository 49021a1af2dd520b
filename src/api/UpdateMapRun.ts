import { ApiError } from './errors.js';
import type { Operation } from './context.js';
import { mapRunOrThrow } from './map-runs.js';
import { constraintError, violation } from './validation.js';

// The new limits are recorded and reported by DescribeMapRun; iterations
// already running inside the execution are not rescheduled.
export const UpdateMapRun: Operation = async (ctx, input) => {
  const { maxConcurrency, toleratedFailurePercentage, toleratedFailureCount } = input;
  const problems: string[] = [];
  if (maxConcurrency != null && (!Number.isInteger(maxConcurrency) || maxConcurrency < 0)) problems.push(violation.min('maxConcurrency', maxConcurrency, 0));
  if (toleratedFailureCount != null && (!Number.isInteger(toleratedFailureCount) || toleratedFailureCount < 0)) problems.push(violation.min('toleratedFailureCount', toleratedFailureCount, 0));
  if (toleratedFailurePercentage != null && (typeof toleratedFailurePercentage !== 'number' || toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)) {
    problems.push(toleratedFailurePercentage > 100 ? violation.max('toleratedFailurePercentage', toleratedFailurePercentage, 100) : violation.min('toleratedFailurePercentage', toleratedFailurePercentage, 0));
  }
  if (problems.length) throw constraintError(problems);
  if (maxConcurrency == null && toleratedFailureCount == null && toleratedFailurePercentage == null) {
    throw new ApiError('ValidationException', 'At least one of maxConcurrency, toleratedFailureCount or toleratedFailurePercentage must be specified');
  }
  const run = await mapRunOrThrow(ctx, input.mapRunArn);
  ctx.engine.registry.mapRuns.update(run.mapRunArn, {
    ...(maxConcurrency != null ? { maxConcurrency } : {}),
    ...(toleratedFailureCount != null ? { toleratedFailureCount } : {}),
    ...(toleratedFailurePercentage != null ? { toleratedFailurePercentage } : {}),
  });
  return {};
};
