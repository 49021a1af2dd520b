import type { Engine } from '../engine/engine.js';

export interface ApiContext {
  readonly engine: Engine;
  readonly region: string;
  readonly account: string;
  /** aborted when the client has gone (a long poll stops waiting) */
  readonly signal?: AbortSignal;
}

export type Operation = (ctx: ApiContext, input: Record<string, any>) => Promise<unknown> | unknown;

/** AWS JSON 1.0 timestamps are epoch seconds. */
export const seconds = (ms: number): number => ms / 1000;

/** The engine's clock (a test may have injected one). */
export const now = (ctx: ApiContext): number => ctx.engine.opts.clock.now();
