import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Decode, base64Encode, utf8Encode } from './encoding.js';
import { evaluateIntrinsic } from './evaluate.js';
import { statesErrorOf, testEnv } from './test-env.js';

const env = testEnv({ long: 'x'.repeat(10000), tooLong: 'x'.repeat(10001) });
const run = (text: string) => evaluateIntrinsic(text, env);
const cause = (text: string) => statesErrorOf(() => run(text)).cause;

test('base64 round trips agree with Buffer', () => {
  for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'Data to encode', 'héllo wörld ✓ 😀']) {
    const bytes = utf8Encode(text);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(text, 'utf8'));
    assert.equal(base64Encode(bytes), Buffer.from(text, 'utf8').toString('base64'));
    assert.deepEqual(Buffer.from(base64Decode(base64Encode(bytes))!), Buffer.from(text, 'utf8'));
  }
});

test('an unpaired surrogate encodes as ? (Java String.getBytes)', () => {
  assert.deepEqual(Array.from(utf8Encode('a\ud800b')), [0x61, 0x3f, 0x62]);
});

test('base64 decoding is strict like java.util.Base64.getDecoder()', () => {
  assert.equal(new TextDecoder().decode(base64Decode('Zm9vYg')), 'foob');
  assert.equal(new TextDecoder().decode(base64Decode('Zm9vYmE')), 'fooba');
  for (const bad of ['Zm9vY', 'Zm9vYg=', 'Zm9v=', 'Zm9vYg===', 'Zm 9v', 'Zm9v!', 'Zm9vYg==Zm9v', '=']) {
    assert.equal(base64Decode(bad), undefined, bad);
  }
});

test('States.Base64Encode and States.Base64Decode', () => {
  assert.equal(run(`States.Base64Encode('Data to encode')`), 'RGF0YSB0byBlbmNvZGU=');
  assert.equal(run(`States.Base64Decode('RGF0YSB0byBlbmNvZGU=')`), 'Data to encode');
  assert.equal(run(`States.Base64Decode(States.Base64Encode('😀 ü'))`), '😀 ü');
  assert.equal(run(`States.Base64Decode('/w==')`), '\ufffd');
  assert.equal((run('States.Base64Encode($.long)') as string).length, 13336);
});

test('base64 errors: non-string, over 10,000 characters, invalid input', () => {
  assert.match(cause('States.Base64Encode(1)')!, /must be a string, but was number/);
  assert.equal(
    cause('States.Base64Encode($.tooLong)'),
    'Invalid arguments in States.Base64Encode: the input has 10001 characters, more than the maximum of 10000',
  );
  assert.match(cause('States.Base64Decode($.tooLong)')!, /10001 characters, more than the maximum of 10000/);
  assert.equal(cause(`States.Base64Decode('not base64!')`), 'Invalid arguments in States.Base64Decode: the input is not valid base64');
});
