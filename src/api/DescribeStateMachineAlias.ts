import { type Operation, seconds } from './context.js';
import { checkAliasArn } from './aliases.js';
import { resourceNotFound } from './machines.js';

export const DescribeStateMachineAlias: Operation = (ctx, input) => {
  const alias = ctx.engine.registry.aliases.get(checkAliasArn(input.stateMachineAliasArn));
  if (!alias) throw resourceNotFound();
  return {
    stateMachineAliasArn: alias.arn, name: alias.name, ...(alias.description !== undefined ? { description: alias.description } : {}),
    routingConfiguration: alias.routingConfiguration, creationDate: seconds(alias.creationDate), updateDate: seconds(alias.updateDate),
  };
};
