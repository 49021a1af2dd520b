// States.Hash(data, algorithm): the lower-case hex digest of the data's UTF-8
// bytes (conformance: test_hash_calculations). The data may have at most
// 10,000 characters (AWS developer guide, States.Hash).

import { utf8Encode } from './encoding.js';
import { intrinsicFailure } from './errors.js';
import { md5 } from './md5.js';
import { sha1 } from './sha1.js';
import { sha256, sha384, sha512 } from './sha2.js';
import { jsonType, show } from './values.js';

export const HASH_MAX_INPUT_CHARS = 10000;

export const HASH_ALGORITHMS: Readonly<Record<string, (bytes: Uint8Array) => Uint8Array>> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function statesHash(args: unknown[]): string {
  const fn = 'States.Hash';
  const [data, algorithm] = args;
  if (typeof data !== 'string') intrinsicFailure(fn, `the data (first argument) must be a string, but was ${jsonType(data)}`);
  if (data.length > HASH_MAX_INPUT_CHARS) {
    intrinsicFailure(fn, `the data has ${data.length} characters, more than the maximum of ${HASH_MAX_INPUT_CHARS}`);
  }
  const digest = typeof algorithm === 'string' && Object.hasOwn(HASH_ALGORITHMS, algorithm) ? HASH_ALGORITHMS[algorithm] : undefined;
  if (!digest) {
    intrinsicFailure(fn, `the algorithm ${show(algorithm)} is not supported; use one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
  }
  return toHex(digest(utf8Encode(data)));
}
