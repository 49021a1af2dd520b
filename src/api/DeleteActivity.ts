import type { Operation } from './context.js';
import { parseArn } from './arns.js';

export const DeleteActivity: Operation = (ctx, input) => {
  parseArn(input.activityArn, ['activity']);
  ctx.engine.registry.activities.delete(input.activityArn);
  ctx.engine.registry.tags.forget(input.activityArn);
  return {};
};
