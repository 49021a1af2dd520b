import type { Operation } from './context.js';
import { optionalString } from './validation.js';
import { openTask } from './task-tokens.js';

export const SendTaskFailure: Operation = async (ctx, input) => {
  const error = optionalString(input, 'error', 256);
  const cause = optionalString(input, 'cause', 32768);
  const task = await openTask(ctx, input);
  // AWS records a failure sent without an error name with no error field (States.ALL still catches it)
  await ctx.engine.signal(task.executionArn, { type: 'taskFailed', taskId: task.taskId, error: error as string, ...(cause !== undefined ? { cause } : {}) });
  return {};
};
