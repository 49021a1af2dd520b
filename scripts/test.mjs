#!/usr/bin/env node
// `npm test`: the conformance ratchet against the recorded AWS histories,
// then every *.test.ts under src/ and test/ with node's test runner.
// Arguments: test files to run alone (skips the conformance ratchet).
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'node_modules') find(p, out); }
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
let failed = false;
if (!only.length) {
  const corpus = process.env.SWITCHYARD_CONFORMANCE ?? resolve(import.meta.dirname, '../../shared/conformance');
  if (existsSync(corpus)) {
    const c = spawnSync(process.execPath, [join(import.meta.dirname, 'conformance.mjs')], { stdio: 'inherit' });
    if (c.status !== 0) failed = true;
  } else {
    console.log(`conformance corpus not found at ${corpus}: ratchet not run`);
  }
}
const files = only.length ? only : [...find('src'), ...find('test')].sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(failed ? 1 : (r.status ?? 1));
