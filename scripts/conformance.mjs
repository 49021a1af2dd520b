#!/usr/bin/env node
// Runs the shared conformance corpus (../shared/conformance) against
// ./bin/switchyard and checks the per-category pass counts against the
// committed ratchet, conformance-baseline.json: a category passing fewer
// cases than its baseline fails the run. `--update` raises the baseline to
// today's counts (never lowers it). Other arguments go to the runner.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const root = resolve(import.meta.dirname, '..');
const corpus = process.env.SWITCHYARD_CONFORMANCE ?? resolve(root, '../shared/conformance');
const runner = join(corpus, 'run.mjs');
if (!existsSync(runner)) {
  console.error(`conformance: no runner at ${runner} (set SWITCHYARD_CONFORMANCE to the corpus folder)`);
  process.exit(2);
}
const args = process.argv.slice(2);
const update = args.includes('--update');
const passthrough = args.filter((a) => a !== '--update');
const report = join(mkdtempSync(join(tmpdir(), 'switchyard-conf-')), 'report.json');
const log = report.replace(/report\.json$/, 'runner.log');
const server = `${join(root, 'bin/switchyard')} serve --port {port} --functions {functions}`;
const r = spawnSync(process.execPath, [runner, '--server', server, '--report', report, '--level', 'history',
  '--concurrency', process.env.CONFORMANCE_CONCURRENCY ?? '8', ...passthrough], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
writeFileSync(log, (r.stdout ?? '') + (r.stderr ?? ''));
if (r.status !== 0 || !existsSync(report)) {
  console.error(`conformance: the runner failed (exit ${r.status}); its output is in ${log}`);
  process.exit(2);
}
const data = JSON.parse(readFileSync(report, 'utf8'));
const counts = {};
for (const c of data.results ?? data.cases ?? []) {
  const row = (counts[c.category] ??= { pass: 0, fail: 0, skip: 0 });
  if (c.skipped) row.skip++;
  else if (c.history?.verdict === 'PASS') row.pass++;
  else row.fail++;
}
const baselineFile = join(root, 'conformance-baseline.json');
const baseline = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, 'utf8')) : {};
let regressions = 0;
console.log(`${'category'.padEnd(22)}${'pass'.padStart(6)}${'fail'.padStart(6)}${'skip'.padStart(6)}${'baseline'.padStart(10)}`);
for (const cat of Object.keys(counts).sort()) {
  const row = counts[cat];
  const base = baseline[cat] ?? 0;
  const mark = row.pass < base ? '  REGRESSED' : '';
  if (row.pass < base) regressions++;
  console.log(`${cat.padEnd(22)}${String(row.pass).padStart(6)}${String(row.fail).padStart(6)}${String(row.skip).padStart(6)}${String(base).padStart(10)}${mark}`);
}
const total = Object.values(counts).reduce((a, r) => ({ pass: a.pass + r.pass, fail: a.fail + r.fail }), { pass: 0, fail: 0 });
console.log(`conformance (history level): ${total.pass} of ${total.pass + total.fail} cases pass; runner log ${log}, report ${report}`);
if (update) {
  const next = { ...baseline };
  for (const [cat, row] of Object.entries(counts)) next[cat] = Math.max(next[cat] ?? 0, row.pass);
  writeFileSync(baselineFile, JSON.stringify(Object.fromEntries(Object.entries(next).sort()), null, 2) + '\n');
  console.log(`conformance: baseline written to ${baselineFile}`);
}
if (regressions) {
  console.error(`conformance: ${regressions} categor${regressions === 1 ? 'y' : 'ies'} below the baseline`);
  process.exit(1);
}
