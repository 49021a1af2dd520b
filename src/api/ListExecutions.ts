import { type ApiContext, type Operation, seconds } from './context.js';
import { ApiError } from './errors.js';
import { parseMachineArn } from './arns.js';
import { findMachine, machineDoesNotExist } from './machines.js';
import { mapRunOrThrow } from './map-runs.js';
import { invalidToken, optionalEnum, pageSize } from './validation.js';
import type { ExecutionSummary } from '../engine/engine.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

/**
 * Pages of the store's executions of a state machine, newest first, keeping
 * those `keep` accepts. Store pages are never cut short, so the store's own
 * keyset token continues exactly after the last row handed out.
 */
async function filteredPage(ctx: ApiContext, q: { stateMachineArn: string; status?: ExecutionSummary['status'] },
  limit: number, token: string | undefined, keep: (e: ExecutionSummary) => boolean): Promise<{ items: ExecutionSummary[]; nextToken?: string }> {
  const items: ExecutionSummary[] = [];
  let next = token;
  for (;;) {
    const page = await ctx.engine.listExecutions({ ...q, limit: limit - items.length, nextToken: next });
    items.push(...page.items.filter(keep));
    next = page.nextToken;
    if (!next || items.length >= limit) return { items, nextToken: next };
  }
}

export const ListExecutions: Operation = async (ctx, input) => {
  const status = optionalEnum(input, 'statusFilter', STATUSES);
  const redrive = optionalEnum(input, 'redriveFilter', ['REDRIVEN', 'NOT_REDRIVEN'] as const);
  const limit = pageSize(input);
  if (input.stateMachineArn == null && input.mapRunArn == null) {
    throw new ApiError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
  }
  if (input.stateMachineArn != null && input.mapRunArn != null) {
    throw new ApiError('ValidationException', 'Only one of StateMachine ARN or MapRun ARN can be provided');
  }
  if (input.mapRunArn != null) {
    // a Distributed Map's iterations run inside the parent execution: no child executions to list
    await mapRunOrThrow(ctx, input.mapRunArn);
    return { executions: [] };
  }
  const ref = parseMachineArn(input.stateMachineArn);
  const sm = await findMachine(ctx, ref.machineArn);
  if (!sm) throw machineDoesNotExist(input.stateMachineArn);
  if (sm.type === 'EXPRESS') throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  const reg = ctx.engine.registry;
  const qualifier = ref.kind === 'version' ? 'stateMachineVersionArn' : ref.kind === 'alias' ? 'stateMachineAliasArn' : undefined;
  const keep = (e: ExecutionSummary): boolean => {
    if (qualifier && reg.executions.get(e.executionArn)[qualifier] !== input.stateMachineArn) return false;
    if (redrive) {
      const redriven = reg.executions.get(e.executionArn).redriveDate !== undefined;
      if (redriven !== (redrive === 'REDRIVEN')) return false;
    }
    return true;
  };
  let page;
  try {
    page = await filteredPage(ctx, { stateMachineArn: sm.arn, ...(status ? { status: status as ExecutionSummary['status'] } : {}) },
      limit, input.nextToken ?? undefined, keep);
  } catch (e) {
    if ((e as Error).name === 'InvalidPageToken' || (e as Error).message === 'invalid pagination token') throw invalidToken();
    throw e;
  }
  return {
    executions: page.items.map((e) => {
      const extras = reg.executions.get(e.executionArn);
      return {
        executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status,
        startDate: seconds(e.startDate), ...(e.stopDate !== undefined ? { stopDate: seconds(e.stopDate) } : {}),
        ...(extras.stateMachineVersionArn ? { stateMachineVersionArn: extras.stateMachineVersionArn } : {}),
        ...(extras.stateMachineAliasArn ? { stateMachineAliasArn: extras.stateMachineAliasArn } : {}),
        ...(extras.redriveDate !== undefined ? { redriveDate: seconds(extras.redriveDate) } : {}),
      };
    }),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};
