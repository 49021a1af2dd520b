// History events exactly as AWS's GetExecutionHistory returns them
// (HistoryEvent in the Step Functions API reference).
import type { StateType } from '../definition/types.js';

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** epoch milliseconds; the API layer renders it as epoch seconds */
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** The detail field of each event type ("TaskStateEntered" -> "stateEnteredEventDetails"). */
export function detailsKey(type: string): string | undefined {
  if (/StateEntered$/.test(type)) return 'stateEnteredEventDetails';
  if (/StateExited$/.test(type)) return 'stateExitedEventDetails';
  if (/^(Parallel|Map)State(Started|Succeeded|Failed|Aborted)$/.test(type)) {
    return type === 'MapStateStarted' ? 'mapStateStartedEventDetails' : undefined;
  }
  return type.charAt(0).toLowerCase() + type.slice(1) + 'EventDetails';
}

// AWS keeps the text of the execution input as it was given while the value
// passes through states untouched (a Parallel of Pass states echoes "[1, 2]"
// with its spaces); anything a state builds is written as compact JSON.
const rawTexts = new WeakMap<object, PayloadText>();

/**
 * A payload text not written yet: the value it spells, written (as
 * payloadText would write it) when first read. Sound because a value is
 * never mutated once made (ResultPath and templates build new ones). A store
 * that keeps values (DurableStore.keepsValues) is handed these in history
 * events, so a payload nobody reads is never serialised; JSON.stringify and
 * String() give the text.
 */
export class DeferredText {
  private value: unknown;
  private written: string | undefined = undefined;
  constructor(value: unknown) { this.value = value; }

  get text(): string {
    if (this.written === undefined) {
      this.written = writePayload(this.value);
      this.value = undefined;
    }
    return this.written;
  }

  /** its text if written already */
  get known(): string | undefined { return this.written; }

  /** an upper bound of its UTF-8 size (payloadBound) */
  bound(limit: number): number {
    return this.written !== undefined ? this.written.length * 3 : walkBound(this.value, limit);
  }

  toJSON(): string { return this.text; }
  toString(): string { return this.text; }
}

/** A payload as history holds it: its text, or the value whose text is written when read. */
export type PayloadText = string | DeferredText;

/** the text of a payload (undefined stays undefined: an execution's output before it ends) */
export function textOf(p: PayloadText): string;
export function textOf(p: PayloadText | undefined): string | undefined;
export function textOf(p: PayloadText | undefined): string | undefined {
  return p === undefined || typeof p === 'string' ? p : p.text;
}

/** Keeps `text` as the payload text of `value`, which it spells (JSON.parse(text)); the value is never mutated after. */
export function keepRawText(value: unknown, text: PayloadText): void {
  if (typeof value === 'object' && value !== null) rawTexts.set(value, text);
}

/** The payload text kept for `value` (keepRawText), written or deferred; undefined when none is. */
export function keptText(value: unknown): PayloadText | undefined {
  return typeof value === 'object' && value !== null ? rawTexts.get(value) : undefined;
}

/** Whether an array (a Parallel's or nested Parallels' results) holds a value kept with its text. */
function holdsRawText(value: unknown[]): boolean {
  return value.some((v) => typeof v === 'object' && v !== null && (rawTexts.has(v) || (Array.isArray(v) && holdsRawText(v))));
}

/** Payload text as AWS stores it in history. */
export function payloadText(value: unknown): string {
  const raw = keptText(value);
  return raw === undefined ? writePayload(value) : textOf(raw);
}

/**
 * The output of the execution that finished last and its payload, for
 * payloadOf: the engine asks for it right after the step that wrote the
 * ExecutionSucceeded event. One slot, not a weak map entry per execution:
 * such entries live as long as the outputs do (the retention period) and
 * every full collection walks them.
 */
let finishedOutput: unknown;
let finishedText: PayloadText | undefined;

/** notes the payload an execution's output was written with (its ExecutionSucceeded event's) */
export function noteFinishedOutput(value: unknown, text: PayloadText): void {
  finishedOutput = value;
  finishedText = text;
}

/** The payload of `value` without writing a text: the one kept for it, or the text of a value that is not an object. */
export function payloadOf(value: unknown): PayloadText {
  if (value === finishedOutput && finishedText !== undefined) {
    const text = finishedText;
    finishedOutput = finishedText = undefined;
    return text;
  }
  return keptText(value) ?? writePayload(value);
}

/** writes the text of a value with no text kept for it */
function writePayload(value: unknown): string {
  if (Array.isArray(value) && holdsRawText(value)) return '[' + value.map(payloadText).join(',') + ']';
  const text = JSON.stringify(value) ?? 'null';
  // JSON.stringify builds a text past 32 characters as a tree of pieces (about twice its length in memory);
  // a history keeps it for the retention period: Number() flattens it in place (its content is unchanged)
  if (text.length > 32) Number(text);
  return text;
}

