/**
 * A problem found in a definition. `code` follows AWS's
 * ValidateStateMachineDefinition codes (SCHEMA_VALIDATION_FAILED,
 * MISSING_TRANSITION_TARGET, ...); `location` is a JSON Pointer into the
 * definition ("/States/Foo/Next").
 */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly code: string;
  readonly message: string;
  readonly location: string;
}

/** JSON Pointer for a child of `base` (RFC 6901 escaping). */
export function pointer(base: string, ...keys: (string | number)[]): string {
  let out = base;
  for (const k of keys) out += '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}
