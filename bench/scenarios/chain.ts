// Scenario 1: a 10-state Pass chain with a small input, one execution at a
// time and 100 in flight: executions per second and per-execution latency.
import type { Machine } from '../contenders/contender.js';
import { spread } from '../lib/stats.js';
import { type Scenario, scaled } from './scenario.js';

export function chainDefinition(length = 10): object {
  const States: Record<string, object> = {};
  for (let i = 1; i <= length; i++) {
    States[`Step${i}`] = i < length ? { Type: 'Pass', Next: `Step${i + 1}` } : { Type: 'Pass', End: true };
  }
  return { Comment: 'bench: Pass chain', StartAt: 'Step1', States };
}

export const CHAIN_INPUT = { orderId: 'o-1042', customer: { id: 7, tier: 'gold' }, items: [1, 2, 3] };

/** runs `total` executions with `inFlight` of them at a time; latencies in ms */
export async function drive(m: Machine, total: number, inFlight: number, input: unknown, inputText: string):
  Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = new Array(total);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await m.run(input, inputText);
      latencies[i] = performance.now() - t0;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { perSecond: total / ((performance.now() - t0) / 1000), latencies };
}

export const chain: Scenario = {
  id: 'chain',
  title: '1. 10-state Pass chain, small input',
  metrics: [
    { key: 'seqRate', label: 'sequential: executions/s', unit: '/s', better: 'higher', ratioTarget: 5, absoluteTarget: 200_000 },
    { key: 'seqP50', label: 'sequential: latency p50', unit: 'ms', better: 'lower' },
    { key: 'seqP99', label: 'sequential: latency p99', unit: 'ms', better: 'lower' },
    { key: 'parRate', label: '100 in flight: executions/s', unit: '/s', better: 'higher', ratioTarget: 5, absoluteTarget: 200_000 },
    { key: 'parP50', label: '100 in flight: latency p50', unit: 'ms', better: 'lower' },
    { key: 'parP99', label: '100 in flight: latency p99', unit: 'ms', better: 'lower' },
  ],
  async run(contender, opts) {
    const m = contender.machine(chainDefinition());
    const text = JSON.stringify(CHAIN_INPUT);
    const n = scaled(opts, 20_000, 500);
    await drive(m, scaled(opts, 3_000, 100), 1, CHAIN_INPUT, text); // JIT warm-up
    const seq = await drive(m, n, 1, CHAIN_INPUT, text);
    const par = await drive(m, n, 100, CHAIN_INPUT, text);
    const s = spread(seq.latencies);
    const p = spread(par.latencies);
    return { seqRate: seq.perSecond, seqP50: s.p50, seqP99: s.p99, parRate: par.perSecond, parP50: p.p50, parP99: p.p99 };
  },
};
