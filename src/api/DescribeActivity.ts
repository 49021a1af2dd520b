import { type Operation, seconds } from './context.js';
import { activityOrThrow } from './activity.js';
import { DEFAULT_ENCRYPTION } from './machines.js';

export const DescribeActivity: Operation = (ctx, input) => {
  const a = activityOrThrow(ctx, input.activityArn);
  return { activityArn: a.arn, name: a.name, creationDate: seconds(a.creationDate), encryptionConfiguration: a.encryptionConfiguration ?? DEFAULT_ENCRYPTION };
};
