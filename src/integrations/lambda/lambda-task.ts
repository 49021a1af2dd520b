// Task states that call Lambda: the legacy function ARN resource and the
// optimized `arn:aws:states:::lambda:invoke` integration.
import type { Cancellation, LambdaBackend, LambdaResult } from './backend.js';
import { functionQualifier } from './backend.js';
import type { Outcome } from '../outcome.js';

function parsePayload(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}

/** Budget left for the call: the state's TimeoutSeconds, if any. */
export interface CallLimits {
  readonly timeoutMs?: number;
  readonly cancel: Cancellation;
}

/** `Resource: arn:aws:lambda:...:function:NAME`: the payload is the input, the result the output. */
export function invokeFunctionArn(fns: LambdaBackend, arn: string, input: unknown, limits: CallLimits): Promise<Outcome> {
  return fns.invoke({
    functionRef: arn, qualifier: functionQualifier(arn), payload: JSON.stringify(input ?? null), payloadIsJson: true, timeoutMs: limits.timeoutMs, cancel: limits.cancel,
  }).then(functionArnOutcome);
}

function functionArnOutcome(r: LambdaResult): Outcome {
  if (r.kind === 'serviceError') return { kind: 'failure', error: r.error, cause: r.cause };
  if (r.kind === 'functionError') return { kind: 'failure', error: r.errorType, cause: r.payload };
  return { kind: 'success', output: parsePayload(r.payload) };
}

/**
 * The request payload of lambda:invoke: a string is sent as the payload's
 * bytes ("0" arrives as the number 0), JSON as its text, and no payload (or
 * null) as an empty body, which Lambda hands to the handler as `{}`.
 */
export function requestPayload(payload: unknown): string {
  if (payload === undefined || payload === null) return '{}';
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

/** `Resource: arn:aws:states:::lambda:invoke` with FunctionName, Payload and the other Invoke parameters. */
export async function invokeLambdaInvoke(fns: LambdaBackend, parameters: any, limits: CallLimits): Promise<Outcome> {
  const ref = parameters?.FunctionName;
  if (typeof ref !== 'string') {
    return { kind: 'failure', error: 'States.Runtime', cause: "The field 'FunctionName' is required for lambda:invoke" };
  }
  const r = await fns.invoke({
    functionRef: ref, payload: requestPayload(parameters.Payload), payloadIsJson: typeof parameters.Payload !== 'string', qualifier: parameters.Qualifier ?? functionQualifier(ref),
    logType: parameters.LogType, invocationType: parameters.InvocationType, clientContext: parameters.ClientContext, ...limits,
  });
  if (r.kind === 'serviceError') return { kind: 'failure', error: r.error, cause: r.cause };
  if (r.kind === 'functionError') {
    const payload = parsePayload(r.payload);
    return { kind: 'failure', error: r.errorType, cause: typeof payload === 'string' ? payload : JSON.stringify(payload) };
  }
  return { kind: 'success', output: invokeResponse(r) };
}

/** The Invoke response as Step Functions returns it (AWS SDK for Java v1 shape, headers included). */
function invokeResponse(r: Extract<LambdaResult, { kind: 'payload' }>): Record<string, unknown> {
  const length = String(Buffer.byteLength(r.payload));
  const date = new Date().toUTCString();
  const all: Record<string, string[]> = {};
  const one: Record<string, string> = {};
  const header = (k: string, v: string): void => { all[k] = [v]; one[k] = v; };
  if (r.logResult !== undefined) header('X-Amz-Log-Result', r.logResult);
  header('X-Amz-Executed-Version', r.executedVersion);
  header('x-amzn-Remapped-Content-Length', '0');
  header('Connection', 'keep-alive');
  header('x-amzn-RequestId', r.requestId);
  header('Content-Length', length);
  header('Date', date);
  header('Content-Type', 'application/json');
  const out: Record<string, unknown> = { ExecutedVersion: r.executedVersion };
  if (r.logResult !== undefined) out.LogResult = r.logResult;
  out.Payload = r.statusCode === 200 ? parsePayload(r.payload) : r.payload;
  out.SdkHttpMetadata = { AllHttpHeaders: all, HttpHeaders: Object.fromEntries(Object.entries(one).sort(([a], [b]) => a.localeCompare(b))), HttpStatusCode: r.statusCode };
  out.SdkResponseMetadata = { RequestId: r.requestId };
  out.StatusCode = r.statusCode;
  return out;
}
