import { type Operation } from './context.js';
import { parseMachineArn } from './arns.js';
import { ApiError } from './errors.js';
import { findMachine, hasRunningExecutions, removeMachine } from './machines.js';

// AWS: deletion is asynchronous; a state machine with running executions is
// marked DELETING and goes once they have finished.
export const DeleteStateMachine: Operation = async (ctx, input) => {
  const ref = parseMachineArn(input.stateMachineArn);
  if (ref.kind !== 'machine') {
    throw new ApiError('ValidationException', `Service does not support deleting a qualified state machine ARN: '${String(input.stateMachineArn)}'`);
  }
  const sm = await findMachine(ctx, ref.machineArn);
  if (!sm) return {};
  if (await hasRunningExecutions(ctx, sm.arn)) {
    if (sm.status !== 'DELETING') await ctx.engine.putStateMachine({ ...sm, status: 'DELETING' });
    return {};
  }
  await removeMachine(ctx, sm.arn);
  return {};
};
