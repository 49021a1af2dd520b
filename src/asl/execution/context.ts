// The context object ($$), as AWS documents it ("Accessing execution data
// from the Context object").
import type { StateDef } from '../definition/types.js';
import type { ExecutionInfo, Frame } from './state.js';

let lastMs = NaN;
let lastIso = '';

/** ISO 8601 text of an epoch-ms time; executions started in the same millisecond share one string */
export function isoTime(ms: number): string {
  if (ms !== lastMs) { lastIso = new Date(ms).toISOString(); lastMs = ms; }
  return lastIso;
}

export function buildContext(info: ExecutionInfo, frame: Frame, def: StateDef, _now: number): Record<string, unknown> {
  const state: Record<string, unknown> = { Name: def.name, EnteredTime: isoTime(frame.enteredTime) };
  if (def.type === 'Task' || def.type === 'Parallel' || def.type === 'Map') state.RetryCount = frame.retryCount;
  const ctx: Record<string, unknown> = {
    Execution: {
      Id: info.executionArn, Input: info.input, StartTime: info.startTime, Name: info.name,
      RoleArn: info.roleArn, ...(info.redriveCount ? { RedriveCount: info.redriveCount } : {}),
    },
    StateMachine: { Id: info.stateMachineArn, Name: info.stateMachineName },
    State: state,
  };
  if (frame.taskToken !== undefined) ctx.Task = { Token: frame.taskToken };
  return ctx;
}

/** $$ while a Map state builds an item's input: adds Map.Item. */
export function withMapItem(ctx: Record<string, unknown>, index: number, value: unknown): Record<string, unknown> {
  return { ...ctx, Map: { Item: { Index: index, Value: value } } };
}
