// Summarises CPU profiles written by `npm run bench -- --cpu-prof DIR`:
//   node --import tsx bench/profile.ts DIR/chain-switchyard [--top 25] [--match REGEX]
// A folder stands for its main thread's profile (thread id 0 in the name).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuProfile, rank } from './lib/cpuprofile.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, match: { type: 'string' } } });
const root = resolve(import.meta.dirname, '..');
const mainThread = (p: string): string => {
  if (!statSync(p).isDirectory()) return p;
  const f = readdirSync(p).find((n) => /\.\d+\.0\.\d+\.cpuprofile$/.test(n));
  if (!f) throw new Error(`no main-thread profile in ${p}`);
  return join(p, f);
};
for (const file of positionals.map(mainThread)) {
  const { ranked, totalMs } = rank(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, root);
  const match = values.match ? new RegExp(values.match) : undefined;
  const top = Number(values.top);
  const show = (title: string, by: 'selfPct' | 'totalPct'): void => {
    console.log(`\n${title}`);
    for (const r of [...ranked].filter((x) => !match || match.test(x.key)).sort((a, b) => b[by] - a[by]).slice(0, top)) {
      console.log(`${r.selfPct.toFixed(1).padStart(6)}% self ${r.totalPct.toFixed(1).padStart(6)}% total  ${r.key}`);
    }
  };
  console.log(`${file}: ${totalMs.toFixed(0)} ms sampled`);
  show('by self time', 'selfPct');
  show('by inclusive time', 'totalPct');
}
