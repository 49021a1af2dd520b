import type { StateHandler } from './handler.js';
import { complete, effectiveInput, isJsonata, jsonataScope, leaveThroughCatcher, stateArguments } from './common.js';
import { selectPath } from '../execution/jsonpath-io.js';
import { evaluateTemplate as evaluateJsonata, isJsonataExpression, unexpectedType } from '../query/jsonata/jsonata.js';
import { StatesError } from '../errors/states-error.js';
import { NOT_TRUNCATED } from '../execution/events.js';
import { NONE, type Frame, type TaskPhase } from '../execution/state.js';
import type { Run } from '../execution/run.js';
import type { StateDef } from '../definition/types.js';
import { resolveResource, type ResolvedResource } from './resource.js';

const EVENT_PREFIX = { lambda: 'LambdaFunction', task: 'Task', activity: 'Activity' } as const;

/** Event types and their detail fields per resource family, made once: "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails"... */
const FAMILY_EVENTS = Object.fromEntries(Object.entries(EVENT_PREFIX).map(([family, prefix]) => {
  const key = prefix.charAt(0).toLowerCase() + prefix.slice(1);
  return [family, {
    scheduled: `${prefix}Scheduled`, scheduledKey: `${key}ScheduledEventDetails`,
    succeeded: `${prefix}Succeeded`, succeededKey: `${key}SucceededEventDetails`,
  }];
})) as Record<keyof typeof EVENT_PREFIX, { scheduled: string; scheduledKey: string; succeeded: string; succeededKey: string }>;

function positiveInt(run: Run, frame: Frame, def: StateDef, input: unknown, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): number | undefined {
  const raw = def.raw;
  if (typeof raw[field] === 'number') return raw[field];
  if (isJsonata(def) && isJsonataExpression(raw[field])) {
    const v = evaluateJsonata(raw[field], field, jsonataScope(run, frame, def));
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw unexpectedType(raw[field], field, 'integer', v);
    return v;
  }
  const path = raw[field === 'TimeoutSeconds' ? 'TimeoutSecondsPath' : 'HeartbeatSecondsPath'];
  if (path === undefined) return undefined;
  const v = selectPath(path, run.scope(frame, input));
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new StatesError('States.Runtime', `The ${field}Path parameter does not reference a positive integer: ${path} == ${JSON.stringify(v)}`);
  }
  return v;
}

/** Resource details AWS repeats in every Task* event. */
function resourceFields(r: ResolvedResource): Record<string, unknown> {
  return r.family === 'task' ? { resourceType: r.resourceType, resource: r.resource } : {};
}

function schedule(run: Run, frame: Frame, def: StateDef): void {
  const r = resolveResource(def.raw.Resource);
  if (r.family === 'activity' && run.env.activityExists && !run.env.activityExists(r.resource)) {
    throw new StatesError('States.Runtime', `The activity ${r.resource} does not exist.`);
  }
  const input = effectiveInput(run, frame, def);
  if (r.waitForTaskToken) frame.taskToken = run.env.uuid();
  const parameters = stateArguments(run, frame, def, input);
  const timeoutSeconds = positiveInt(run, frame, def, input, 'TimeoutSeconds');
  const heartbeatSeconds = positiveInt(run, frame, def, input, 'HeartbeatSeconds');
  const taskId = frame.parentId === undefined ? run.newId('k') : run.newChildId();
  if (run.state.tasks === NONE) run.state.tasks = {};
  run.state.tasks[taskId] = frame.id;
  // a silent frame (a Distributed Map's child) writes no event: its details and texts are never made
  if (!frame.silent) {
    const params = run.text(parameters);
    const scheduled: Record<string, unknown> = r.family === 'task'
      ? { resourceType: r.resourceType, resource: r.resource, region: run.state.info.region, parameters: params }
      : { resource: r.resource, input: params, inputDetails: NOT_TRUNCATED };
    if (timeoutSeconds !== undefined) scheduled.timeoutInSeconds = timeoutSeconds;
    if (heartbeatSeconds !== undefined) scheduled.heartbeatInSeconds = heartbeatSeconds;
    const names = FAMILY_EVENTS[r.family];
    run.emitDetail(frame, names.scheduled, names.scheduledKey, scheduled);
  }
  const phase: TaskPhase = {
    kind: 'task', taskId, family: r.family, resourceType: r.resourceType, resource: r.resource,
    timeoutTimerId: timeoutSeconds !== undefined ? run.armTimer(frame, run.env.now + timeoutSeconds * 1000) : undefined,
    heartbeatTimerId: heartbeatSeconds !== undefined ? run.armTimer(frame, run.env.now + heartbeatSeconds * 1000) : undefined,
    heartbeatSeconds, started: r.family !== 'activity',
  };
  frame.phase = phase;
  if (!frame.silent) {
    if (r.family === 'lambda') run.emit(frame, 'LambdaFunctionStarted');
    else if (r.family === 'task') run.emit(frame, 'TaskStarted', { taskStartedEventDetails: resourceFields(r) });
  }
  run.commands.push({
    type: 'invokeTask', taskId, resource: def.raw.Resource, family: r.family, resourceType: r.resourceType,
    parameters, timeoutSeconds, heartbeatSeconds, taskToken: frame.taskToken, stateName: def.name,
    credentials: def.raw.Credentials,
  });
}

