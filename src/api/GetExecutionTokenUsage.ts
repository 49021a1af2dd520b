// Switchyard extension (not an AWS operation): the LLM token usage an
// execution's task states reported (bedrock:invokeModel), per state and
// model, with totals, for cost reports.
//   X-Amz-Target: AWSStepFunctions.GetExecutionTokenUsage  {"executionArn": "..."}
//   -> {"executionArn", "inputTokens", "outputTokens", "calls", "states": [{"stateName", "modelId", "inputTokens", "outputTokens", "calls"}]}
import type { Operation } from './context.js';
import { executionOrThrow } from './executions.js';

export const GetExecutionTokenUsage: Operation = async (ctx, input) => {
  const rec = await executionOrThrow(ctx, input.executionArn);
  const states = await ctx.engine.tokenUsage(rec.executionArn);
  const sum = (k: 'inputTokens' | 'outputTokens' | 'calls'): number => states.reduce((n, s) => n + s[k], 0);
  return { executionArn: rec.executionArn, inputTokens: sum('inputTokens'), outputTokens: sum('outputTokens'), calls: sum('calls'), states };
};
