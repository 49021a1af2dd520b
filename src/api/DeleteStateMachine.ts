import type { Operation } from './context.js';
import { parseArn } from './arns.js';

export const DeleteStateMachine: Operation = (ctx, input) => {
  parseArn(input.stateMachineArn, ['stateMachine']);
  ctx.engine.deleteStateMachine(input.stateMachineArn);
  return {};
};
