import { parseDefinition } from '../asl/index.js';
import type { Operation } from './context.js';
import { constraintError, optionalEnum, requireString, violation } from './validation.js';

export const ValidateStateMachineDefinition: Operation = (_ctx, input) => {
  const definition = requireString(input, 'definition');
  const type = optionalEnum(input, 'type', ['STANDARD', 'EXPRESS'] as const) ?? 'STANDARD';
  const severity = optionalEnum(input, 'severity', ['ERROR', 'WARNING'] as const) ?? 'ERROR';
  const m = input.maxResults;
  if (m !== undefined && m !== null && (!Number.isInteger(m) || m < 0 || m > 100)) {
    throw constraintError([m < 0 ? violation.min('maxResults', m, 0) : violation.max('maxResults', m, 100)]);
  }
  const max = m ? m : 100;
  const { diagnostics } = parseDefinition(definition, { type });
  const wanted = severity === 'WARNING' ? diagnostics : diagnostics.filter((d) => d.severity === 'ERROR');
  return {
    result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
    diagnostics: wanted.slice(0, max).map((d) => ({ severity: d.severity, code: d.code, message: d.message, location: d.location })),
    truncated: wanted.length > max,
  };
};
