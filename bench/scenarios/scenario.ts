// A bench scenario: what it measures, the target for each figure,
// and how to run it against one contender.
import type { Contender } from '../contenders/contender.js';

export interface MetricSpec {
  readonly key: string;
  /** the reference's figure to compare with, when it has another name (a raw commit rate) */
  readonly refKey?: string;
  readonly label: string;
  readonly unit: string;
  /** which way is better; the ratio column reads as "times better than the reference" */
  readonly better: 'higher' | 'lower';
  /** issue 7's target, as a ratio over the reference and/or an absolute figure */
  readonly ratioTarget?: number;
  readonly absoluteTarget?: number;
}

export interface RunOptions {
  /** small sizes: a smoke run, not a measurement */
  readonly quick: boolean;
}

export type Figures = Record<string, number>;

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly MetricSpec[];
  /** why Switchyard cannot run it yet; the reference still runs when it can */
  readonly skip?: string;
  /** take the reference figures from another scenario's run (same definition and inputs) */
  readonly referenceFrom?: string;
  /** contenders this scenario runs; both by default */
  readonly contenders?: readonly Contender['id'][];
  run(contender: Contender, opts: RunOptions): Promise<Figures>;
}

/** `size` normally, `quick` for smoke runs */
export const scaled = (opts: RunOptions, size: number, quick: number): number => (opts.quick ? quick : size);
