// Activity look-ups shared by the activity operations.
import { ApiError } from './errors.js';
import { parseArn } from './arns.js';
import type { ApiContext } from './context.js';
import type { ActivityRecord } from '../engine/registry/index.js';

export function activityOrThrow(ctx: ApiContext, arn: unknown): ActivityRecord {
  parseArn(arn, ['activity']);
  const rec = ctx.engine.registry.activities.get(String(arn));
  if (!rec) throw new ApiError('ActivityDoesNotExist', `Activity Does Not Exist: '${String(arn)}'`);
  return rec;
}
