import { ApiError } from './errors.js';
import type { Operation } from './context.js';
import { requireString } from './validation.js';
import { openTask } from './task-tokens.js';

const MAX_OUTPUT_BYTES = 256 * 1024;

export const SendTaskSuccess: Operation = async (ctx, input) => {
  const text = requireString(input, 'output');
  // AWS answers an unknown token before it looks at the output
  const task = await openTask(ctx, input);
  if (Buffer.byteLength(text) > MAX_OUTPUT_BYTES) {
    throw new ApiError('ValidationException', "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to 262144");
  }
  let output: unknown;
  try {
    output = JSON.parse(text);
  } catch (e) {
    throw new ApiError('InvalidOutput', `Invalid Output: '${(e as Error).message}'`);
  }
  await ctx.engine.signal(task.executionArn, { type: 'taskSucceeded', taskId: task.taskId, output });
  return {};
};
