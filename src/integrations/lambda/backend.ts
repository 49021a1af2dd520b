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
  readonly cancel?: Cancellation;
}

/**
 * A call's cancellation: `cancelled` is read on every dispatch; the
 * AbortSignal is made only when something must listen (a call that has run
 * long, a remote request), since making one costs more than a short call.
 */
export interface Cancellation {
  readonly cancelled: boolean;
  readonly signal: AbortSignal;
}

/** an AbortSignal as a Cancellation */
export const cancellationOf = (signal: AbortSignal): Cancellation => ({ get cancelled() { return signal.aborted; }, signal });

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

/** names and qualifiers of the function references seen, by reference (a state names its function on every call) */
const refs = new Map<string, readonly [string, string | undefined]>();
const REFS_KEPT = 1024;

function parseRef(ref: string): readonly [string, string | undefined] {
  let r = refs.get(ref);
  if (r) return r;
  const parts = ref.split(':');
  if (parts.length >= 7 && parts[0] === 'arn') r = [parts[6]!, parts.length >= 8 ? parts[7] : undefined];
  else if (parts.length >= 3 && parts[1] === 'function') r = [parts[2]!, parts.length >= 4 ? parts[3] : undefined]; // ACCOUNT:function:NAME
  else r = [parts[0]!, parts.length === 2 ? parts[1] : undefined];
  if (refs.size >= REFS_KEPT) refs.clear();
  refs.set(ref, r);
  return r;
}

/** Function name from a name, a full/partial ARN, with or without a qualifier. */
export function functionName(ref: string): string {
  return parseRef(ref)[0];
}

/** The qualifier (version or alias) written into a function ARN, if any. */
export function functionQualifier(ref: string): string | undefined {
  return parseRef(ref)[1];
}

/** The cause text AWS Step Functions writes for a failed Lambda API call (AWS SDK for Java v1 style). */
export function lambdaServiceCause(message: string, status: number, code: string, requestId: string): string {
  return `${message} (Service: AWSLambda; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`;
}
