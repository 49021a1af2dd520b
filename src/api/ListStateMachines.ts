import { type Operation, seconds } from './context.js';
import { paginate } from './validation.js';
import { findMachine } from './machines.js';

export const ListStateMachines: Operation = async (ctx, input) => {
  const listed = await ctx.engine.listStateMachines();
  const all = [];
  for (const sm of listed) {
    const live = sm.status === 'DELETING' ? await findMachine(ctx, sm.arn) : sm;
    if (live) all.push(live);
  }
  all.sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(all, input, 'sm');
  return {
    stateMachines: page.map((sm) => ({ stateMachineArn: sm.arn, name: sm.name, type: sm.type, creationDate: seconds(sm.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
};
