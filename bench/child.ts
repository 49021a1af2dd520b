// One scenario against one contender, in a fresh process (run.ts starts it
// with --expose-gc), so that heap and RSS readings see only that run.
// Prints one line: BENCH_RESULT <json figures>.
import { scenario } from './scenarios/index.js';
import type { Contender } from './contenders/contender.js';
import { RESULT_MARK } from './result-mark.js';

const [id, who, quick] = process.argv.slice(2);
if (!id || (who !== 'switchyard' && who !== 'reference')) {
  console.error('usage: node --expose-gc --import tsx bench/child.ts SCENARIO switchyard|reference [quick]');
  process.exit(2);
}
// only the contender under test is loaded into the process
const contender: Contender = who === 'switchyard'
  ? new (await import('./contenders/switchyard.js')).SwitchyardContender()
  : new (await import('./contenders/reference.js')).ReferenceContender();
const figures = await scenario(id).run(contender, { quick: quick === 'quick' });
process.stdout.write(`${RESULT_MARK}${JSON.stringify(figures)}\n`);
// timers a scenario left behind (the reference's task timeouts) must not hold the process
process.exit(0);
