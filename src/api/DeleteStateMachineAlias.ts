import type { Operation } from './context.js';
import { checkAliasArn } from './aliases.js';

export const DeleteStateMachineAlias: Operation = (ctx, input) => {
  const arn = checkAliasArn(input.stateMachineAliasArn);
  ctx.engine.registry.aliases.delete(arn);
  ctx.engine.registry.tags.forget(arn);
  return {};
};
