// The States.* error names of the Amazon States Language spec ("Error names")
// and how Retry/Catch treat each. AWS: "A retry or catch on States.ALL won't
// catch States.Runtime errors". (A States.DataLimitExceeded raised by a task's
// result is caught by States.ALL in AWS's recorded histories.)

export interface StatesErrorSpec {
  /** matched by an ErrorEquals of States.ALL */
  readonly caughtByAll: boolean;
  /** may be retried or caught at all (terminal errors may not) */
  readonly terminal: boolean;
}

export const STATES_ERRORS = {
  'States.ALL': { caughtByAll: true, terminal: false },
  'States.DataLimitExceeded': { caughtByAll: true, terminal: false },
  'States.Runtime': { caughtByAll: false, terminal: true },
  'States.HeartbeatTimeout': { caughtByAll: true, terminal: false },
  'States.Timeout': { caughtByAll: true, terminal: false },
  'States.TaskFailed': { caughtByAll: true, terminal: false },
  'States.Permissions': { caughtByAll: true, terminal: false },
  'States.ResultPathMatchFailure': { caughtByAll: true, terminal: false },
  'States.ParameterPathFailure': { caughtByAll: true, terminal: false },
  'States.BranchFailed': { caughtByAll: true, terminal: false },
  'States.NoChoiceMatched': { caughtByAll: true, terminal: false },
  'States.IntrinsicFailure': { caughtByAll: true, terminal: false },
  'States.ExceedToleratedFailureThreshold': { caughtByAll: true, terminal: false },
  'States.ItemReaderFailed': { caughtByAll: true, terminal: false },
  'States.ResultWriterFailed': { caughtByAll: true, terminal: false },
  'States.QueryEvaluationError': { caughtByAll: true, terminal: false },
} as const satisfies Record<string, StatesErrorSpec>;

export type StatesErrorName = keyof typeof STATES_ERRORS;

export function isKnownStatesError(name: string): name is StatesErrorName {
  return Object.prototype.hasOwnProperty.call(STATES_ERRORS, name);
}

/** Whether an error named `error` is matched by one ErrorEquals entry. */
export function errorMatches(pattern: string, error: string): boolean {
  if (pattern === error) return true;
  // "States.TaskFailed acts as a wildcard that matches any known error name except for States.Timeout"
  if (pattern === 'States.TaskFailed') return error !== 'States.Timeout' && (!isKnownStatesError(error) || STATES_ERRORS[error].caughtByAll);
  if (pattern !== 'States.ALL') return false;
  if (isKnownStatesError(error)) return STATES_ERRORS[error].caughtByAll;
  return true;
}
