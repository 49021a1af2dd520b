import { type Operation, seconds } from './context.js';
import { executionOrThrow } from './DescribeExecution.js';
import { paginate } from './validation.js';
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

export const GetExecutionHistory: Operation = (ctx, input) => {
  const rec = executionOrThrow(ctx, input.executionArn);
  let events = ctx.engine.history(rec.executionArn);
  if (input.reverseOrder) events = [...events].reverse();
  const { page, nextToken } = paginate(events, input, `h:${rec.executionArn}:${input.reverseOrder ? 'r' : 'f'}`);
  const includeData = input.includeExecutionData !== false;
  return { events: page.map((e) => render(e, includeData)), ...(nextToken ? { nextToken } : {}) };
};
