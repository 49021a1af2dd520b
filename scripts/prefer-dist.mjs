// node --import tsx --import ./scripts/prefer-dist.mjs FILE.ts: imports that
// land in src/**/*.ts load the compiled dist/**/*.js instead, when dist/ is
// up to date with src/, or when the parent process found it so and says so
// with SWITCHYARD_DIST=1 (bench/run.ts decides once for a whole run). The
// bench measures the code `switchyard serve` runs. Registered after tsx, so
// its hooks run first and dist/ never passes through tsx's transform.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { STAMP, distIsFresh } from './src-stamp.mjs';

if ((process.env.SWITCHYARD_DIST === '1' && existsSync(STAMP)) || distIsFresh()) register('./prefer-dist-hooks.mjs', import.meta.url);
else console.error('prefer-dist: dist/ is missing or older than src/ (npm run build); running src/ through tsx');
