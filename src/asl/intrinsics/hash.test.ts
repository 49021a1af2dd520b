import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { evaluateIntrinsic } from './evaluate.js';
import { HASH_ALGORITHMS, toHex } from './hash.js';
import { statesErrorOf, testEnv } from './test-env.js';

const NODE_NAMES: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

test('FIPS / RFC 1321 test vectors for "abc"', () => {
  const abc = new TextEncoder().encode('abc');
  assert.equal(toHex(HASH_ALGORITHMS.MD5!(abc)), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(toHex(HASH_ALGORITHMS['SHA-1']!(abc)), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(toHex(HASH_ALGORITHMS['SHA-256']!(abc)), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    toHex(HASH_ALGORITHMS['SHA-384']!(abc)),
    'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
  );
  assert.equal(
    toHex(HASH_ALGORITHMS['SHA-512']!(abc)),
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  );
});

test('every algorithm agrees with node:crypto across block boundaries', () => {
  for (const length of [0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 1000, 10000]) {
    const text = Array.from({ length }, (_, i) => String.fromCharCode(32 + ((i * 7) % 95))).join('');
    for (const [name, fn] of Object.entries(HASH_ALGORITHMS)) {
      const expected = createHash(NODE_NAMES[name]!).update(text, 'utf8').digest('hex');
      assert.equal(toHex(fn(new TextEncoder().encode(text))), expected, `${name} of ${length} bytes`);
    }
  }
});

const env = testEnv({ data: 'input data', tooLong: 'é'.repeat(10001), ok: 'é'.repeat(10000) });
const run = (text: string) => evaluateIntrinsic(text, env);

test('States.Hash hashes the UTF-8 bytes (recorded: test_hash_calculations)', () => {
  assert.equal(run(`States.Hash($.data, 'MD5')`), '812f45842bc6d66ee14572ce20db8e86');
  assert.equal(run(`States.Hash($.data, 'SHA-256')`), 'b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3');
  assert.equal(run(`States.Hash('ü', 'SHA-1')`), createHash('sha1').update('ü', 'utf8').digest('hex'));
  assert.equal(run(`States.Hash($.ok, 'MD5')`), createHash('md5').update('é'.repeat(10000), 'utf8').digest('hex'));
});

test('States.Hash errors: unknown algorithm, non-string data, over 10,000 characters', () => {
  const e = statesErrorOf(() => run(`States.Hash($.data, 'SHA-224')`));
  assert.equal(e.error, 'States.Runtime');
  assert.equal(
    e.cause,
    'Invalid arguments in States.Hash: the algorithm "SHA-224" is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512',
  );
  assert.match(statesErrorOf(() => run(`States.Hash($.data, 'sha-256')`)).cause!, /"sha-256" is not supported/);
  assert.match(statesErrorOf(() => run(`States.Hash(1, 'MD5')`)).cause!, /data \(first argument\) must be a string, but was number/);
  assert.match(statesErrorOf(() => run(`States.Hash($.tooLong, 'MD5')`)).cause!, /10001 characters, more than the maximum of 10000/);
});
