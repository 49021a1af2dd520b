import { randomUUID } from 'node:crypto';
import { invalidDefinitionMessage, parseDefinition } from '../asl/index.js';
import { ApiError } from './errors.js';
import { parseMachineArn } from './arns.js';
import { type Operation, now, seconds } from './context.js';
import { checkRoleArn, optionalString } from './validation.js';
import { findMachine, loggingConfiguration, machineDeleting, machineDoesNotExist, sameJson, tracingConfiguration } from './machines.js';

export const UpdateStateMachine: Operation = async (ctx, input) => {
  const ref = parseMachineArn(input.stateMachineArn);
  if (ref.kind !== 'machine') throw new ApiError('ValidationException', `Service does not support updating a qualified state machine ARN: '${String(input.stateMachineArn)}'`);
  const definition = optionalString(input, 'definition');
  const roleArn = input.roleArn === undefined || input.roleArn === null ? undefined : checkRoleArn(optionalString(input, 'roleArn')!);
  const logging = loggingConfiguration(input.loggingConfiguration);
  const tracing = tracingConfiguration(input.tracingConfiguration);
  const encryption = input.encryptionConfiguration ?? undefined;
  const publish = input.publish === true;
  const versionDescription = optionalString(input, 'versionDescription', 256);
  if (versionDescription !== undefined && !publish) {
    throw new ApiError('ValidationException', 'Version description can only be set when publish is true');
  }
  if (definition === undefined && roleArn === undefined && !logging && !tracing && !encryption) {
    throw new ApiError('MissingRequiredParameter',
      'Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified');
  }
  const sm = await findMachine(ctx, ref.machineArn);
  if (!sm) throw machineDoesNotExist(input.stateMachineArn);
  if (sm.status === 'DELETING') throw machineDeleting(sm.arn);
  if (definition !== undefined) {
    const parsed = parseDefinition(definition, { type: sm.type });
    if (!parsed.program) throw new ApiError('InvalidDefinition', invalidDefinitionMessage(parsed.diagnostics));
  }
  const reg = ctx.engine.registry;
  const extras = reg.machines.get(sm.arn) ?? {};
  const changed = (definition !== undefined && definition !== sm.definition) || (roleArn !== undefined && roleArn !== sm.roleArn)
    || (logging !== undefined && !sameJson(logging, sm.loggingConfiguration)) || (tracing !== undefined && !sameJson(tracing, sm.tracingConfiguration))
    || (encryption !== undefined && !sameJson(encryption, extras.encryptionConfiguration));
  const updateDate = now(ctx);
  if (changed) {
    const next = {
      ...sm, revisionId: randomUUID(),
      ...(definition !== undefined ? { definition } : {}), ...(roleArn !== undefined ? { roleArn } : {}),
      ...(logging ? { loggingConfiguration: logging } : {}), ...(tracing ? { tracingConfiguration: tracing } : {}),
    };
    await ctx.engine.putStateMachine(next);
    reg.machines.set(sm.arn, { ...extras, updateDate, ...(encryption ? { encryptionConfiguration: encryption } : {}) });
  }
  const current = changed ? await findMachine(ctx, sm.arn) ?? sm : sm;
  const version = publish ? reg.versions.publish(current, versionDescription, updateDate) : undefined;
  return { updateDate: seconds(updateDate), revisionId: current.revisionId, ...(version ? { stateMachineVersionArn: version.arn } : {}) };
};