export const NOT_TRUNCATED = { truncated: false } as const;

/** AWS quota: 256 KiB of UTF-8 per payload (state input or output, task result, assigned variables). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Whether a payload text is over the quota (UTF-8 takes at most 3 bytes per UTF-16 unit). */
export function exceedsPayloadLimit(text: string): boolean {
  return text.length * 3 > MAX_PAYLOAD_BYTES && utf8Length(text) > MAX_PAYLOAD_BYTES;
}

/**
 * An upper bound of a value's payload size in UTF-8 bytes, without writing
 * its text; stops counting once past `limit`. A string counts 6 bytes per
 * UTF-16 unit (the longest a character gets: a \u00XX escape), a number 24.
 */
function payloadBound(value: unknown, limit: number): number {
  const raw = keptText(value);
  if (raw === undefined) return walkBound(value, limit);
  return typeof raw === 'string' ? raw.length * 3 : raw.bound(limit);
}

/** payloadBound of a value with no text kept for it */
function walkBound(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null) return scalarBound(value);
  let n = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && n <= limit; i++) {
      // scalars counted here: a list of thousands of ids or scores makes no call per element
      const v = value[i];
      n += (typeof v === 'object' && v !== null ? payloadBound(v, limit - n) : scalarBound(v)) + 1;
    }
  } else {
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      n += k.length * 6 + 4 + (typeof v === 'object' && v !== null ? payloadBound(v, limit - n) : scalarBound(v));
      if (n > limit) break;
    }
  }
  return n;
}

/** the bound of a value that is not an object or array */
function scalarBound(value: unknown): number {
  switch (typeof value) {
    case 'string': return value.length * 6 + 2;
    case 'number': return 24;
    case 'boolean': return 5;
    default: return 4;
  }
}

/** Whether a value's payload surely fits the quota, judged without writing its text (false: write it and measure). */
export function surelyFits(value: unknown): boolean {
  return payloadBound(value, MAX_PAYLOAD_BYTES) <= MAX_PAYLOAD_BYTES;
}

/**
 * A history event with its detail field, built as one literal per detail key:
 * a literal with a fixed shape is cloned from its boilerplate, where a
 * computed key takes a slower runtime path. Rare keys take the computed one.
 */
export function makeEvent(id: number, previousEventId: number, timestamp: number, type: string, key: string | undefined, value: unknown): HistoryEvent {
  switch (key) {
    case undefined: return { id, previousEventId, timestamp, type };
    case 'stateEnteredEventDetails': return { id, previousEventId, timestamp, type, stateEnteredEventDetails: value };
    case 'stateExitedEventDetails': return { id, previousEventId, timestamp, type, stateExitedEventDetails: value };
    case 'executionStartedEventDetails': return { id, previousEventId, timestamp, type, executionStartedEventDetails: value };
    case 'executionSucceededEventDetails': return { id, previousEventId, timestamp, type, executionSucceededEventDetails: value };
    case 'executionFailedEventDetails': return { id, previousEventId, timestamp, type, executionFailedEventDetails: value };
    case 'mapIterationStartedEventDetails': return { id, previousEventId, timestamp, type, mapIterationStartedEventDetails: value };
    case 'mapIterationSucceededEventDetails': return { id, previousEventId, timestamp, type, mapIterationSucceededEventDetails: value };
    case 'mapStateStartedEventDetails': return { id, previousEventId, timestamp, type, mapStateStartedEventDetails: value };
    case 'taskScheduledEventDetails': return { id, previousEventId, timestamp, type, taskScheduledEventDetails: value };
    case 'taskStartedEventDetails': return { id, previousEventId, timestamp, type, taskStartedEventDetails: value };
    case 'taskSucceededEventDetails': return { id, previousEventId, timestamp, type, taskSucceededEventDetails: value };
    case 'lambdaFunctionScheduledEventDetails': return { id, previousEventId, timestamp, type, lambdaFunctionScheduledEventDetails: value };
    case 'lambdaFunctionSucceededEventDetails': return { id, previousEventId, timestamp, type, lambdaFunctionSucceededEventDetails: value };
    default: return { id, previousEventId, timestamp, type, [key]: value };
  }
}

const STATE_TYPES: readonly StateType[] = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
/** "PassStateEntered"..., made once rather than per event */
export const STATE_ENTERED = Object.fromEntries(STATE_TYPES.map((t) => [t, `${t}StateEntered`])) as Record<StateType, string>;
export const STATE_EXITED = Object.fromEntries(STATE_TYPES.map((t) => [t, `${t}StateExited`])) as Record<StateType, string>;

/** UTF-8 byte length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 2; i++; }
    else n += 2;
  }
  return n;
}
