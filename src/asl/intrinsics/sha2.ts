// SHA-256, SHA-384 and SHA-512 (FIPS 180-4). The round constants and initial
// hash values are the fractional parts of the square and cube roots of the
// first primes (FIPS 180-4, 4.2.2, 4.2.3, 5.3.3-5.3.5), computed here exactly
// with integer roots rather than copied as tables.

/** Appends 0x80, zeros and the big-endian bit length, to a multiple of blockSize (64 or 128). */
export function padMessage(message: Uint8Array, blockSize: 64 | 128): Uint8Array {
  const lengthBytes = blockSize / 8;
  const total = Math.ceil((message.length + 1 + lengthBytes) / blockSize) * blockSize;
  const padded = new Uint8Array(total);
  padded.set(message);
  padded[message.length] = 0x80;
  let bits = BigInt(message.length) * 8n;
  for (let i = total - 1; bits > 0n; i--, bits >>= 8n) padded[i] = Number(bits & 0xffn);
  return padded;
}

function primes(count: number): number[] {
  const found: number[] = [];
  for (let n = 2; found.length < count; n++) if (found.every((p) => n % p !== 0)) found.push(n);
  return found;
}

/** floor(n ** (1 / k)) for a BigInt n, by Newton's method. */
function integerRoot(n: bigint, k: bigint): bigint {
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / Number(k)) + 1);
  while (true) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

/** The first `bits` bits of the fractional part of the k-th root of each prime. */
function rootFractions(primeList: number[], k: bigint, bits: bigint): bigint[] {
  const mask = (1n << bits) - 1n;
  return primeList.map((p) => integerRoot(BigInt(p) << (bits * k), k) & mask);
}

const PRIMES = primes(80);
const K256 = rootFractions(PRIMES.slice(0, 64), 3n, 32n).map(Number);
const H256 = rootFractions(PRIMES.slice(0, 8), 2n, 32n).map(Number);
const K512 = rootFractions(PRIMES, 3n, 64n);
const H512 = rootFractions(PRIMES.slice(0, 8), 2n, 64n);
const H384 = rootFractions(PRIMES.slice(8, 16), 2n, 64n);

function rotr32(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

export function sha256(message: Uint8Array): Uint8Array {
  const padded = padMessage(message, 64);
  const view = new DataView(padded.buffer);
  const h = H256.slice();
  const w = new Array<number>(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(off + t * 4);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr32(x, 7) ^ rotr32(x, 18) ^ (x >>> 3);
      const s1 = rotr32(y, 17) ^ rotr32(y, 19) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0;
      const t2 = ((rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) | 0));
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((word, i) => outView.setUint32(i * 4, word >>> 0));
  return out;
}

const M64 = (1n << 64n) - 1n;

function rotr64(x: bigint, n: bigint): bigint {
  return ((x >> n) | (x << (64n - n))) & M64;
}

function sha512Family(message: Uint8Array, initial: bigint[], outBytes: number): Uint8Array {
  const padded = padMessage(message, 128);
  const view = new DataView(padded.buffer);
  const h = initial.slice();
  const w = new Array<bigint>(80);
  for (let off = 0; off < padded.length; off += 128) {
    for (let t = 0; t < 16; t++) w[t] = view.getBigUint64(off + t * 8);
    for (let t = 16; t < 80; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr64(x, 1n) ^ rotr64(x, 8n) ^ (x >> 7n);
      const s1 = rotr64(y, 19n) ^ rotr64(y, 61n) ^ (y >> 6n);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) & M64;
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let t = 0; t < 80; t++) {
      const s1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const ch = (e & f) ^ (~e & M64 & g);
      const t1 = (hh + s1 + ch + K512[t]! + w[t]!) & M64;
      const s0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n);
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) & M64;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & M64;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) & M64;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) & M64));
  }
  const out = new Uint8Array(64);
  const outView = new DataView(out.buffer);
  h.forEach((word, i) => outView.setBigUint64(i * 8, word));
  return out.slice(0, outBytes);
}

export function sha512(message: Uint8Array): Uint8Array {
  return sha512Family(message, H512, 64);
}

export function sha384(message: Uint8Array): Uint8Array {
  return sha512Family(message, H384, 48);
}
