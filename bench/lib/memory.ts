// Memory readings for the bench. Children run with --expose-gc so that a
// reading after a full collection counts only what is still reachable.
import { Worker } from 'node:worker_threads';

const gc = (globalThis as { gc?: () => void }).gc;

/** full collections until the heap stops shrinking; returns heap + external bytes */
export async function settledHeap(): Promise<number> {
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  let last = Infinity;
  for (let i = 0; i < 6; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
    const m = process.memoryUsage();
    const now = m.heapUsed + m.external;
    if (now >= last * 0.999) return now;
    last = now;
  }
  return last;
}

// A worker thread reads the process-wide RSS every millisecond, so the peak
// is seen even while the main thread runs a long synchronous stretch.
const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const t = setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak) peak = r; }, 1);
parentPort.on('message', () => { clearInterval(t); parentPort.postMessage(Math.max(peak, process.memoryUsage.rss())); });
`;

export interface RssWatch {
  /** stops sampling; resolves with the peak RSS in bytes */
  stop(): Promise<number>;
}

export async function watchRss(): Promise<RssWatch> {
  const w = new Worker(SAMPLER, { eval: true });
  await new Promise((r) => setTimeout(r, 20));
  return {
    stop: () => new Promise((resolve, reject) => {
      w.once('message', (peak: number) => { void w.terminate(); resolve(peak); });
      w.once('error', reject);
      w.postMessage('stop');
    }),
  };
}

export const MiB = 1024 * 1024;