function release(run: Run, phase: TaskPhase): void {
  delete run.state.tasks[phase.taskId];
  run.cancelTimer(phase.timeoutTimerId);
  run.cancelTimer(phase.heartbeatTimerId);
}

/** Writes the task's failure event; returns the state's error handling, to run now or after other timeouts. */
function taskFailed(run: Run, frame: Frame, def: StateDef, phase: TaskPhase, type: 'Failed' | 'TimedOut', error: string, cause: string | undefined): () => void {
  const details: Record<string, unknown> = { ...resourceFields(phase as unknown as ResolvedResource), error };
  if (cause !== undefined) details.cause = cause;
  const key = `${EVENT_PREFIX[phase.family].charAt(0).toLowerCase()}${EVENT_PREFIX[phase.family].slice(1)}${type}EventDetails`;
  run.emit(frame, `${EVENT_PREFIX[phase.family]}${type}`, { [key]: details });
  frame.taskToken = undefined;
  return () => run.stateFailed(frame, def, error, cause);
}

export const task: StateHandler = {
  enter: schedule,
  retry: schedule,
  caught: leaveThroughCatcher,
  task(run, frame, def, signal) {
    const phase = frame.phase;
    if (phase.kind !== 'task' || !('taskId' in signal) || phase.taskId !== signal.taskId) return;
    switch (signal.type) {
      case 'taskStarted':
        if (phase.started) return;
        phase.started = true;
        run.emit(frame, `${EVENT_PREFIX[phase.family]}Started`, phase.family === 'activity'
          ? { activityStartedEventDetails: signal.workerName ? { workerName: signal.workerName } : {} }
          : { taskStartedEventDetails: resourceFields(phase as unknown as ResolvedResource) });
        return;
      case 'taskSubmitted':
        run.emit(frame, 'TaskSubmitted', {
          taskSubmittedEventDetails: { ...resourceFields(phase as unknown as ResolvedResource), output: run.payload(signal.output), outputDetails: NOT_TRUNCATED },
        });
        frame.phase = { ...phase, submitted: signal.output };
        return;
      case 'taskHeartbeat':
        if (phase.heartbeatTimerId && phase.heartbeatSeconds) {
          run.cancelTimer(phase.heartbeatTimerId);
          frame.phase = { ...phase, heartbeatTimerId: run.armTimer(frame, run.env.now + phase.heartbeatSeconds * 1000) };
        }
        return;
      case 'taskFailed':
        release(run, phase);
        taskFailed(run, frame, def, phase, 'Failed', signal.error, signal.cause)();
        return;
      case 'taskSucceeded': {
        release(run, phase);
        if (run.exceedsLimit(frame, signal.output)) {
          taskFailed(run, frame, def, phase, 'Failed', 'States.DataLimitExceeded',
            `The state/task '${phase.resourceType}' returned a result with a size exceeding the maximum number of bytes service limit.`)();
          return;
        }
        if (!frame.silent) {
          const names = FAMILY_EVENTS[phase.family];
          const text = run.payload(signal.output);
          run.emitDetail(frame, names.succeeded, names.succeededKey, phase.family === 'task'
            ? { resourceType: phase.resourceType, resource: phase.resource, output: text, outputDetails: NOT_TRUNCATED }
            : { output: text, outputDetails: NOT_TRUNCATED });
        }
        frame.taskToken = undefined;
        complete(run, frame, def, signal.output);
        return;
      }
    }
  },
  expire(run, frame, def, timerId) {
    const phase = frame.phase;
    if (phase.kind !== 'task') return undefined;
    const error = timerId === phase.timeoutTimerId ? 'States.Timeout' : timerId === phase.heartbeatTimerId ? 'States.HeartbeatTimeout' : undefined;
    if (!error) return undefined;
    release(run, phase);
    run.commands.push({ type: 'cancelTask', taskId: phase.taskId });
    return taskFailed(run, frame, def, phase, 'TimedOut', error, undefined);
  },
};
