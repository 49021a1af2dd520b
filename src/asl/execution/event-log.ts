// The history events of a transition as the interpreter writes them: flat
// slots, no object per event. Most of a history is state entered and exited
// events; they are written from the state's name and payload, without a
// detail object. The memory store packs the slots as they are
// (store/memory/packed-history.ts); anyone else reads the events as objects,
// equal to what makeEvent makes (key order included), made once on first read.
import { type HistoryEvent, makeEvent, NOT_TRUNCATED } from './events.js';

/** how an event's detail is written: its form, then two values */
export const FORM_NONE = 0;
/** x: the detail key, y: its value */
export const FORM_DETAIL = 1;
/** x: the state's name, y: its input payload ({name, input, inputDetails}) */
export const FORM_ENTERED = 2;
/** x: the state's name, y: its output payload ({name, output, outputDetails}) */
export const FORM_EXITED = 3;
/** x: the fields after `type`, several (an event with extra fields) */
export const FORM_FIELDS = 4;
/** x: the event itself (given as an object) */
export const FORM_EVENT = 5;

/** slots per event: type, previousEventId * FORM_UNIT + form, x, y */
const EVENT_SLOTS = 4;
const FORM_BITS = 3;
const FORM_UNIT = 1 << FORM_BITS;

export class EventLog {
  /**
   * per event, EVENT_SLOTS slots: made at the size the writer expects and
   * written by index (an array grown by push is copied at every step, a
   * 10-state chain's 88 slots four times over), then doubled when full
   */
  private slots: unknown[];
  /** the timestamp (epoch ms) of every event, while they share one (the events of one step do) */
  private time = 0;
  /** per event, its timestamp, once they differ: all numbers, kept unboxed */
  private times: number[] | undefined = undefined;
  /** the id of the first event; the others follow one by one unless `ids` says otherwise */
  firstId = 0;
  /** per event, its id, once they do not follow one another (events given by hand) */
  private ids: number[] | undefined = undefined;
  count = 0;
  private made: HistoryEvent[] | undefined = undefined;

  /** `expected`: how many events the writer expects (room for more is made as they come) */
  constructor(expected = 4) {
    this.slots = new Array(Math.max(1, expected) * EVENT_SLOTS);
  }

  /** appends an event (the interpreter's ids follow one another) */
  add(id: number, timestamp: number, type: string, previousEventId: number, form: number, x: unknown, y: unknown): void {
    // previousEventId and form share a small integer (ids stay under 2^27: histories hold 25,000 events)
    if (previousEventId < 0 || previousEventId >= 1 << 27) throw new Error(`previousEventId ${previousEventId} out of range`);
    const at = this.room(1);
    const s = this.slots;
    s[at] = type;
    s[at + 1] = previousEventId * FORM_UNIT + form;
    s[at + 2] = x;
    s[at + 3] = y;
    this.note(id, timestamp);
  }

  /** the first slot of the next event, with room made for `events` more (the slots doubled until they fit) */
  private room(events: number): number {
    const at = this.count * EVENT_SLOTS;
    const need = at + events * EVENT_SLOTS;
    if (need > this.slots.length) {
      const old = this.slots;
      let size = old.length * 2;
      while (size < need) size *= 2;
      const s: unknown[] = new Array(size);
      for (let i = 0; i < at; i++) s[i] = old[i];
      this.slots = s;
    }
    return at;
  }

  /** appends the events of another log */
  append(other: EventLog): void {
    const at = this.room(other.count);
    for (let i = 0; i < other.count * EVENT_SLOTS; i++) this.slots[at + i] = other.slots[i];
    for (let i = 0; i < other.count; i++) this.note(other.idOf(i), other.timeOf(i));
  }

  /** a log of events given as objects */
  static of(events: readonly HistoryEvent[]): EventLog {
    const log = new EventLog();
    for (const ev of events) log.add(ev.id, ev.timestamp, ev.type, ev.previousEventId, FORM_EVENT, ev, undefined);
    return log;
  }

  get lastId(): number { return this.count === 0 ? 0 : this.idOf(this.count - 1); }

  /** the id of event `i` (0 = the first) */
  idOf(i: number): number { return this.ids === undefined ? this.firstId + i : this.ids[i]!; }

  /** counts in event `count`, with its id and timestamp */
  private note(id: number, timestamp: number): void {
    if (this.count === 0) this.firstId = id;
    else if (this.ids !== undefined) this.ids.push(id);
    else if (id !== this.firstId + this.count) {
      this.ids = Array.from({ length: this.count }, (_, k) => this.firstId + k);
      this.ids.push(id);
    }
    this.stamp(timestamp);
    this.count++;
    this.made = undefined;
  }

  /** the timestamp of event `i` (0 = the first) */
  timeOf(i: number): number { return this.times === undefined ? this.time : this.times[i]!; }

  /** the timestamp of event `count`, the next one */
  private stamp(timestamp: number): void {
    if (this.count === 0) this.time = timestamp;
    else if (this.times !== undefined) this.times.push(timestamp);
    else if (timestamp !== this.time) {
      this.times = new Array<number>(this.count).fill(this.time);
      this.times.push(timestamp);
    }
  }

  /** the type of event `i` */
  typeOf(i: number): string { return this.slots[i * EVENT_SLOTS] as string; }

  /** the previousEventId of event `i` */
  previousOf(i: number): number { return (this.slots[i * EVENT_SLOTS + 1] as number) >> FORM_BITS; }

  /** the form of event `i` */
  formOf(i: number): number { return (this.slots[i * EVENT_SLOTS + 1] as number) & (FORM_UNIT - 1); }

  /** the first value of event `i` (what it is depends on its form) */
  xOf(i: number): unknown { return this.slots[i * EVENT_SLOTS + 2]; }

  /** the second value of event `i` */
  yOf(i: number): unknown { return this.slots[i * EVENT_SLOTS + 3]; }

  /** event `i` (0 = the first) as an object */
  event(i: number): HistoryEvent {
    const id = this.idOf(i);
    const timestamp = this.timeOf(i);
    const type = this.typeOf(i);
    const prev = this.previousOf(i);
    const x = this.xOf(i);
    const y = this.yOf(i);
    switch (this.formOf(i)) {
      case FORM_NONE: return makeEvent(id, prev, timestamp, type, undefined, undefined);
      case FORM_DETAIL: return makeEvent(id, prev, timestamp, type, x as string, y);
      case FORM_ENTERED:
        return makeEvent(id, prev, timestamp, type, 'stateEnteredEventDetails', { name: x, input: y, inputDetails: NOT_TRUNCATED });
      case FORM_EXITED:
        return makeEvent(id, prev, timestamp, type, 'stateExitedEventDetails', { name: x, output: y, outputDetails: NOT_TRUNCATED });
      case FORM_FIELDS: {
        const ev: Record<string, unknown> = { id, previousEventId: prev, timestamp, type };
        const fields = x as Record<string, unknown>;
        for (const k in fields) ev[k] = fields[k];
        return ev as HistoryEvent;
      }
      default: return x as HistoryEvent;
    }
  }

  /** the events as objects, made once */
  events(): HistoryEvent[] {
    if (this.made === undefined) {
      const out: HistoryEvent[] = new Array(this.count);
      for (let i = 0; i < this.count; i++) out[i] = this.event(i);
      this.made = out;
    }
    return this.made;
  }
}
