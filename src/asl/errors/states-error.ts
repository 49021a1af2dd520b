import type { StatesErrorName } from './table.js';

/**
 * An ASL runtime error: data (`error`, `cause`) that becomes exactly the
 * history event AWS writes. Thrown inside the pure interpreter and caught at
 * the state boundary, where Retry/Catch apply.
 */
export class StatesError extends Error {
  readonly error: string;
  override readonly cause: string | undefined;
  /** for States.QueryEvaluationError and friends: which field failed (EvaluationFailed.location) */
  readonly location: string | undefined;

  constructor(error: StatesErrorName | string, cause?: string, location?: string) {
    super(cause ? `${error}: ${cause}` : error);
    this.name = 'StatesError';
    this.error = error;
    this.cause = cause;
    this.location = location;
  }
}

export function isStatesError(e: unknown): e is StatesError {
  return e instanceof StatesError;
}
