import type { Operation } from './context.js';
import { parseArn } from './arns.js';

export const DeleteStateMachine: Operation = async (ctx, input) => {
  parseArn(input.stateMachineArn, ['stateMachine']);
  await ctx.engine.deleteStateMachine(input.stateMachineArn);
  return {};
};
