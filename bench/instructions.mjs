#!/usr/bin/env node
// Instructions per execution, a yardstick that does not move with a shared
// machine's load (wall-clock A/B runs here cannot tell 20% apart):
//   node --import tsx bench/instructions.mjs chain|parameters [N1 N2]
// runs N1 and then N2 executions of the scenario's definition and input
// (bench/scenarios) one after another through the engine (compiled dist/:
// `npm run build` first), each under `valgrind --tool=callgrind` with
// `node --single-threaded` (compilation and collection on the main thread,
// so both are counted), and prints (Ir(N2) - Ir(N1)) / (N2 - N1). Repeats
// agree within 1-2%. Instructions do not see cache misses: the bench's
// wall-clock rows remain the figures. Needs valgrind (apt-get install
// valgrind). With `--run FILE N` it is the child, which loads no TypeScript:
// N executions of the definition and input in FILE, composed as
// bench/contenders/switchyard.ts composes the engine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--run') {
  const [file, n] = process.argv.slice(3);
  const dist = (m) => import(pathToFileURL(join(root, 'dist', m)).href);
  const { Engine } = await dist('engine/engine.js');
  const { SystemClock } = await dist('engine/clock.js');
  const { MemoryStore } = await dist('store/memory/memory-store.js');
  const engine = new Engine({
    store: new MemoryStore(), expressStore: new MemoryStore(), clock: new SystemClock(), region: 'us-east-1', account: '123456789012',
    tasks: { invoke: () => Promise.resolve({ kind: 'failure', error: 'bench', cause: 'no tasks here' }) },
  });
  const { definition, input } = JSON.parse(readFileSync(file, 'utf8'));
  const text = JSON.stringify(definition);
  const inputText = JSON.stringify(input);
  for (let i = 1; i <= Number(n); i++) {
    const rec = await engine.startExecution({
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench-1', stateMachineName: 'bench-1', type: 'STANDARD',
      definition: text, roleArn: 'arn:aws:iam::123456789012:role/bench', executionArn: `arn:aws:states:us-east-1:123456789012:execution:bench-1:x${i}`,
      name: `x${i}`, input, inputText,
    });
    if (rec?.status !== 'SUCCEEDED') throw new Error(`execution ${i}: ${rec?.status}`);
  }
  process.exit(0);
}

const [which = 'chain', a, b] = process.argv.slice(2);
/** the scenario's own definition and input */
async function scenario(name) {
  if (name === 'chain') {
    const { chainDefinition, CHAIN_INPUT } = await import('./scenarios/chain.ts');
    return { definition: chainDefinition(), input: CHAIN_INPUT };
  }
  if (name !== 'parameters') throw new Error(`unknown scenario ${name}: chain or parameters`);
  const { parametersDefinition, largeInput } = await import('./scenarios/parameters.ts');
  return { definition: parametersDefinition(), input: largeInput() };
}

const dir = mkdtempSync(join(tmpdir(), 'switchyard-instructions-'));
const file = join(dir, 'scenario.json');
writeFileSync(file, JSON.stringify(await scenario(which)));
const n1 = Number(a ?? (which === 'chain' ? 3000 : 1000));
const n2 = Number(b ?? (which === 'chain' ? 13000 : 4000));
const count = (n) => {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file',
    process.execPath, '--single-threaded', fileURLToPath(import.meta.url), '--run', file, String(n)], { encoding: 'utf8' });
  if (r.error) throw new Error(`valgrind: ${r.error.message} (apt-get install valgrind)`);
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`the run of ${n} failed:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
};
try {
  const [i1, i2] = [count(n1), count(n2)];
  console.log(`${which}: ${Math.round((i2 - i1) / (n2 - n1)).toLocaleString('en-US')} instructions per execution (${n1} -> ${n2})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
