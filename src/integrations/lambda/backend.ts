// What runs a Lambda function: local handler modules or a Lambda-compatible
// endpoint. Results take the shapes of the Lambda Invoke API.

export interface LambdaRequest {
  /** function name, full or partial ARN, with or without a qualifier */
  readonly functionRef: string;
  /** the request payload bytes as text (a JSON document) */
  readonly payload: string;
  /** the payload is JSON.stringify's output, so a backend need not check that it parses */
  readonly payloadIsJson?: boolean;
  readonly qualifier?: string;
  /** 'Tail' asks for the last 4 KB of the invocation's log */
  readonly logType?: string;
  readonly invocationType?: string;
  readonly clientContext?: string;
  /** the state's remaining time budget, if it has a TimeoutSeconds */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export type LambdaResult =
  | { readonly kind: 'payload'; readonly payload: string; readonly requestId: string; readonly statusCode: number;
    readonly executedVersion: string; readonly logResult?: string }
  | { readonly kind: 'functionError'; readonly errorType: string; readonly payload: string; readonly requestId: string;
    readonly executedVersion: string; readonly logResult?: string }
  /** the Invoke call itself failed: `error` is the Step Functions error name (Lambda.*) */
  | { readonly kind: 'serviceError'; readonly error: string; readonly cause: string };

export interface LambdaBackend {
  invoke(req: LambdaRequest): Promise<LambdaResult>;
  close?(): void;
}

/** Function name from a name, a full/partial ARN, with or without a qualifier. */
export function functionName(ref: string): string {
  const parts = ref.split(':');
  if (parts.length >= 7 && parts[0] === 'arn') return parts[6]!;
  if (parts.length >= 3 && parts[1] === 'function') return parts[2]!; // ACCOUNT:function:NAME
  return parts[0]!;
}

/** The qualifier (version or alias) written into a function ARN, if any. */
export function functionQualifier(ref: string): string | undefined {
  const parts = ref.split(':');
  if (parts.length >= 8 && parts[0] === 'arn') return parts[7];
  if (parts.length >= 4 && parts[1] === 'function') return parts[3];
  if (parts.length === 2) return parts[1];
  return undefined;
}

/** The cause text AWS Step Functions writes for a failed Lambda API call (AWS SDK for Java v1 style). */
export function lambdaServiceCause(message: string, status: number, code: string, requestId: string): string {
  return `${message} (Service: AWSLambda; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`;
}
