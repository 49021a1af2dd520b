// Lambda request IDs: random version-4 UUIDs, as Lambda gives. Made from a
// pool of random bytes written as ASCII into one buffer, so an ID is one
// flat string (crypto.randomUUID builds each from twenty string pieces,
// which shows per invocation when thousands are in flight).
import { randomFillSync } from 'node:crypto';

/** random bytes for 256 IDs */
const random = Buffer.alloc(4096);
let at = random.length;
const text = Buffer.alloc(36);
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** A random UUID (RFC 9562 version 4), lower-case, as 8-4-4-4-12 hex digits. */
export function requestId(): string {
  if (at + 16 > random.length) { randomFillSync(random); at = 0; }
  let o = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text[o++] = 0x2d;
    let b = random[at + i]!;
    if (i === 6) b = (b & 0x0f) | 0x40;
    else if (i === 8) b = (b & 0x3f) | 0x80;
    text[o++] = HEX[b >> 4]!;
    text[o++] = HEX[b & 15]!;
  }
  at += 16;
  return text.toString('latin1', 0, 36);
}
