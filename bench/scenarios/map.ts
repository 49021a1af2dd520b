// Scenarios 2 and 3: an inline Map over 10,000 items. Scenario 2's items go
// through a Pass with Parameters and a Choice; scenario 3's through a Task
// that calls a local JS handler. Wall time and peak RSS growth per run.
import { resolve } from 'node:path';
import { FUNCTION_ARN, type Handlers, type Machine } from '../contenders/contender.js';
import { MiB, settledHeap, watchRss } from '../lib/memory.js';
import { median } from '../lib/stats.js';
import { type MetricSpec, type RunOptions, type Scenario, scaled } from './scenario.js';

export function passChoiceMapDefinition(): object {
  return {
    Comment: 'bench: inline Map, Pass with Parameters then Choice',
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map', ItemsPath: '$.items', End: true,
        ItemProcessor: {
          StartAt: 'Shape',
          States: {
            Shape: { Type: 'Pass', Parameters: { 'value.$': '$.v', kind: 'item' }, Next: 'Route' },
            Route: { Type: 'Choice', Choices: [{ Variable: '$.value', NumericGreaterThanEquals: 5000, Next: 'Big' }], Default: 'Small' },
            Big: { Type: 'Pass', Parameters: { 'big.$': '$.value' }, End: true },
            Small: { Type: 'Pass', Parameters: { 'small.$': '$.value' }, End: true },
          },
        },
      },
    },
  };
}

export function taskMapDefinition(): object {
  return {
    Comment: 'bench: inline Map of Task states',
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map', ItemsPath: '$.items', End: true,
        ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: FUNCTION_ARN, End: true } } },
      },
    },
  };
}

/** the handler bench/functions/work.mjs serves as a Lambda function too */
export const workHandler = (e: { v: number }): { doubled: number } => ({ doubled: e.v * 2 });

/** input and output stay under AWS's 256 KiB payload limit, which Switchyard enforces */
export const mapItems = (n: number): { items: { v: number }[] } => ({ items: Array.from({ length: n }, (_, i) => ({ v: i })) });

const METRICS = (ratioTarget: number): MetricSpec[] => [
  { key: 'wallMs', label: 'wall time (median of 3)', unit: 'ms', better: 'lower', ratioTarget },
  { key: 'rssMiB', label: 'peak RSS growth', unit: 'MiB', better: 'lower' },
];

async function measure(m: Machine, opts: RunOptions): Promise<{ wallMs: number; rssMiB: number }> {
  const n = scaled(opts, 10_000, 200);
  const warm = mapItems(Math.min(1000, n));
  const out = await m.run(warm, JSON.stringify(warm)); // JIT warm-up
  if (!Array.isArray(out) || out.length !== warm.items.length) throw new Error('Map output is not one result per item');
  const input = mapItems(n);
  const text = JSON.stringify(input);
  const walls: number[] = [];
  let rss = 0;
  for (let run = 0; run < 3; run++) {
    await settledHeap();
    const before = process.memoryUsage.rss();
    const watch = await watchRss();
    const t0 = performance.now();
    await m.run(input, text);
    walls.push(performance.now() - t0);
    rss = Math.max(rss, ((await watch.stop()) - before) / MiB);
  }
  return { wallMs: median(walls), rssMiB: rss };
}

export const mapPassChoice: Scenario = {
  id: 'map',
  title: '2. inline Map over 10,000 items (Pass with Parameters, Choice)',
  metrics: METRICS(9),
  run: (c, opts) => measure(c.machine(passChoiceMapDefinition()), opts),
};

const handlers: Handlers = { Work: workHandler };

export const mapTasks: Scenario = {
  id: 'map-tasks',
  title: '3. Map of 10,000 Task states, local JS handler in process',
  metrics: METRICS(5),
  run: (c, opts) => measure(c.machine(taskMapDefinition(), handlers), opts),
};

export const mapLambdaTasks: Scenario = {
  id: 'map-lambda',
  title: '3b. the same through the Lambda integration (bench/functions/work.mjs)',
  metrics: METRICS(5),
  referenceFrom: 'map-tasks',
  contenders: ['switchyard'],
  run: async (_c, opts) => {
    const { SwitchyardContender, REGION, ACCOUNT } = await import('../contenders/switchyard.js');
    const { Integrations } = await import('../../src/integrations/index.js');
    const tasks = new Integrations({ functionsDir: resolve(import.meta.dirname, '../functions'), region: REGION, account: ACCOUNT });
    const sy = new SwitchyardContender({ tasks });
    return measure(sy.machine(taskMapDefinition()), opts);
  },
};
