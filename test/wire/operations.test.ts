// Every operation of the Step Functions API is answered and driven through
// the official SDK client by some wire test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as sdk from '@aws-sdk/client-sfn';
import { OPERATIONS } from '../../src/api/operations.js';

/** the 37 operations of the 2016-11-23 model, as the SDK names its commands */
const AWS_OPERATIONS = Object.keys(sdk).filter((k) => /^[A-Z][A-Za-z]+Command$/.test(k)).map((k) => k.slice(0, -'Command'.length)).sort();

test('the server answers all 37 operations of the Step Functions API', () => {
  assert.equal(AWS_OPERATIONS.length, 37);
  assert.deepEqual(AWS_OPERATIONS.filter((op) => !(op in OPERATIONS)), []);
});

test('each operation is driven by a wire test', () => {
  const dir = 'test/wire';
  const sources = readdirSync(dir).filter((f) => f.endsWith('.test.ts') && f !== 'operations.test.ts')
    .map((f) => readFileSync(`${dir}/${f}`, 'utf8')).join('\n');
  assert.deepEqual(AWS_OPERATIONS.filter((op) => !new RegExp(`new ${op}Command\\(`).test(sources)), []);
});
