// Request validation shared by the operations, with AWS's messages
// ("1 validation error detected: Value ... at '...' failed to satisfy constraint: ...").
import { ApiError } from './errors.js';

/** AWS's ValidationException for one or more constraint violations. */
export function constraintError(violations: readonly string[]): ApiError {
  const n = violations.length;
  return new ApiError('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

const shown = (v: unknown): string => (v === null || v === undefined ? 'null' : `'${typeof v === 'string' ? v : JSON.stringify(v)}'`);

export const violation = {
  notNull: (field: string): string => `Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  maxLength: (field: string, v: unknown, max: number): string =>
    `Value ${shown(v)} at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  minLength: (field: string, v: unknown, min: number): string =>
    `Value ${shown(v)} at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
  pattern: (field: string, v: unknown, pattern: string): string =>
    `Value ${shown(v)} at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`,
  enumValue: (field: string, v: unknown, values: readonly string[]): string =>
    `Value ${shown(v)} at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
  max: (field: string, v: unknown, max: number): string =>
    `Value ${shown(v)} at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
  min: (field: string, v: unknown, min: number): string =>
    `Value ${shown(v)} at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
};

export function requireString(input: Record<string, any>, field: string): string {
  const v = input[field];
  if (v === undefined || v === null) throw constraintError([violation.notNull(field)]);
  if (typeof v !== 'string') throw new ApiError('SerializationException', `Expected a string for '${field}'`);
  return v;
}

export function optionalString(input: Record<string, any>, field: string, max?: number): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError('SerializationException', `Expected a string for '${field}'`);
  if (max !== undefined && v.length > max) throw constraintError([violation.maxLength(field, v, max)]);
  return v;
}

export function optionalEnum<T extends string>(input: Record<string, any>, field: string, values: readonly T[]): T | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (!values.includes(v)) throw constraintError([violation.enumValue(field, v, values)]);
  return v as T;
}

export function checkRoleArn(arn: string): string {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(arn)) throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  return arn;
}

/** maxResults: 0 or absent means the default page size; AWS allows up to 1000. */
export function pageSize(input: Record<string, any>, dflt = 100): number {
  const m = input.maxResults;
  if (m === undefined || m === null || m === 0) return dflt;
  if (!Number.isInteger(m)) throw new ApiError('SerializationException', "Expected an integer for 'maxResults'");
  if (m < 0) throw constraintError([violation.min('maxResults', m, 0)]);
  if (m > 1000) throw constraintError([violation.max('maxResults', m, 1000)]);
  return m;
}

export const invalidToken = (): ApiError => new ApiError('InvalidToken', "Invalid Token: 'Invalid token'");

/** Opaque page tokens: the offset, tied to what is being listed. */
export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64');
}

export function decodeToken(token: unknown, scope: string): number {
  if (token === undefined || token === null) return 0;
  try {
    const t = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8'));
    if (t.s === scope && Number.isInteger(t.o) && t.o >= 0) return t.o;
  } catch { /* falls through */ }
  throw invalidToken();
}

export function paginate<T>(items: readonly T[], input: Record<string, any>, scope: string, dflt = 100): { page: T[]; nextToken?: string } {
  const size = pageSize(input, dflt);
  const offset = decodeToken(input.nextToken, scope);
  const page = items.slice(offset, offset + size);
  return { page, nextToken: offset + size < items.length ? encodeToken(scope, offset + size) : undefined };
}
