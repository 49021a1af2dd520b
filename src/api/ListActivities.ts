import { type Operation, seconds } from './context.js';
import { paginate } from './validation.js';

export const ListActivities: Operation = (ctx, input) => {
  const all = ctx.engine.registry.activities.list().sort((a, b) => a.creationDate - b.creationDate || a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(all, input, 'act');
  return {
    activities: page.map((a) => ({ activityArn: a.arn, name: a.name, creationDate: seconds(a.creationDate) })),
    ...(nextToken ? { nextToken } : {}),
  };
};
