import { parseMachineArn } from './arns.js';
import { type Operation, seconds } from './context.js';
import { machineDoesNotExist } from './machines.js';
import { paginate } from './validation.js';

export const ListStateMachineVersions: Operation = (ctx, input) => {
  const ref = parseMachineArn(input.stateMachineArn);
  if (ref.kind !== 'machine') throw machineDoesNotExist(input.stateMachineArn);
  const all = ctx.engine.registry.versions.list(ref.machineArn);
  const { page, nextToken } = paginate(all, input, `v:${ref.machineArn}`);
  return {
    stateMachineVersions: page.map((v) => ({ stateMachineVersionArn: v.arn, creationDate: seconds(v.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
};
