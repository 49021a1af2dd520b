import { ApiError } from './errors.js';
import type { Operation } from './context.js';
import { taggableOrThrow } from './resources.js';
import { constraintError, violation } from './validation.js';

export const UntagResource: Operation = async (ctx, input) => {
  const arn = await taggableOrThrow(ctx, input.resourceArn);
  const keys = input.tagKeys;
  if (keys === undefined || keys === null) throw constraintError([violation.notNull('tagKeys')]);
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) throw new ApiError('SerializationException', "Expected a list of strings for 'tagKeys'");
  ctx.engine.registry.tags.remove(arn, keys);
  return {};
};
