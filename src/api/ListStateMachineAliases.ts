import { parseMachineArn } from './arns.js';
import { type Operation, seconds } from './context.js';
import { findMachine, machineDoesNotExist, resourceNotFound } from './machines.js';
import { paginate } from './validation.js';

export const ListStateMachineAliases: Operation = async (ctx, input) => {
  const ref = parseMachineArn(input.stateMachineArn);
  if (ref.kind === 'alias') throw resourceNotFound();
  const sm = await findMachine(ctx, ref.machineArn);
  if (!sm) throw machineDoesNotExist(input.stateMachineArn);
  const reg = ctx.engine.registry;
  if (ref.kind === 'version' && !reg.versions.get(input.stateMachineArn)) throw resourceNotFound();
  // a version ARN lists the aliases that route to it
  const all = ref.kind === 'version' ? reg.aliases.referencing(input.stateMachineArn) : reg.aliases.list(sm.arn);
  const { page, nextToken } = paginate(all, input, `a:${input.stateMachineArn}`);
  return {
    stateMachineAliases: page.map((a) => ({ stateMachineAliasArn: a.arn, creationDate: seconds(a.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
};
