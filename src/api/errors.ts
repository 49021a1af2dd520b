// AWS Step Functions API exceptions: the `__type` code and HTTP status AWS
// answers with (API reference, "Errors" of each operation).

export const API_ERRORS = {
  InvalidArn: 400, InvalidName: 400, InvalidDefinition: 400, InvalidExecutionInput: 400, InvalidToken: 400,
  InvalidOutput: 400, InvalidLoggingConfiguration: 400, InvalidTracingConfiguration: 400,
  StateMachineDoesNotExist: 400, StateMachineAlreadyExists: 400, StateMachineDeleting: 400, StateMachineLimitExceeded: 400,
  StateMachineTypeNotSupported: 400, ExecutionDoesNotExist: 400, ExecutionAlreadyExists: 400, ExecutionLimitExceeded: 400,
  ExecutionNotRedrivable: 400, ActivityDoesNotExist: 400, ActivityLimitExceeded: 400, ActivityWorkerLimitExceeded: 400,
  ActivityAlreadyExists: 400, TaskDoesNotExist: 400, TaskTimedOut: 400, ResourceNotFound: 400, TooManyTags: 400,
  ValidationException: 400, ConflictException: 400, ServiceQuotaExceededException: 402, MissingRequiredParameter: 400,
  SerializationException: 400, UnknownOperationException: 400, InvalidEncryptionConfiguration: 400,
  KmsAccessDeniedException: 400, KmsInvalidStateException: 400, KmsThrottlingException: 400,
  MissingAuthenticationTokenException: 400, IncompleteSignatureException: 400, UnrecognizedClientException: 400,
  InvalidSignatureException: 400,
  InternalFailure: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(readonly code: ApiErrorCode, message: string, readonly extra?: Record<string, unknown>) {
    super(message);
    this.status = API_ERRORS[code];
  }
}
