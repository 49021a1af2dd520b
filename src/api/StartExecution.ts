import { randomUUID } from 'node:crypto';
import { type ApiContext, type Operation, seconds } from './context.js';
import { checkName } from './arns.js';
import { ApiError } from './errors.js';
import { machineOrThrow } from './DescribeStateMachine.js';
import type { ExecutionRecord } from '../engine/engine.js';

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

export async function startFor(ctx: ApiContext, input: Record<string, any>, sync: boolean): Promise<ExecutionRecord> {
  const sm = await machineOrThrow(ctx, input.stateMachineArn);
  if (sync && sm.type !== 'EXPRESS') {
    throw new ApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  }
  const name = input.name === undefined ? randomUUID() : checkName(input.name);
  const { input: value, inputText } = parseInput(input.input);
  const executionArn = sm.type === 'EXPRESS'
    ? `arn:aws:states:${ctx.region}:${ctx.account}:express:${sm.name}:${name}:${randomUUID()}`
    : `arn:aws:states:${ctx.region}:${ctx.account}:execution:${sm.name}:${name}`;
  const rec = await ctx.engine.startExecution({
    stateMachineArn: sm.arn, stateMachineName: sm.name, type: sm.type, definition: sm.definition, roleArn: sm.roleArn,
    executionArn, name, input: value, inputText,
  });
  if (!rec) {
    const prev = (await ctx.engine.getExecution(executionArn))!;
    if (prev.inputText === inputText && prev.status === 'RUNNING') return prev;
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
  }
  return rec;
}

export const StartExecution: Operation = async (ctx, input) => {
  const rec = await startFor(ctx, input, false);
  return { executionArn: rec.executionArn, startDate: seconds(rec.startDate) };
};
