#!/usr/bin/env node
// `npm run build` (also `prepare`, on install): src/ compiled by tsc into
// dist/ as plain JavaScript, which bin/switchyard runs while it is up to date
// (scripts/src-stamp.mjs). Types are checked by `npm run lint`, not here
// (--noCheck), so a build never fails on a type error tsx would run anyway.
// Without TypeScript installed (production installs omit devDependencies)
// there is nothing to build: bin/switchyard runs src/ through tsx.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { DIST, ROOT, SRC, STAMP, srcStamp } from './src-stamp.mjs';

let tsc;
try { tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc'); } catch {
  console.log('build: typescript is not installed; bin/switchyard will run src/ through tsx');
  process.exit(0);
}
const stamp = srcStamp();
rmSync(DIST, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(DIST, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
// files tsc does not emit but the code loads beside itself (the Lambda runtime)
const copy = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) copy(p);
    else if (/\.(mjs|cjs|js|json)$/.test(e.name)) {
      const to = join(DIST, relative(SRC, p));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(p, to);
    }
  }
};
copy(SRC);
writeFileSync(STAMP, `${stamp}\n`);
