// State machine look-ups shared by the operations: qualified ARNs
// (versions, aliases), AWS's not-found answers, and the deferred deletion
// of state machines that still had running executions.
import type { ApiContext } from './context.js';
import { ApiError } from './errors.js';
import { type MachineRef, parseMachineArn } from './arns.js';
import type { StateMachineRecord } from '../engine/engine.js';
import type { AliasRecord, VersionRecord } from '../engine/registry/index.js';

export const DEFAULT_ENCRYPTION = { type: 'AWS_OWNED_KEY' } as const;

export const machineDoesNotExist = (arn: unknown): ApiError =>
  new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);

export const machineDeleting = (arn: string): ApiError =>
  new ApiError('StateMachineDeleting', `State Machine is being deleted: '${arn}'`);

export const resourceNotFound = (): ApiError => new ApiError('ResourceNotFound', 'Request references a resource that does not exist.');

export async function hasRunningExecutions(ctx: ApiContext, machineArn: string): Promise<boolean> {
  const page = await ctx.engine.listExecutions({ stateMachineArn: machineArn, status: 'RUNNING', limit: 1 });
  return page.items.length > 0;
}

/** Removes a state machine with everything that hangs off it (versions, aliases, tags). */
export async function removeMachine(ctx: ApiContext, machineArn: string): Promise<void> {
  const reg = ctx.engine.registry;
  for (const v of reg.versions.list(machineArn)) reg.tags.forget(v.arn);
  for (const a of reg.aliases.list(machineArn)) reg.tags.forget(a.arn);
  reg.versions.deleteAll(machineArn);
  reg.aliases.deleteAll(machineArn);
  reg.tags.forget(machineArn);
  reg.machines.delete(machineArn);
  await ctx.engine.deleteStateMachine(machineArn);
}

/**
 * The state machine record, or undefined. A machine marked DELETING whose
 * executions have all finished is deleted now (AWS deletes it once its
 * executions complete).
 */
export async function findMachine(ctx: ApiContext, machineArn: string): Promise<StateMachineRecord | undefined> {
  const sm = await ctx.engine.getStateMachine(machineArn);
  if (sm?.status === 'DELETING' && !(await hasRunningExecutions(ctx, machineArn))) {
    await removeMachine(ctx, machineArn);
    return undefined;
  }
  return sm;
}

/** An unqualified state machine ARN that must exist. */
export async function machineOrThrow(ctx: ApiContext, arn: unknown): Promise<StateMachineRecord> {
  const ref = parseMachineArn(arn);
  if (ref.kind !== 'machine') throw machineDoesNotExist(arn);
  const sm = await findMachine(ctx, ref.machineArn);
  if (!sm) throw machineDoesNotExist(arn);
  return sm;
}

/** What an execution started on a state machine, version or alias ARN runs. */
export interface ExecutionTarget {
  readonly ref: MachineRef;
  readonly machine: StateMachineRecord;
  readonly version?: VersionRecord;
  readonly alias?: AliasRecord;
  readonly definition: string;
  readonly roleArn: string;
}

export async function resolveTarget(ctx: ApiContext, arn: unknown): Promise<ExecutionTarget> {
  const ref = parseMachineArn(arn);
  const machine = await findMachine(ctx, ref.machineArn);
  if (!machine) throw machineDoesNotExist(arn);
  const reg = ctx.engine.registry;
  if (ref.kind === 'machine') return { ref, machine, definition: machine.definition, roleArn: machine.roleArn };
  let alias: AliasRecord | undefined;
  let versionArn = String(arn);
  if (ref.kind === 'alias') {
    alias = reg.aliases.get(String(arn));
    if (!alias) throw resourceNotFound();
    versionArn = reg.aliases.route(alias, Math.random());
  }
  const version = reg.versions.get(versionArn);
  if (!version) throw ref.kind === 'alias' ? resourceNotFound() : machineDoesNotExist(arn);
  return { ref, machine, version, alias, definition: version.definition, roleArn: version.roleArn };
}

export interface LoggingConfiguration {
  readonly level: string;
  readonly includeExecutionData: boolean;
  readonly destinations?: readonly unknown[];
}

const LOG_LEVELS = ['ALL', 'ERROR', 'FATAL', 'OFF'];

/** Validates a LoggingConfiguration and fills AWS's defaults (level OFF, includeExecutionData false). */
export function loggingConfiguration(raw: unknown): LoggingConfiguration | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ApiError('SerializationException', "Expected an object for 'loggingConfiguration'");
  const c = raw as Record<string, any>;
  const level = c.level ?? 'OFF';
  if (!LOG_LEVELS.includes(level)) {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${level}' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [${LOG_LEVELS.join(', ')}]`);
  }
  const destinations = c.destinations;
  if (destinations !== undefined && !Array.isArray(destinations)) throw new ApiError('SerializationException', "Expected a list for 'destinations'");
  if (level !== 'OFF' && (destinations?.length ?? 0) !== 1) {
    throw new ApiError('InvalidLoggingConfiguration', 'Invalid Logging Configuration: Must specify exactly one Log Destination.');
  }
  for (const d of destinations ?? []) {
    const arn = d?.cloudWatchLogsLogGroup?.logGroupArn;
    if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:.+/.test(arn)) {
      throw new ApiError('InvalidLoggingConfiguration', `Invalid Logging Configuration: Log Destination must be a CloudWatch Logs log group ARN: '${String(arn)}'`);
    }
  }
  return { level, includeExecutionData: c.includeExecutionData === true, ...(destinations !== undefined ? { destinations } : {}) };
}

export function tracingConfiguration(raw: unknown): { enabled: boolean } | undefined {
  if (raw === undefined || raw === null) return undefined;
  const enabled = (raw as Record<string, unknown>).enabled;
  if (enabled !== undefined && typeof enabled !== 'boolean') throw new ApiError('InvalidTracingConfiguration', 'Invalid Tracing Configuration: enabled must be a boolean');
  return { enabled: enabled === true };
}

export const DEFAULT_LOGGING: LoggingConfiguration = { level: 'OFF', includeExecutionData: false };
export const DEFAULT_TRACING = { enabled: false } as const;

/** Same logging/tracing configuration once defaults are filled (idempotent CreateStateMachine). */
export function sameJson(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (Array.isArray(v) ? v.map(norm)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, norm(x)])) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
