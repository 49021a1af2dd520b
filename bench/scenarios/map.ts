// Scenarios 2 and 3: a Map over 10,000 items. Scenario 2's items go through
// a Pass with Parameters and a Choice; scenario 3's through a Task that calls
// a local JS handler. Wall time and peak RSS growth per run.
// An inline Map writes 7-8 history events per item: 10,000 items would pass
// AWS's quota of 25,000 events per execution, which Switchyard enforces as
// AWS does (States.Runtime). So the 10,000-item runs use Distributed mode,
// AWS's way to map that many items (the reference has no Distributed mode and
// runs the same definition inline), and the inline rows use 2,500 items.
import { resolve } from 'node:path';
import { FUNCTION_ARN, type Handlers, type Machine } from '../contenders/contender.js';
import { MiB, settledHeap, watchRss } from '../lib/memory.js';
import { median } from '../lib/stats.js';
import { type MetricSpec, type RunOptions, type Scenario, scaled } from './scenario.js';

export type MapMode = 'INLINE' | 'DISTRIBUTED';

const processorConfig = (mode: MapMode): object =>
  (mode === 'DISTRIBUTED' ? { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } } : {});

export function passChoiceMapDefinition(mode: MapMode = 'INLINE'): object {
  return {
    Comment: 'bench: inline Map, Pass with Parameters then Choice',
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map', ItemsPath: '$.items', End: true,
        ItemProcessor: {
          ...processorConfig(mode),
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

export function taskMapDefinition(mode: MapMode = 'INLINE'): object {
  return {
    Comment: 'bench: inline Map of Task states',
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map', ItemsPath: '$.items', End: true,
        ItemProcessor: { ...processorConfig(mode), StartAt: 'Work', States: { Work: { Type: 'Task', Resource: FUNCTION_ARN, End: true } } },
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

async function measure(m: Machine, opts: RunOptions, size: number): Promise<{ wallMs: number; rssMiB: number }> {
  const n = scaled(opts, size, 200);
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

const handlers: Handlers = { Work: workHandler };

export const mapPassChoice: Scenario = {
  id: 'map',
  title: '2. Map over 10,000 items, Distributed (Pass with Parameters, Choice)',
  metrics: METRICS(9),
  run: (c, opts) => measure(c.machine(passChoiceMapDefinition('DISTRIBUTED')), opts, 10_000),
};

export const mapPassChoiceInline: Scenario = {
  id: 'map-inline',
  title: '2b. inline Map over 2,500 items (Pass with Parameters, Choice)',
  metrics: METRICS(9),
  run: (c, opts) => measure(c.machine(passChoiceMapDefinition('INLINE')), opts, 2_500),
};

export const mapTasks: Scenario = {
  id: 'map-tasks',
  title: '3. Map of 10,000 Task states, Distributed, local JS handler in process',
  metrics: METRICS(5),
  run: (c, opts) => measure(c.machine(taskMapDefinition('DISTRIBUTED'), handlers), opts, 10_000),
};

export const mapTasksInline: Scenario = {
  id: 'map-tasks-inline',
  title: '3b. inline Map of 2,500 Task states, local JS handler in process',
  metrics: METRICS(5),
  run: (c, opts) => measure(c.machine(taskMapDefinition('INLINE'), handlers), opts, 2_500),
};

export const mapLambdaTasks: Scenario = {
  id: 'map-lambda',
  title: '3c. scenario 3 through the Lambda integration (bench/functions/work.mjs)',
  metrics: METRICS(5),
  referenceFrom: 'map-tasks',
  contenders: ['switchyard'],
  run: async (_c, opts) => {
    const { SwitchyardContender, REGION, ACCOUNT } = await import('../contenders/switchyard.js');
    const { Integrations } = await import('../../src/integrations/index.js');
    const tasks = new Integrations({ functionsDir: resolve(import.meta.dirname, '../functions'), region: REGION, account: ACCOUNT });
    const sy = new SwitchyardContender({ tasks });
    return measure(sy.machine(taskMapDefinition('DISTRIBUTED')), opts, 10_000);
  },
};
