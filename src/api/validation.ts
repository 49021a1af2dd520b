// Request validation shared by the operations, with AWS's messages.
import { ApiError } from './errors.js';

export function requireString(input: Record<string, any>, field: string): string {
  const v = input[field];
  if (v === undefined || v === null) {
    throw new ApiError('ValidationException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof v !== 'string') throw new ApiError('SerializationException', `Expected a string for '${field}'`);
  return v;
}

export function checkRoleArn(arn: string): string {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(arn)) throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  return arn;
}

/** maxResults: 0 or absent means the default page size; AWS allows up to 1000. */
export function pageSize(input: Record<string, any>, dflt = 100): number {
  const m = input.maxResults;
  if (m === undefined || m === null || m === 0) return dflt;
  if (!Number.isInteger(m) || m < 0 || m > 1000) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${m}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`);
  }
  return m;
}

/** Opaque page tokens: the offset, tied to what is being listed. */
export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64');
}

export function decodeToken(token: unknown, scope: string): number {
  if (token === undefined || token === null) return 0;
  try {
    const t = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8'));
    if (t.s === scope && Number.isInteger(t.o) && t.o >= 0) return t.o;
  } catch { /* fall through */ }
  throw new ApiError('InvalidToken', `Invalid Token: '${String(token)}'`);
}

export function paginate<T>(items: readonly T[], input: Record<string, any>, scope: string, dflt = 100): { page: T[]; nextToken?: string } {
  const size = pageSize(input, dflt);
  const offset = decodeToken(input.nextToken, scope);
  const page = items.slice(offset, offset + size);
  return { page, nextToken: offset + size < items.length ? encodeToken(scope, offset + size) : undefined };
}
