import { ApiError } from './errors.js';
import { type Operation, now, seconds } from './context.js';
import { optionalString } from './validation.js';
import { checkAliasArn, checkRouting } from './aliases.js';
import { resourceNotFound } from './machines.js';

export const UpdateStateMachineAlias: Operation = (ctx, input) => {
  const arn = checkAliasArn(input.stateMachineAliasArn);
  const description = optionalString(input, 'description', 256);
  const routingRaw = input.routingConfiguration ?? undefined;
  if (description === undefined && routingRaw === undefined) {
    throw new ApiError('ValidationException', 'Either the description or the RoutingConfiguration must be specified');
  }
  const alias = ctx.engine.registry.aliases.get(arn);
  if (!alias) throw resourceNotFound();
  if (routingRaw !== undefined) {
    const { machineArn, routing } = checkRouting(ctx, routingRaw);
    if (machineArn !== alias.stateMachineArn) {
      throw new ApiError('ValidationException', `Routing configuration must contain versions of the alias's state machine: '${alias.stateMachineArn}'`);
    }
    alias.routingConfiguration = routing;
  }
  if (description !== undefined) alias.description = description;
  alias.updateDate = now(ctx);
  ctx.engine.registry.aliases.put(alias);
  return { updateDate: seconds(alias.updateDate) };
};
