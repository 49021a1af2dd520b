import { randomUUID } from 'node:crypto';
import { type ApiContext, type Operation, seconds } from './context.js';
import { checkName } from './arns.js';
import { ApiError } from './errors.js';
import { type ExecutionTarget, machineDeleting, resolveTarget } from './machines.js';
import type { StoredExecution } from '../engine/engine.js';

const MAX_INPUT_BYTES = 256 * 1024;

export function parseInput(text: unknown): { input: unknown; inputText: string } {
  if (text === undefined || text === null) return { input: {}, inputText: '{}' };
  if (typeof text !== 'string') throw new ApiError('SerializationException', "Expected a string for 'input'");
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) {
    throw new ApiError('ValidationException', `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144`);
  }
  try {
    return { input: JSON.parse(text), inputText: text };
  } catch (e) {
    throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(e as Error).message}'`);
  }
}

/**
 * Starts an execution of a state machine, version or alias ARN (an alias
 * picks one of its versions by weight). The execution runs the definition it
 * started with, whatever happens to the state machine afterwards.
 */
export async function startTarget(ctx: ApiContext, input: Record<string, any>, sync: boolean): Promise<{ rec: StoredExecution; target: ExecutionTarget }> {
  const target = await resolveTarget(ctx, input.stateMachineArn);
  const sm = target.machine;
  if (sm.status === 'DELETING') throw machineDeleting(sm.arn);
  if (sync && sm.type !== 'EXPRESS') {
    throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  }
  const name = input.name === undefined || input.name === null ? randomUUID() : checkName(input.name);
  const { input: value, inputText } = parseInput(input.input);
  const executionArn = sm.type === 'EXPRESS'
    ? `arn:aws:states:${ctx.region}:${ctx.account}:express:${sm.name}:${name}:${randomUUID()}`
    : `arn:aws:states:${ctx.region}:${ctx.account}:execution:${sm.name}:${name}`;
  const rec = await ctx.engine.startExecution({
    stateMachineArn: sm.arn, stateMachineName: sm.name, type: sm.type, definition: target.definition, roleArn: target.roleArn,
    executionArn, name, input: value, inputText,
  });
  if (!rec) {
    // AWS: the same name and input as a running execution answers as the first call did
    const prev = (await ctx.engine.getExecution(executionArn))!;
    if (prev.inputText === inputText && prev.status === 'RUNNING') return { rec: prev, target };
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
  }
  if (target.version) {
    ctx.engine.registry.executions.set(executionArn, {
      stateMachineVersionArn: target.version.arn, ...(target.alias ? { stateMachineAliasArn: target.alias.arn } : {}),
    });
  }
  return { rec, target };
}

export async function startFor(ctx: ApiContext, input: Record<string, any>, sync: boolean): Promise<StoredExecution> {
  return (await startTarget(ctx, input, sync)).rec;
}

export const StartExecution: Operation = async (ctx, input) => {
  const rec = await startFor(ctx, input, false);
  return { executionArn: rec.executionArn, startDate: seconds(rec.startDate) };
};
