// Execution look-ups and the fields DescribeExecution, StartSyncExecution
// and ListExecutions share.
import { textOf } from '../asl/index.js';
import { type ApiContext, seconds } from './context.js';
import { parseArn } from './arns.js';
import { ApiError } from './errors.js';
import type { ExecutionRecord, StoredExecution } from '../engine/engine.js';

/** AWS: an execution can be redriven within 14 days of when it stopped. */
export const REDRIVE_PERIOD_MS = 14 * 24 * 3600 * 1000;

export async function executionOrThrow(ctx: ApiContext, arn: unknown): Promise<StoredExecution> {
  parseArn(arn, ['execution', 'express']);
  const rec = await ctx.engine.getExecution(arn as string);
  if (!rec) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
  return rec;
}

/** The fields DescribeExecution and StartSyncExecution share. */
export function executionOutcome(rec: ExecutionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rec.stopDate !== undefined) out.stopDate = seconds(rec.stopDate);
  if (rec.outputText !== undefined) { out.output = textOf(rec.outputText); out.outputDetails = { included: true }; }
  if (rec.error !== undefined) out.error = rec.error;
  if (rec.cause !== undefined) out.cause = rec.cause;
  return out;
}

/** Why an execution can or cannot be redriven now (RedriveExecution's rules). */
export function redriveStatus(rec: ExecutionRecord, now: number): { redriveStatus: string; redriveStatusReason?: string } {
  if (rec.state.info.type === 'EXPRESS') return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution is an EXPRESS execution and cannot be redriven' };
  if (rec.status === 'RUNNING' || rec.status === 'SUCCEEDED') {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${rec.status} and cannot be redriven` };
  }
  if (rec.stopDate !== undefined && now - rec.stopDate > REDRIVE_PERIOD_MS) {
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution can no longer be redriven as it stopped more than 14 days ago' };
  }
  return { redriveStatus: 'REDRIVABLE' };
}

/** Version, alias and redrive fields of an execution. */
export function executionLineage(ctx: ApiContext, rec: ExecutionRecord): Record<string, unknown> {
  const extras = ctx.engine.registry.executions.get(rec.executionArn);
  return {
    ...(extras.stateMachineVersionArn ? { stateMachineVersionArn: extras.stateMachineVersionArn } : {}),
    ...(extras.stateMachineAliasArn ? { stateMachineAliasArn: extras.stateMachineAliasArn } : {}),
    redriveCount: rec.state.info.redriveCount,
    ...(extras.redriveDate !== undefined ? { redriveDate: seconds(extras.redriveDate) } : {}),
  };
}
