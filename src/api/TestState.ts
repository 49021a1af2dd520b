import { ApiError } from './errors.js';
import type { Operation } from './context.js';
import { checkRoleArn, optionalEnum, optionalString, requireString } from './validation.js';
import { testState } from '../engine/test-state.js';

const MAX_DEFINITION = 1024 * 1024;

export const TestState: Operation = async (ctx, input) => {
  const definition = requireString(input, 'definition');
  if (definition.length > MAX_DEFINITION) {
    throw new ApiError('ValidationException', `1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to ${MAX_DEFINITION}`);
  }
  const roleArn = optionalString(input, 'roleArn');
  if (roleArn !== undefined) checkRoleArn(roleArn);
  const inspectionLevel = optionalEnum(input, 'inspectionLevel', ['INFO', 'DEBUG', 'TRACE'] as const);
  const mock = input.mock ?? undefined;
  if (mock !== undefined) {
    optionalEnum(mock, 'fieldValidationMode', ['STRICT', 'PRESENT', 'NONE'] as const);
    if (mock.result !== undefined && mock.errorOutput !== undefined) {
      throw new ApiError('ValidationException', 'A mock can have a result or an errorOutput, not both');
    }
  }
  const r = await testState(ctx.engine, {
    definition, roleArn, inspectionLevel,
    stateName: optionalString(input, 'stateName'), input: optionalString(input, 'input'), variables: optionalString(input, 'variables'),
    context: optionalString(input, 'context'), revealSecrets: input.revealSecrets === true, mock,
    stateConfiguration: input.stateConfiguration ?? undefined, region: ctx.region, account: ctx.account,
  });
  if ('code' in r) throw new ApiError(r.code, r.message);
  return r;
};
