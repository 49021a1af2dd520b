// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat: which task a token
// names, and AWS's answers for tokens that name none (InvalidToken) or a task
// that is over (TaskTimedOut).
import { ApiError } from './errors.js';
import type { ApiContext } from './context.js';
import { constraintError, requireString, violation } from './validation.js';
import { resolveActivityTaskToken } from '../engine/activities.js';

export async function openTask(ctx: ApiContext, input: Record<string, any>): Promise<{ executionArn: string; taskId: string }> {
  const token = requireString(input, 'taskToken');
  if (token.length < 1) throw constraintError([violation.minLength('taskToken', token, 1)]);
  if (token.length > 2048) throw constraintError([violation.maxLength('taskToken', token, 2048)]);
  const target = resolveActivityTaskToken(token) ?? await ctx.engine.taskToken(token);
  if (!target) throw new ApiError('InvalidToken', "Invalid Token: 'Invalid token'");
  const rec = await ctx.engine.getExecution(target.executionArn);
  if (!rec || rec.status !== 'RUNNING' || !(target.taskId in rec.state.tasks)) {
    throw new ApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
  }
  return target;
}
