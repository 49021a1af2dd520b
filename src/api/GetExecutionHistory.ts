import { type Operation, seconds } from './context.js';
import { executionOrThrow } from './executions.js';
import { decodeToken, encodeToken, pageSize } from './validation.js';
import type { HistoryEvent } from '../asl/index.js';

const DATA_FIELDS = ['input', 'output', 'parameters'];

function render(ev: HistoryEvent, includeData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ev, timestamp: seconds(ev.timestamp) };
  if (!includeData) {
    for (const [k, v] of Object.entries(out)) {
      if (!k.endsWith('EventDetails') || typeof v !== 'object' || v === null) continue;
      const d: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      for (const f of DATA_FIELDS) if (f in d) delete d[f];
      out[k] = d;
    }
  }
  return out;
}

export const GetExecutionHistory: Operation = async (ctx, input) => {
  const rec = await executionOrThrow(ctx, input.executionArn);
  const reverse = Boolean(input.reverseOrder);
  const scope = `h:${rec.executionArn}:${reverse ? 'r' : 'f'}`;
  const limit = pageSize(input);
  // the token carries the last event id of the previous page (keyset pagination)
  const afterId = input.nextToken === undefined || input.nextToken === null ? undefined : decodeToken(input.nextToken, scope);
  const events = await ctx.engine.history(rec.executionArn, { afterId, limit: limit + 1, reverse });
  const page = events.slice(0, limit);
  const includeData = input.includeExecutionData !== false;
  const last = page[page.length - 1];
  return {
    events: page.map((e) => render(e, includeData)),
    ...(events.length > limit && last ? { nextToken: encodeToken(scope, last.id) } : {}),
  };
};
