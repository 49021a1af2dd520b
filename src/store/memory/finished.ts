// Finished executions as the in-memory store keeps them. A store keeps every
// execution for the retention period (AWS: 90 days), so what a finished one
// holds is what every young-generation collection copies until it is
// promoted, and what every full one marks after that. A running execution's
// row is a handful of objects (record, interpreter state, context, history
// slots); once it has finished nothing changes it but a redrive, so it is
// folded into one object: the record's, state's and context's own fields
// (its numbers as small integers, no heap number of their own), the history
// sealed into one string (packed-history.ts; executions that went the same
// way share it), and the fields every execution of a state machine shares in
// one object they share. Reading it makes the row again, equal to the one folded
// (a finished state's empty frames, tasks and timers made as one empty object).
import type { ExecState, ExecutionInfo } from '../../asl/index.js';
import type { StoredExecution } from '../durable-store.js';
import type { PackedHistory } from './packed-history.js';

/** what every execution of a state machine shares (compared field by field with the last one made) */
class Shared {
  constructor(
    readonly stateMachineArn: string, readonly definition: string, readonly stateMachineName: string, readonly roleArn: string,
    readonly region: string, readonly account: string, readonly type: ExecutionInfo['type'],
    /** whether the state had its timerDue field set (to an empty object) or left undefined */
    readonly timerDue: boolean,
  ) {}
}

/** what a finished state's frames, tasks and timers (and timerDue, when set) are made again as: empty, never written */
const EMPTY: Record<string, never> = Object.freeze({});

/** dates are kept as two small integers, high and low: 2^30 ms apart (an epoch-ms date fits no small integer) */
const DATE_UNIT = 2 ** 30;

/** a finished execution folded: see the head of the file */
export class Finished {
  constructor(
    readonly executionArn: string,
    /** undefined: the ARN's last part */
    readonly ownName: string | undefined,
    readonly inputText: string,
    readonly status: StoredExecution['status'],
    readonly outputText: StoredExecution['outputText'],
    readonly error: string | undefined,
    readonly cause: string | undefined,
    readonly shared: Shared,
    /** the interpreter state when it is not of the form rebuilt from the fields (kept as it is) */
    readonly state: ExecState | undefined,
    readonly output: unknown,
    readonly startTime: string,
    readonly input: unknown,
    /** the history's slots sealed */
    readonly units: string,
    readonly values: readonly unknown[],
    readonly version: number,
    readonly lastId: number,
    /** the start date: startHigh * DATE_UNIT + startLow */
    private readonly startHigh: number,
    private readonly startLow: number,
    /** the stop date less the start date (undefined: none) */
    private readonly stopAfter: number | undefined,
    readonly nextEventId: number,
    readonly seq: number,
    readonly redriveCount: number,
  ) {}

  get stateMachineArn(): string { return this.shared.stateMachineArn; }
  get name(): string { return this.ownName ?? this.executionArn.slice(this.executionArn.lastIndexOf(':') + 1); }
  get startDate(): number { return this.startHigh * DATE_UNIT + this.startLow; }
  get stopDate(): number | undefined { return this.stopAfter === undefined ? undefined : this.startDate + this.stopAfter; }
}

/** the keys of the records, states and contexts the engine makes, in its order: the forms a finished row is rebuilt in */
const RECORD_KEYS = ['executionArn', 'stateMachineArn', 'name', 'startDate', 'inputText', 'status', 'stopDate', 'outputText', 'error', 'cause',
  'state', 'definition', 'version'];
const STATE_KEYS = ['info', 'status', 'nextEventId', 'seq', 'frames', 'tasks', 'timers', 'timerDue', 'output'];
const INFO_KEYS = ['executionArn', 'name', 'stateMachineArn', 'stateMachineName', 'roleArn', 'startTime', 'input', 'inputText', 'redriveCount',
  'region', 'account', 'type'];

/** whether `o` has exactly `keys`, in order (read by for-in: no array of keys is made) */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) if (k !== keys[i++]) return false;
  return i === keys.length;
}

/** whether `o` is an object without keys */
function empty(o: unknown): boolean {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
  for (const _ in o) return false;
  return true;
}

let lastShared: Shared | undefined;

