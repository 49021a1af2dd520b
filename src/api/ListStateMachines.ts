import { type Operation, seconds } from './context.js';
import { paginate } from './validation.js';

export const ListStateMachines: Operation = async (ctx, input) => {
  const all = [...(await ctx.engine.listStateMachines())].sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(all, input, 'sm');
  return {
    stateMachines: page.map((sm) => ({ stateMachineArn: sm.arn, name: sm.name, type: sm.type, creationDate: seconds(sm.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
};
