import { parseDefinition } from '../asl/index.js';
import type { Operation } from './context.js';
import { requireString } from './validation.js';

export const ValidateStateMachineDefinition: Operation = (_ctx, input) => {
  const definition = requireString(input, 'definition');
  const type = input.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  const { diagnostics } = parseDefinition(definition, { type });
  const wanted = input.severity === 'WARNING' ? diagnostics : diagnostics.filter((d) => d.severity === 'ERROR');
  const max = input.maxResults && input.maxResults > 0 ? input.maxResults : 100;
  return {
    result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
    diagnostics: wanted.slice(0, max).map((d) => ({ severity: d.severity, code: d.code, message: d.message, location: d.location })),
    truncated: wanted.length > max,
  };
};
