import { type ApiContext, type Operation, seconds } from './context.js';
import { parseArn } from './arns.js';
import { ApiError } from './errors.js';
import type { ExecutionRecord } from '../engine/engine.js';

export async function executionOrThrow(ctx: ApiContext, arn: unknown): Promise<ExecutionRecord> {
  parseArn(arn, ['execution', 'express']);
  const rec = await ctx.engine.getExecution(arn as string);
  if (!rec) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
  return rec;
}

/** The fields DescribeExecution and StartSyncExecution share. */
export function executionOutcome(rec: ExecutionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rec.stopDate !== undefined) out.stopDate = seconds(rec.stopDate);
  if (rec.outputText !== undefined) { out.output = rec.outputText; out.outputDetails = { included: true }; }
  if (rec.error !== undefined) out.error = rec.error;
  if (rec.cause !== undefined) out.cause = rec.cause;
  return out;
}

export const DescribeExecution: Operation = async (ctx, input) => {
  const rec = await executionOrThrow(ctx, input.executionArn);
  const finished = rec.status !== 'RUNNING';
  return {
    executionArn: rec.executionArn, stateMachineArn: rec.stateMachineArn, name: rec.name, status: rec.status,
    startDate: seconds(rec.startDate), input: rec.inputText, inputDetails: { included: true },
    ...executionOutcome(rec),
    redriveCount: 0,
    redriveStatus: !finished ? 'NOT_REDRIVABLE' : rec.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
    ...(finished && rec.status === 'SUCCEEDED' ? { redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
    ...(!finished ? { redriveStatusReason: 'Execution is RUNNING and cannot be redriven' } : {}),
  };
};
