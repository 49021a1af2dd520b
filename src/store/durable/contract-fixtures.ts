// Records the store contract suite writes: small but complete executions,
// events, invocations and transitions.
import type { ExecState, HistoryEvent } from '../../asl/index.js';
import type { ExecutionRecord, StateMachineRecord, TaskInvocation, Transition } from '../durable-store.js';

export const SM_A = 'arn:aws:states:us-east-1:123456789012:stateMachine:a';
export const SM_B = 'arn:aws:states:us-east-1:123456789012:stateMachine:b';

export function stateMachine(arn = SM_A): StateMachineRecord {
  return {
    arn, name: arn.split(':').pop() ?? 'a', type: 'STANDARD', roleArn: 'arn:aws:iam::123456789012:role/r',
    definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', creationDate: 1_700_000_000_000,
    revisionId: 'r1', status: 'ACTIVE', description: 'pass through',
  };
}

export function executionArn(name: string, sm = SM_A): string {
  return sm.replace(':stateMachine:', ':execution:') + ':' + name;
}

export function execution(name: string, startDate: number, sm = SM_A): ExecutionRecord {
  const arn = executionArn(name, sm);
  const state: ExecState = {
    info: {
      executionArn: arn, name, stateMachineArn: sm, stateMachineName: 'a', roleArn: 'arn:aws:iam::123456789012:role/r',
      startTime: new Date(startDate).toISOString(), input: { n: 1, s: 'ü' }, inputText: '{"n":1,"s":"ü"}', redriveCount: 0,
      region: 'us-east-1', account: '123456789012', type: 'STANDARD',
    },
    status: 'RUNNING', nextEventId: 3, seq: 0, frames: {}, tasks: {}, timers: {},
  };
  return {
    executionArn: arn, stateMachineArn: sm, name, startDate, inputText: '{"n":1,"s":"ü"}', status: 'RUNNING', state,
    definition: stateMachine(sm).definition,
  };
}

export function event(id: number, type = 'PassStateEntered', timestamp = 1_700_000_000_000 + id): HistoryEvent {
  return { id, previousEventId: id - 1, timestamp, type, stateEnteredEventDetails: { name: 'P', input: '{}' } };
}

export function events(from: number, to: number): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (let id = from; id <= to; id++) out.push(event(id));
  return out;
}

/** a copy of the record one transition later (the interpreter's bookkeeping moved on) */
export function advanced(rec: ExecutionRecord, patch: Partial<ExecutionRecord> = {}): ExecutionRecord {
  const state = structuredClone(rec.state);
  state.seq += 1;
  state.nextEventId += 1;
  if (patch.status) state.status = patch.status;
  return { ...rec, ...patch, state };
}

export function creation(rec: ExecutionRecord, extra: Partial<Transition> = {}): Transition {
  return { execution: rec, expectedVersion: 0, events: events(1, 2), ...extra };
}

export function invocation(taskId: string, taskToken?: string): TaskInvocation {
  return {
    type: 'invokeTask', taskId, resource: 'arn:aws:states:::lambda:invoke', family: 'lambda', resourceType: 'lambda',
    parameters: { FunctionName: 'f', Payload: { x: [1, 2, 3] } }, stateName: 'Call', timeoutSeconds: 60,
    ...(taskToken !== undefined && { taskToken }),
  };
}
