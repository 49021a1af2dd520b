import { randomUUID } from 'node:crypto';
import { invalidDefinitionMessage, parseDefinition } from '../asl/index.js';
import { ApiError } from './errors.js';
import { checkName } from './arns.js';
import { type Operation, now, seconds } from './context.js';
import { checkRoleArn, optionalEnum, optionalString, requireString } from './validation.js';
import { DEFAULT_LOGGING, DEFAULT_TRACING, findMachine, loggingConfiguration, machineDeleting, sameJson, tracingConfiguration } from './machines.js';
import { checkTags, MAX_TAGS, tooManyTags } from './tags.js';

export const CreateStateMachine: Operation = async (ctx, input) => {
  const name = checkName(requireString(input, 'name'));
  const definition = requireString(input, 'definition');
  const roleArn = checkRoleArn(requireString(input, 'roleArn'));
  const type = optionalEnum(input, 'type', ['STANDARD', 'EXPRESS'] as const) ?? 'STANDARD';
  const publish = input.publish === true;
  const versionDescription = optionalString(input, 'versionDescription', 256);
  if (versionDescription !== undefined && !publish) {
    throw new ApiError('ValidationException', 'Version description can only be set when publish is true');
  }
  const logging = loggingConfiguration(input.loggingConfiguration);
  const tracing = tracingConfiguration(input.tracingConfiguration);
  const tags = checkTags(input.tags);
  if (new Set(tags.map((t) => t.key)).size > MAX_TAGS) throw tooManyTags(name);
  const parsed = parseDefinition(definition, { type });
  if (!parsed.program) throw new ApiError('InvalidDefinition', invalidDefinitionMessage(parsed.diagnostics));
  const arn = `arn:aws:states:${ctx.region}:${ctx.account}:stateMachine:${name}`;
  const reg = ctx.engine.registry;
  const existing = await findMachine(ctx, arn);
  if (existing) {
    if (existing.status === 'DELETING') throw machineDeleting(arn);
    // AWS: idempotent on name, definition, type, logging and tracing; a different roleArn or tags are ignored
    const same = existing.definition === definition && existing.type === type
      && sameJson(existing.loggingConfiguration ?? DEFAULT_LOGGING, logging ?? DEFAULT_LOGGING)
      && sameJson(existing.tracingConfiguration ?? DEFAULT_TRACING, tracing ?? DEFAULT_TRACING);
    if (!same) throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    const version = publish ? reg.versions.publish(existing, versionDescription, now(ctx)) : undefined;
    return { stateMachineArn: arn, creationDate: seconds(existing.creationDate), ...(version ? { stateMachineVersionArn: version.arn } : {}) };
  }
  const creationDate = now(ctx);
  const sm = {
    arn, name, type, definition, roleArn, creationDate, revisionId: randomUUID(), status: 'ACTIVE' as const,
    ...(logging ? { loggingConfiguration: logging } : {}), ...(tracing ? { tracingConfiguration: tracing } : {}),
  };
  await ctx.engine.putStateMachine(sm);
  if (input.encryptionConfiguration) reg.machines.set(arn, { encryptionConfiguration: input.encryptionConfiguration });
  if (tags.length) reg.tags.add(arn, tags);
  const version = publish ? reg.versions.publish(sm, versionDescription, creationDate) : undefined;
  return { stateMachineArn: arn, creationDate: seconds(creationDate), ...(version ? { stateMachineVersionArn: version.arn } : {}) };
};
