// An execution's history as the in-memory store keeps it: flat slots, seven
// per event, instead of an event object, a boxed timestamp and a detail
// object per event. A history is kept for the retention period, so every
// object in it is copied by each young-generation collection until it is
// promoted and then marked by every full one; packed, a finished 10-state
// chain is one array of small integers and shared strings. Events are made
// again, equal to the ones appended, when the history is read.
import { type HistoryEvent, makeEvent, NOT_TRUNCATED } from '../../asl/index.js';

const SLOTS = 7;
/** the slot after the type: no detail field, or one of the two common state details packed as (name, text) */
const NO_DETAIL = 0;
const ENTERED = 1;
const EXITED = 2;

const ENTERED_KEY = 'stateEnteredEventDetails';
const EXITED_KEY = 'stateExitedEventDetails';

/** whether `d` is exactly {name, <text>, <text>Details: NOT_TRUNCATED}, in that order, with string name and text */
function isPlain(d: unknown, text: 'input' | 'output', details: 'inputDetails' | 'outputDetails'): d is Record<string, string> {
  if (typeof d !== 'object' || d === null) return false;
  const r = d as Record<string, unknown>;
  if (typeof r.name !== 'string' || typeof r[text] !== 'string' || r[details] !== NOT_TRUNCATED) return false;
  let i = 0;
  for (const k in r) {
    if (k !== (i === 0 ? 'name' : i === 1 ? text : i === 2 ? details : undefined)) return false;
    i++;
  }
  return i === 3;
}

export class PackedHistory {
  /** per event: id, previousEventId, timestamp - base, type, kind (0, 1, 2 or the detail key), detail or name, text */
  private readonly slots: unknown[];
  /** the first event's timestamp: the others are kept as small offsets from it */
  private base = 0;
  lastId = 0;

  constructor(first: readonly HistoryEvent[]) {
    this.slots = new Array(first.length * SLOTS);
    if (first.length) this.base = first[0]!.timestamp;
    this.write(first, 0);
  }

  get length(): number { return this.slots.length / SLOTS; }

  append(events: readonly HistoryEvent[]): void { this.write(events, this.slots.length); }

  private write(events: readonly HistoryEvent[], at: number): void {
    const s = this.slots;
    for (const ev of events) {
      const offset = ev.timestamp - this.base;
      s[at] = ev.id;
      s[at + 1] = ev.previousEventId;
      // an offset that does not add back exactly (a fractional clock) keeps the timestamp itself, boxed
      s[at + 2] = this.base + offset === ev.timestamp ? offset : [ev.timestamp];
      s[at + 3] = ev.type;
      let key: string | undefined;
      for (const k in ev) if (k !== 'id' && k !== 'previousEventId' && k !== 'timestamp' && k !== 'type') { key = k; break; }
      const d = key === undefined ? undefined : ev[key];
      if (key === undefined) { s[at + 4] = NO_DETAIL; s[at + 5] = undefined; s[at + 6] = undefined; }
      else if (key === ENTERED_KEY && isPlain(d, 'input', 'inputDetails')) { s[at + 4] = ENTERED; s[at + 5] = d.name; s[at + 6] = d.input; }
      else if (key === EXITED_KEY && isPlain(d, 'output', 'outputDetails')) { s[at + 4] = EXITED; s[at + 5] = d.name; s[at + 6] = d.output; }
      else if (hasOneDetail(ev, key)) { s[at + 4] = key; s[at + 5] = d; s[at + 6] = undefined; }
      else { s[at + 4] = null; s[at + 5] = ev; s[at + 6] = undefined; } // several detail fields: kept whole
      this.lastId = ev.id;
      at += SLOTS;
    }
  }

  /** events [start, end) in id order, made anew */
  slice(start: number, end: number): HistoryEvent[] {
    const n = this.length;
    const from = Math.max(0, start);
    const to = Math.min(n, end);
    const out: HistoryEvent[] = [];
    for (let i = from; i < to; i++) out.push(this.event(i));
    return out;
  }

  private event(i: number): HistoryEvent {
    const s = this.slots;
    const at = i * SLOTS;
    const kind = s[at + 4];
    if (kind === null) return s[at + 5] as HistoryEvent;
    const id = s[at] as number;
    const prev = s[at + 1] as number;
    const t = s[at + 2];
    const timestamp = typeof t === 'number' ? this.base + t : (t as number[])[0]!;
    const type = s[at + 3] as string;
    switch (kind) {
      case NO_DETAIL: return makeEvent(id, prev, timestamp, type, undefined, undefined);
      case ENTERED: return makeEvent(id, prev, timestamp, type, ENTERED_KEY, { name: s[at + 5], input: s[at + 6], inputDetails: NOT_TRUNCATED });
      case EXITED: return makeEvent(id, prev, timestamp, type, EXITED_KEY, { name: s[at + 5], output: s[at + 6], outputDetails: NOT_TRUNCATED });
      default: return makeEvent(id, prev, timestamp, type, kind as string, s[at + 5]);
    }
  }
}

/** whether `key` is the event's only field besides id, previousEventId, timestamp and type */
function hasOneDetail(ev: HistoryEvent, key: string): boolean {
  for (const k in ev) if (k !== 'id' && k !== 'previousEventId' && k !== 'timestamp' && k !== 'type' && k !== key) return false;
  return true;
}
