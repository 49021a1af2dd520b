// Whether dist/ (the build of src/, `npm run build`) may run instead of src/.
// The stamp is the number of entries under src/ and their newest mtime
// (files and folders: an edit changes a file's mtime, a deletion or rename
// its folder's). The build writes it as it was when the build began, so an
// edit made during the build leaves the build stale.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
export const STAMP = join(DIST, '.src-stamp');

/** `<entries>:<newest mtime in ms>` of the tree under `dir` */
export function srcStamp(dir = SRC) {
  let entries = 0;
  let newest = statSync(dir).mtimeMs;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const m = statSync(p).mtimeMs;
      entries++;
      if (m > newest) newest = m;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return `${entries}:${newest}`;
}

/** true when dist/ was built from src/ exactly as it is now */
export function distIsFresh() {
  let built;
  try { built = readFileSync(STAMP, 'utf8').trim(); } catch { return false; }
  try { return built === srcStamp(); } catch { return false; }
}
