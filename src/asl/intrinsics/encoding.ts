// Intrinsics for data encoding and decoding: base64 (RFC 4648, standard
// alphabet, padded) over the UTF-8 bytes of a string. Each takes at most
// 10,000 characters (AWS developer guide, States.Base64Encode/Base64Decode).

import { intrinsicFailure } from './errors.js';
import { jsonType } from './values.js';

export const BASE64_MAX_INPUT_CHARS = 10000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map<string, number>(Array.from(ALPHABET, (c, i) => [c, i]));

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += ALPHABET[b0 >> 2]!;
    out += ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!;
    out += b1 === undefined ? '=' : ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!;
    out += b2 === undefined ? '=' : ALPHABET[b2 & 63]!;
  }
  return out;
}

/**
 * Decodes as java.util.Base64.getDecoder() does: only alphabet characters;
 * padding is optional, but when present it must be complete and last; a
 * final group of one character is invalid. Returns undefined when invalid.
 */
export function base64Decode(text: string): Uint8Array | undefined {
  let end = text.length;
  let padding = 0;
  while (end > 0 && text[end - 1] === '=') {
    end--;
    padding++;
  }
  const lastGroup = end % 4;
  if (lastGroup === 1) return undefined;
  if (padding > 0 && (padding > 2 || lastGroup === 0 || lastGroup + padding !== 4)) return undefined;
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let n = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const v = DECODE.get(text[i]!);
    if (v === undefined) return undefined;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, n);
}

/** UTF-8 bytes of a string as Java's String.getBytes(UTF_8): an unpaired surrogate becomes '?'. */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) out.push(0x3f);
    else if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

function requireString(fn: string, value: unknown): string {
  if (typeof value !== 'string') intrinsicFailure(fn, `the argument must be a string, but was ${jsonType(value)}`);
  if (value.length > BASE64_MAX_INPUT_CHARS) {
    intrinsicFailure(fn, `the input has ${value.length} characters, more than the maximum of ${BASE64_MAX_INPUT_CHARS}`);
  }
  return value;
}

/** States.Base64Encode(string): base64 of the string's UTF-8 bytes. */
export function statesBase64Encode(args: unknown[]): string {
  return base64Encode(utf8Encode(requireString('States.Base64Encode', args[0])));
}

/** States.Base64Decode(string): the UTF-8 text of the decoded bytes; malformed bytes become U+FFFD. */
export function statesBase64Decode(args: unknown[]): string {
  const fn = 'States.Base64Decode';
  const bytes = base64Decode(requireString(fn, args[0]));
  if (!bytes) intrinsicFailure(fn, 'the input is not valid base64');
  return new TextDecoder('utf-8').decode(bytes);
}
