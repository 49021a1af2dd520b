// Task states that call Lambda: the legacy function ARN resource and the
// optimized `arn:aws:states:::lambda:invoke` integration.
import type { LocalFunctions } from './local-functions.js';

export type Outcome =
  | { readonly kind: 'success'; readonly output: unknown }
  | { readonly kind: 'failure'; readonly error: string; readonly cause?: string };

function parsePayload(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}

function notFound(functionArn: string, requestId: string): Outcome {
  return {
    kind: 'failure', error: 'Lambda.ResourceNotFoundException',
    cause: `Function not found: ${functionArn}:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${requestId}; Proxy: null)`,
  };
}

/** `Resource: arn:aws:lambda:...:function:NAME`: the payload is the input, the result the output. */
export async function invokeFunctionArn(fns: LocalFunctions, arn: string, input: unknown, signal: AbortSignal): Promise<Outcome> {
  const r = await fns.invoke(arn, input, { signal });
  if (r.kind === 'notFound') return notFound(r.functionArn, crypto.randomUUID());
  if (r.kind === 'functionError') return { kind: 'failure', error: r.errorType, cause: r.payload };
  return { kind: 'success', output: parsePayload(r.payload) };
}

/** `Resource: arn:aws:states:::lambda:invoke` with FunctionName and Payload parameters. */
export async function invokeLambdaInvoke(fns: LocalFunctions, parameters: any, signal: AbortSignal): Promise<Outcome> {
  const ref = parameters?.FunctionName;
  if (typeof ref !== 'string') {
    return { kind: 'failure', error: 'States.Runtime', cause: "The field 'FunctionName' is required for lambda:invoke" };
  }
  const r = await fns.invoke(ref, parameters.Payload ?? null, { signal });
  if (r.kind === 'notFound') return notFound(r.functionArn, crypto.randomUUID());
  if (r.kind === 'functionError') {
    const payload = parsePayload(r.payload);
    return { kind: 'failure', error: r.errorType, cause: typeof payload === 'string' ? payload : JSON.stringify(payload) };
  }
  const length = String(Buffer.byteLength(r.payload));
  return {
    kind: 'success',
    output: {
      ExecutedVersion: '$LATEST',
      Payload: parsePayload(r.payload),
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'X-Amz-Executed-Version': ['$LATEST'], 'x-amzn-Remapped-Content-Length': ['0'], Connection: ['keep-alive'],
          'x-amzn-RequestId': [r.requestId], 'Content-Length': [length], Date: [new Date().toUTCString()],
          'Content-Type': ['application/json'],
        },
        HttpHeaders: {
          Connection: 'keep-alive', 'Content-Length': length, 'Content-Type': 'application/json', Date: new Date().toUTCString(),
          'X-Amz-Executed-Version': '$LATEST', 'x-amzn-Remapped-Content-Length': '0', 'x-amzn-RequestId': r.requestId,
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: r.requestId },
      StatusCode: 200,
    },
  };
}
