import { ApiError } from './errors.js';
import { type Operation, now, seconds } from './context.js';
import { optionalString } from './validation.js';
import { checkAliasName, checkRouting } from './aliases.js';
import { findMachine, machineDeleting, resourceNotFound, sameJson } from './machines.js';

const MAX_ALIASES = 100;

export const CreateStateMachineAlias: Operation = async (ctx, input) => {
  const description = optionalString(input, 'description', 256);
  const name = checkAliasName(input.name);
  const { machineArn, routing } = checkRouting(ctx, input.routingConfiguration);
  const sm = await findMachine(ctx, machineArn);
  if (!sm) throw resourceNotFound();
  if (sm.status === 'DELETING') throw machineDeleting(sm.arn);
  const aliases = ctx.engine.registry.aliases;
  const arn = `${machineArn}:${name}`;
  const existing = aliases.get(arn);
  if (existing) {
    if (sameJson(existing.routingConfiguration, routing) && existing.description === description) {
      return { stateMachineAliasArn: arn, creationDate: seconds(existing.creationDate) };
    }
    throw new ApiError('ConflictException', `Failed to create alias because an alias with the same name and a different routing configuration already exists: '${arn}'`);
  }
  if (aliases.list(machineArn).length >= MAX_ALIASES) {
    throw new ApiError('ServiceQuotaExceededException', `Aliases per state machine limit exceeded: '${machineArn}'`);
  }
  const creationDate = now(ctx);
  aliases.put({ arn, stateMachineArn: machineArn, name, description, routingConfiguration: routing, creationDate, updateDate: creationDate });
  return { stateMachineAliasArn: arn, creationDate: seconds(creationDate) };
};
