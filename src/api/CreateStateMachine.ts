import { randomUUID } from 'node:crypto';
import { invalidDefinitionMessage, parseDefinition } from '../asl/index.js';
import { ApiError } from './errors.js';
import { checkName } from './arns.js';
import { type Operation, seconds } from './context.js';
import { checkRoleArn, requireString } from './validation.js';

export const CreateStateMachine: Operation = async (ctx, input) => {
  const name = checkName(requireString(input, 'name'));
  const definition = requireString(input, 'definition');
  const roleArn = checkRoleArn(requireString(input, 'roleArn'));
  const type = input.type ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
  }
  const parsed = parseDefinition(definition, { type });
  if (!parsed.program) throw new ApiError('InvalidDefinition', invalidDefinitionMessage(parsed.diagnostics));
  const arn = `arn:aws:states:${ctx.region}:${ctx.account}:stateMachine:${name}`;
  const existing = await ctx.engine.getStateMachine(arn);
  if (existing) {
    if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type) {
      return { stateMachineArn: arn, creationDate: seconds(existing.creationDate) };
    }
    throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
  }
  const creationDate = Date.now();
  await ctx.engine.putStateMachine({
    arn, name, type, definition, roleArn, creationDate, revisionId: randomUUID(), status: 'ACTIVE',
    loggingConfiguration: input.loggingConfiguration, tracingConfiguration: input.tracingConfiguration,
  });
  return { stateMachineArn: arn, creationDate: seconds(creationDate) };
};
