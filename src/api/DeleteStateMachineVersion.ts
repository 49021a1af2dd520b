import { ApiError } from './errors.js';
import { invalidArn, parseMachineArn } from './arns.js';
import type { Operation } from './context.js';

export const DeleteStateMachineVersion: Operation = (ctx, input) => {
  const ref = parseMachineArn(input.stateMachineVersionArn);
  if (ref.kind !== 'version') throw invalidArn(input.stateMachineVersionArn);
  const reg = ctx.engine.registry;
  const aliases = reg.aliases.referencing(input.stateMachineVersionArn);
  if (aliases.length) {
    throw new ApiError('ConflictException',
      `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${aliases.map((a) => a.arn).join(', ')}]`);
  }
  reg.versions.delete(input.stateMachineVersionArn);
  reg.tags.forget(input.stateMachineVersionArn);
  return {};
};
