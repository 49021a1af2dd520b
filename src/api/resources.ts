// Taggable resources (TagResource / UntagResource / ListTagsForResource):
// state machines and activities.
import { ApiError } from './errors.js';
import { parseArn, parseMachineArn } from './arns.js';
import type { ApiContext } from './context.js';
import { findMachine } from './machines.js';

export async function taggableOrThrow(ctx: ApiContext, arn: unknown): Promise<string> {
  const p = parseArn(arn, ['stateMachine', 'activity']);
  const text = String(arn);
  let exists = false;
  if (p.resourceType === 'activity') exists = ctx.engine.registry.activities.has(text);
  else {
    const ref = parseMachineArn(text);
    const sm = await findMachine(ctx, ref.machineArn);
    if (sm) {
      if (ref.kind === 'machine') exists = true;
      else if (ref.kind === 'version') exists = Boolean(ctx.engine.registry.versions.get(text));
      else exists = Boolean(ctx.engine.registry.aliases.get(text));
    }
  }
  if (!exists) throw new ApiError('ResourceNotFound', `Resource not found: '${text}'`, { resourceName: text });
  return text;
}
