import type { Operation } from './context.js';
import { taggableOrThrow } from './resources.js';
import { checkTags, MAX_TAGS, tooManyTags } from './tags.js';
import { constraintError, violation } from './validation.js';

export const TagResource: Operation = async (ctx, input) => {
  const arn = await taggableOrThrow(ctx, input.resourceArn);
  if (input.tags === undefined || input.tags === null) throw constraintError([violation.notNull('tags')]);
  const tags = checkTags(input.tags);
  const reg = ctx.engine.registry.tags;
  if (reg.countAfter(arn, tags) > MAX_TAGS) throw tooManyTags(arn);
  reg.add(arn, tags);
  return {};
};
