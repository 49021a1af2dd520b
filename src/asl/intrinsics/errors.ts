import { StatesError } from '../errors/states-error.js';

/** A malformed intrinsic function call: a definition error, never a runtime one. */
export class IntrinsicSyntaxError extends Error {
  /** offset in the call text where the problem was found */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'IntrinsicSyntaxError';
    this.offset = offset;
  }
}

/**
 * The error a failing intrinsic raises at run time. AWS reports failures of
 * payload evaluation in JSONPath states (missing paths, bad Wait/Map inputs)
 * as `States.Runtime`; the spec's `States.IntrinsicFailure` is kept in the
 * error table but AWS histories in the corpus never show it.
 */
export const INTRINSIC_RUNTIME_ERROR = 'States.Runtime';

/**
 * Throws the run-time failure of intrinsic `fn`. The cause is the part after
 * AWS's "An error occurred while executing the state '…' (entered at the
 * event id #…). " prefix, which the state executor adds.
 */
export function intrinsicFailure(fn: string, detail: string): never {
  throw new StatesError(INTRINSIC_RUNTIME_ERROR, `Invalid arguments in ${fn}: ${detail}`);
}

/**
 * The definition diagnostic AWS gives for a `.$` field that is neither a
 * path nor a valid intrinsic call (conformance:
 * scenarios/test_base_scenarios/test_illegal_escapes__ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION*):
 * "SCHEMA_VALIDATION_FAILED: <this> at /States/<name>/Parameters".
 */
export function invalidIntrinsicFieldMessage(fieldName: string): string {
  return `The value for the field '${fieldName}' must be a valid JSONPath or a valid intrinsic function call`;
}
