import type { Operation } from './context.js';
import { taggableOrThrow } from './resources.js';

export const ListTagsForResource: Operation = async (ctx, input) => {
  const arn = await taggableOrThrow(ctx, input.resourceArn);
  return { tags: ctx.engine.registry.tags.list(arn) };
};
