import { checkName } from './arns.js';
import { type Operation, now, seconds } from './context.js';
import { requireString } from './validation.js';
import { checkTags, MAX_TAGS, tooManyTags } from './tags.js';

// AWS: idempotent on the name; different tags on a repeated call are ignored.
export const CreateActivity: Operation = (ctx, input) => {
  const name = checkName(requireString(input, 'name'));
  const tags = checkTags(input.tags);
  const arn = `arn:aws:states:${ctx.region}:${ctx.account}:activity:${name}`;
  const reg = ctx.engine.registry;
  const existing = reg.activities.get(arn);
  if (existing) return { activityArn: arn, creationDate: seconds(existing.creationDate) };
  if (new Set(tags.map((t) => t.key)).size > MAX_TAGS) throw tooManyTags(arn);
  const creationDate = now(ctx);
  reg.activities.put({ arn, name, creationDate, ...(input.encryptionConfiguration ? { encryptionConfiguration: input.encryptionConfiguration } : {}) });
  if (tags.length) reg.tags.add(arn, tags);
  return { activityArn: arn, creationDate: seconds(creationDate) };
};
