import type { Operation } from './context.js';
import { activityOrThrow } from './activity.js';
import { optionalString } from './validation.js';

// Long polling: answers with the oldest queued task, or after 60 seconds
// with no task (AWS: "the poll returns a taskToken with a null string").
export const GetActivityTask: Operation = async (ctx, input) => {
  const activity = activityOrThrow(ctx, input.activityArn);
  const workerName = optionalString(input, 'workerName', 80);
  const task = await ctx.engine.activities.poll(activity.arn, ctx.signal);
  if (!task) return {};
  if (ctx.signal?.aborted) {
    // the worker has gone: the task waits for the next one
    ctx.engine.activities.requeue(task);
    return {};
  }
  await ctx.engine.signal(task.executionArn, { type: 'taskStarted', taskId: task.taskId, ...(workerName !== undefined ? { workerName } : {}) });
  return { taskToken: task.taskToken, input: task.input };
};
