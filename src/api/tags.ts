// Tag lists in requests (CreateStateMachine, CreateActivity, TagResource):
// AWS's limits are 50 tags per resource, keys of 1-128 and values of 0-256 characters.
import { ApiError } from './errors.js';
import { constraintError, violation } from './validation.js';
import type { Tag } from '../engine/registry/index.js';

export const MAX_TAGS = 50;

export function checkTags(raw: unknown, field = 'tags'): Tag[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ApiError('SerializationException', `Expected a list for '${field}'`);
  const out: Tag[] = [];
  const problems: string[] = [];
  raw.forEach((t, i) => {
    const key = t?.key; const value = t?.value ?? '';
    if (typeof key !== 'string' || typeof value !== 'string') throw new ApiError('SerializationException', `Expected strings in '${field}'`);
    if (key.length < 1) problems.push(violation.minLength(`${field}.${i + 1}.member.key`, key, 1));
    if (key.length > 128) problems.push(violation.maxLength(`${field}.${i + 1}.member.key`, key, 128));
    if (value.length > 256) problems.push(violation.maxLength(`${field}.${i + 1}.member.value`, value, 256));
    out.push({ key, value });
  });
  if (problems.length) throw constraintError(problems);
  return out;
}

export function tooManyTags(resourceArn: string): ApiError {
  return new ApiError('TooManyTags', `Too many tags: the resource '${resourceArn}' may carry at most ${MAX_TAGS} tags`, { resourceName: resourceArn });
}
