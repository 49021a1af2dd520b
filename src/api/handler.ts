// The AWS JSON 1.0 protocol: POST / with X-Amz-Target, JSON in, JSON out,
// errors as {"__type", "message"} with the exception's HTTP status.
import type { ApiContext } from './context.js';
import { ApiError } from './errors.js';
import { OPERATIONS } from './operations.js';
import { checkRequired } from './required.js';
import { checkSignature, type SignedRequest } from './sigv4.js';

export interface ApiResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

function errorResponse(code: string, message: string, status: number, extra?: Record<string, unknown>): ApiResponse {
  return {
    status,
    body: JSON.stringify({ __type: `com.amazonaws.swf.service.v2.model#${code}`, message, ...extra }),
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': code },
  };
}

/**
 * With credentials configured (access key id -> secret key), a request must
 * carry a valid Signature Version 4; the answer to one that does not, else undefined.
 */
export function authenticate(credentials: ReadonlyMap<string, string>, req: SignedRequest, now: number): ApiResponse | undefined {
  const e = checkSignature(req, credentials, now);
  return e ? errorResponse(e.code, e.message, e.status) : undefined;
}

/** `signal`: aborted when the client closes the connection before the answer. */
export async function handleApi(ctx: ApiContext, target: string | undefined, body: string, signal?: AbortSignal): Promise<ApiResponse> {
  const op = target?.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : undefined;
  const fn = op ? OPERATIONS[op] : undefined;
  if (!fn) return errorResponse('UnknownOperationException', `Unknown operation ${target ?? ''}`, 400);
  let input: Record<string, any>;
  try {
    input = body.length ? JSON.parse(body) : {};
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
  } catch {
    return errorResponse('SerializationException', 'Malformed request body: expected a JSON object', 400);
  }
  try {
    checkRequired(op!, input);
    const out = await fn(signal ? { ...ctx, signal } : ctx, input);
    // what the operation changed in the registry is stored before it is acknowledged
    await ctx.engine.saveRegistry();
    return { status: 200, body: JSON.stringify(out ?? {}), headers: { 'content-type': 'application/x-amz-json-1.0' } };
  } catch (e) {
    if (e instanceof ApiError) return errorResponse(e.code, e.message, e.status, e.extra);
    console.error(`switchyard: ${op} failed`, e);
    return errorResponse('InternalFailure', 'An internal error occurred', 500);
  }
}
