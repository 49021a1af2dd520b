import type { Operation } from './context.js';
import { openTask } from './task-tokens.js';

export const SendTaskHeartbeat: Operation = async (ctx, input) => {
  const task = await openTask(ctx, input);
  await ctx.engine.signal(task.executionArn, { type: 'taskHeartbeat', taskId: task.taskId });
  return {};
};
