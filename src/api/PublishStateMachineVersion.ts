import { ApiError } from './errors.js';
import { parseMachineArn } from './arns.js';
import { type Operation, now, seconds } from './context.js';
import { optionalString } from './validation.js';
import { findMachine, machineDeleting, machineDoesNotExist } from './machines.js';

export const PublishStateMachineVersion: Operation = async (ctx, input) => {
  const ref = parseMachineArn(input.stateMachineArn);
  if (ref.kind !== 'machine') throw machineDoesNotExist(input.stateMachineArn);
  const revisionId = optionalString(input, 'revisionId');
  const description = optionalString(input, 'description', 256);
  const sm = await findMachine(ctx, ref.machineArn);
  if (!sm) throw machineDoesNotExist(input.stateMachineArn);
  if (sm.status === 'DELETING') throw machineDeleting(sm.arn);
  if (revisionId !== undefined && revisionId !== sm.revisionId) {
    throw new ApiError('ConflictException',
      `Failed to publish the State Machine version because the current revision id does not match the provided revision id. Current revision id: ${sm.revisionId}`);
  }
  const v = ctx.engine.registry.versions.publish(sm, description, now(ctx));
  return { creationDate: seconds(v.creationDate), stateMachineVersionArn: v.arn };
};
