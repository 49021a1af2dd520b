import type { Engine } from '../engine/engine.js';

export interface ApiContext {
  readonly engine: Engine;
  readonly region: string;
  readonly account: string;
}

export type Operation = (ctx: ApiContext, input: Record<string, any>) => Promise<unknown> | unknown;

export const seconds = (ms: number): number => ms / 1000;
