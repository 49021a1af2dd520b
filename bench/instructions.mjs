#!/usr/bin/env node
// Instructions per execution, a yardstick that does not move with a shared
// machine's load (wall-clock A/B runs here cannot tell 20% apart):
//   node bench/instructions.mjs chain|parameters [N1 N2]
// runs N1 and then N2 executions one after another through the engine
// (compiled dist/: `npm run build` first), each under
// `valgrind --tool=callgrind` with `node --single-threaded` (compilation and
// collection on the main thread, so both are counted), and prints
// (Ir(N2) - Ir(N1)) / (N2 - N1). Repeats agree within 1-2%. Instructions do
// not see cache misses: the bench's wall-clock rows remain the figures.
// Needs valgrind (apt-get install valgrind). With `--run N` it is the child:
// N executions, composed as bench/contenders/switchyard.ts composes the engine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [which = 'chain', a, b] = process.argv.slice(2).filter((x) => x !== '--run');
const child = process.argv.includes('--run');

function scenario(name) {
  if (name === 'chain') {
    const States = {};
    for (let i = 1; i <= 10; i++) States[`Step${i}`] = i < 10 ? { Type: 'Pass', Next: `Step${i + 1}` } : { Type: 'Pass', End: true };
    return { definition: { Comment: 'bench: Pass chain', StartAt: 'Step1', States }, input: { orderId: 'o-1042', customer: { id: 7, tier: 'gold' }, items: [1, 2, 3] } };
  }
  if (name !== 'parameters') throw new Error(`unknown scenario ${name}: chain or parameters`);
  // scenario 4's input and definition (bench/scenarios/parameters.ts)
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore'.split(' ');
  const chunks = Array.from({ length: 60 }, (_, i) => ({
    id: `chunk-${i}`, page: 1 + (i >> 2), score: (i * 37) % 100 / 100,
    text: Array.from({ length: 118 }, (_, j) => words[(i + j) % words.length]).join(' '), tags: [`t${i % 7}`, `t${i % 11}`],
  }));
  const input = {
    document: { id: 'doc-7f3a', source: 's3://ingest/2026/01/report.pdf', pages: 15, language: 'en',
      owner: { team: 'search', contact: { name: 'Ada', email: 'ada@example.com' } } },
    pipeline: { run: 'r-2291', model: 'embed-v3', dims: 1024, batch: 16 }, chunks,
  };
  const p = {
    'documentId.$': '$.document.id', 'source.$': '$.document.source', 'pages.$': '$.document.pages', 'language.$': '$.document.language',
    'team.$': '$.document.owner.team', 'contact.$': '$.document.owner.contact', 'email.$': '$.document.owner.contact.email',
    'run.$': '$.pipeline.run', 'model.$': '$.pipeline.model', 'dims.$': '$.pipeline.dims', 'batch.$': '$.pipeline.batch',
    'first.$': '$.chunks[0]', 'firstText.$': '$.chunks[0].text', 'last.$': '$.chunks[59].id', 'ids.$': '$.chunks[*].id',
    'scores.$': '$.chunks[*].score', 'secondTags.$': '$.chunks[1].tags', 'page9.$': '$.chunks[36].page', 'slice.$': '$.chunks[2:4]',
    'pipeline.$': '$.pipeline',
  };
  return { definition: { Comment: 'bench: 20 .$ Parameters', StartAt: 'Select', States: { Select: { Type: 'Pass', Parameters: p, End: true } } }, input };
}

if (child) {
  const dist = (m) => import(pathToFileURL(join(root, 'dist', m)).href);
  const { Engine } = await dist('engine/engine.js');
  const { SystemClock } = await dist('engine/clock.js');
  const { MemoryStore } = await dist('store/memory/memory-store.js');
  const engine = new Engine({
    store: new MemoryStore(), expressStore: new MemoryStore(), clock: new SystemClock(), region: 'us-east-1', account: '123456789012',
    tasks: { invoke: () => Promise.resolve({ kind: 'failure', error: 'bench', cause: 'no tasks here' }) },
  });
  const { definition, input } = scenario(which);
  const text = JSON.stringify(definition);
  const inputText = JSON.stringify(input);
  for (let i = 1; i <= Number(a); i++) {
    const rec = await engine.startExecution({
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench-1', stateMachineName: 'bench-1', type: 'STANDARD',
      definition: text, roleArn: 'arn:aws:iam::123456789012:role/bench', executionArn: `arn:aws:states:us-east-1:123456789012:execution:bench-1:x${i}`,
      name: `x${i}`, input, inputText,
    });
    if (rec?.status !== 'SUCCEEDED') throw new Error(`execution ${i}: ${rec?.status}`);
  }
  process.exit(0);
}

const n1 = Number(a ?? (which === 'chain' ? 3000 : 1000));
const n2 = Number(b ?? (which === 'chain' ? 13000 : 4000));
const count = (n) => {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file',
    process.execPath, '--single-threaded', fileURLToPath(import.meta.url), '--run', which, String(n)], { encoding: 'utf8' });
  if (r.error) throw new Error(`valgrind: ${r.error.message} (apt-get install valgrind)`);
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`the run of ${n} failed:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]);
};
const [i1, i2] = [count(n1), count(n2)];
console.log(`${which}: ${Math.round((i2 - i1) / (n2 - n1)).toLocaleString('en-US')} instructions per execution (${n1} -> ${n2})`);
