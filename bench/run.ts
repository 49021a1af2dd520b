// npm run bench [-- --quick] [--only REGEX] [--json FILE] [--cpu-prof DIR]
// Runs every scenario, Switchyard first then the reference, each in its own
// process with the same definitions and inputs, and prints the table.
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCENARIOS } from './scenarios/index.js';
import type { Figures, Scenario } from './scenarios/scenario.js';
import { type Outcome, renderTable } from './table.js';
import { RESULT_MARK } from './result-mark.js';
import { distIsFresh } from '../scripts/src-stamp.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
    'cpu-prof': { type: 'string' },
    timeout: { type: 'string', default: '150' },
  },
});

const CHILD = resolve(import.meta.dirname, 'child.ts');
const PREFER_DIST = resolve(import.meta.dirname, '../scripts/prefer-dist.mjs');
// decided once for the whole run (npm run bench builds first); children inherit it
const compiled = distIsFresh();
if (compiled) process.env.SWITCHYARD_DIST = '1';

function runChild(s: Scenario, who: 'switchyard' | 'reference'): Promise<{ figures?: Figures; error?: string }> {
  // Switchyard's code runs compiled (dist/), as `switchyard serve` runs it, unless dist/ is stale
  const flags = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', '--import', PREFER_DIST];
  const prof = args['cpu-prof'];
  if (prof && who === 'switchyard') {
    // one folder per run: every thread (tsx's loader too) writes its own profile; the main thread's is *.<pid>.0.*
    const dir = resolve(prof, `${s.id}-${who}`);
    mkdirSync(dir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child = spawn(process.execPath, [...flags, CHILD, s.id, who, ...(args.quick ? ['quick'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => { out += b.toString('utf8'); });
  const limit = Number(args.timeout) * 1000;
  const timer = setTimeout(() => child.kill('SIGKILL'), limit);
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (line) return done({ figures: JSON.parse(line.slice(RESULT_MARK.length)) as Figures });
      done({ error: signal === 'SIGKILL' ? `${who} killed after ${args.timeout} s` : `${who} exited ${code ?? signal} without figures` });
    });
  });
}

const only = args.only ? new RegExp(args.only) : undefined;
const chosen = SCENARIOS.filter((s) => !only || only.test(s.id));
const peer = JSON.parse(readFileSync(resolve(import.meta.dirname, '../node_modules/aws-local-stepfunctions/package.json'), 'utf8')) as { version: string };
const git = (...a: string[]): string => { try { return execFileSync('git', a, { encoding: 'utf8' }).trim(); } catch { return ''; } };
const tree = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain', '--', 'src') ? ' (src has uncommitted edits)' : ''}`;
const header = `Switchyard bench, ${new Date().toISOString()}: source ${tree} (${compiled ? 'compiled dist/' : 'dist/ stale: src/ through tsx'}), node ${process.version}, ${cpus().length} x ${cpus()[0]?.model.trim()}, `
  + `load ${loadavg()[0]!.toFixed(1)}, reference aws-local-stepfunctions ${peer.version}${args.quick ? ' (--quick: smoke sizes, not a measurement)' : ''}`;
console.log(header);

const byId = new Map<string, Outcome>();
const t0 = performance.now();
for (const s of chosen) {
  const notes: string[] = [];
  const figures: { switchyard?: Figures; reference?: Figures } = {};
  for (const who of s.contenders ?? ['switchyard', 'reference'] as const) {
    if (who === 'switchyard' && s.skip) continue;
    if (who === 'reference' && s.referenceFrom) continue;
    const started = performance.now();
    process.stderr.write(`bench: ${s.id} / ${who} ...`);
    const r = await runChild(s, who);
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    if (r.error) notes.push(r.error);
    figures[who] = r.figures;
  }
  if (s.referenceFrom) {
    const from = byId.get(s.referenceFrom);
    figures.reference = from?.reference;
    if (!from) notes.push(`reference figures come from '${s.referenceFrom}', which did not run`);
  }
  if (s.skip) notes.push(`Switchyard skipped: ${s.skip}`);
  // figures a scenario reports beside its metrics (a Wait budget overrun, say) are printed when they are not zero
  const known = new Set(s.metrics.map((m) => m.key));
  for (const [who, f] of Object.entries(figures)) {
    if (who === 'reference' && s.referenceFrom) continue;
    for (const [k, v] of Object.entries(f ?? {})) if (!known.has(k) && v !== 0) notes.push(`${who} ${k} = ${Math.round(v * 100) / 100}`);
  }
  byId.set(s.id, { scenario: s, ...figures, notes });
}

const outcomes = [...byId.values()];
console.log(`\n${renderTable(outcomes)}\n\nwhole bench: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
if (args.json) {
  writeFileSync(args.json, JSON.stringify({ header, results: outcomes.map((o) => ({ id: o.scenario.id, switchyard: o.switchyard, reference: o.reference, notes: o.notes })) }, null, 2));
}