function sharedOf(e: StoredExecution, info: ExecutionInfo, timerDue: boolean): Shared {
  const l = lastShared;
  if (l && l.stateMachineArn === e.stateMachineArn && l.definition === e.definition && l.stateMachineName === info.stateMachineName
    && l.roleArn === info.roleArn && l.region === info.region && l.account === info.account && l.type === info.type
    && l.timerDue === timerDue) return l;
  return (lastShared = new Shared(e.stateMachineArn, e.definition, info.stateMachineName, info.roleArn, info.region, info.account, info.type,
    timerDue));
}

/** a shared part for a state kept whole: only the record's fields of it are read */
let lastRecordShared: Shared | undefined;

function sharedOfRecord(e: StoredExecution): Shared {
  const l = lastRecordShared;
  if (l && l.stateMachineArn === e.stateMachineArn && l.definition === e.definition) return l;
  return (lastRecordShared = new Shared(e.stateMachineArn, e.definition, '', '', '', '', 'STANDARD', false));
}

/**
 * The state can be made again from the fields: the engine's form with
 * nothing left in its frames, tasks and timers, its context that of this
 * record.
 */
function rebuildable(e: StoredExecution): boolean {
  const s = e.state;
  const info = s.info;
  return hasKeys(s, STATE_KEYS) && hasKeys(info, INFO_KEYS) && s.status === e.status && info.executionArn === e.executionArn
    && info.name === e.name && info.stateMachineArn === e.stateMachineArn && info.inputText === e.inputText
    && empty(s.frames) && empty(s.tasks) && empty(s.timers) && (s.timerDue === undefined || empty(s.timerDue));
}

/**
 * A finished execution folded, from its record and its history; undefined
 * when the record is not of the engine's form (written by hand).
 */
export function fold(e: StoredExecution, history: PackedHistory): Finished | undefined {
  if (e.status === 'RUNNING' || !hasKeys(e, RECORD_KEYS) || typeof e.startDate !== 'number') return undefined;
  const startHigh = Math.floor(e.startDate / DATE_UNIT);
  const startLow = e.startDate - startHigh * DATE_UNIT;
  const stopAfter = e.stopDate === undefined ? undefined : e.stopDate - e.startDate;
  // dates that do not come back exactly from their parts (none the engine makes) stay in a row, checked before the
  // history is sealed for nothing
  if (startHigh * DATE_UNIT + startLow !== e.startDate || (stopAfter !== undefined && e.startDate + stopAfter !== e.stopDate)) return undefined;
  const whole = !rebuildable(e);
  const s = e.state;
  const info = s.info;
  const sealed = history.sealed();
  if (!sealed) return undefined;
  const arn = e.executionArn;
  // the name is not kept when it is the ARN's last part (as the engine makes ARNs)
  const suffix = arn.length > e.name.length && arn.charCodeAt(arn.length - e.name.length - 1) === 58 && arn.endsWith(e.name)
    && e.name.indexOf(':') < 0;
  return new Finished(arn, suffix ? undefined : e.name, e.inputText, e.status, e.outputText, e.error, e.cause,
    whole ? sharedOfRecord(e) : sharedOf(e, info, s.timerDue !== undefined), whole ? s : undefined, s.output, whole ? '' : info.startTime, whole ? undefined : info.input,
    sealed.units, sealed.values, e.version, history.lastId, startHigh, startLow, stopAfter, s.nextEventId, s.seq, whole ? 0 : info.redriveCount);
}

/** the record a folded execution was folded from */
export function unfold(f: Finished): StoredExecution {
  const sh = f.shared;
  const name = f.name;
  const state: ExecState = f.state ?? {
    info: {
      executionArn: f.executionArn, name, stateMachineArn: sh.stateMachineArn, stateMachineName: sh.stateMachineName, roleArn: sh.roleArn,
      startTime: f.startTime, input: f.input, inputText: f.inputText, redriveCount: f.redriveCount, region: sh.region, account: sh.account,
      type: sh.type,
    },
    status: f.status, nextEventId: f.nextEventId, seq: f.seq, frames: EMPTY, tasks: EMPTY, timers: EMPTY, timerDue: sh.timerDue ? EMPTY : undefined,
    output: f.output,
  };
  return {
    executionArn: f.executionArn, stateMachineArn: sh.stateMachineArn, name, startDate: f.startDate, inputText: f.inputText, status: f.status,
    stopDate: f.stopDate, outputText: f.outputText, error: f.error, cause: f.cause, state, definition: sh.definition, version: f.version,
  };
}
