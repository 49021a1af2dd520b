#!/usr/bin/env node
// Enforces who may import whom (DESIGN.md, "Layout"): every relative import
// of a file under src/ must land in a layer its own layer may use.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve('src');
// layer -> layers it may import (besides itself)
const ALLOWED = {
  asl: [],
  engine: ['asl', 'store/interface'],
  'store/interface': ['asl'],
  'store/impl': ['store/interface', 'asl'],
  integrations: ['asl'],
  api: ['engine', 'asl'],
  server: ['*'],
  sdk: ['api-wire'],
  cli: ['server', 'sdk'],
};
// npm packages a layer may import (node: builtins are allowed everywhere but asl)
const PACKAGES = { asl: ['jsonata'] };

function layerOf(file) {
  const rel = relative(ROOT, file).split(sep);
  if (rel[0] === 'store') return rel.length === 2 ? 'store/interface' : 'store/impl';
  return rel[0];
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ts$/.test(name) && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const problems = [];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
for (const file of walk(ROOT)) {
  const src = readFileSync(file, 'utf8');
  const from = layerOf(file);
  for (const m of src.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) {
      const to = layerOf(resolve(dirname(file), spec));
      if (to === from) continue;
      const ok = ALLOWED[from]?.includes('*') || ALLOWED[from]?.includes(to);
      if (!ok) problems.push(`${relative('.', file)}: layer '${from}' may not import '${spec}' (layer '${to}')`);
    } else if (from === 'asl') {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!(PACKAGES.asl.includes(pkg))) problems.push(`${relative('.', file)}: the pure interpreter may not import '${spec}'`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} import boundary violation(s); see DESIGN.md "Layout".`);
  process.exit(1);
}
console.log('import boundaries: ok');
