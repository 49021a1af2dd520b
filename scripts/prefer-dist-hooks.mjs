// Module hooks of prefer-dist.mjs: src/X.ts -> dist/X.js, loaded as is.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { DIST, SRC } from './src-stamp.mjs';

const src = pathToFileURL(SRC).href + '/';
const dist = pathToFileURL(DIST).href + '/';

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith(src) && r.url.endsWith('.ts')) return { url: `${dist}${r.url.slice(src.length, -3)}.js`, format: 'module', shortCircuit: true };
  return r;
}

export async function load(url, context, next) {
  if (url.startsWith(dist) && url.endsWith('.js')) return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
  return next(url, context);
}
