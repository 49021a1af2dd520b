// An execution's history as the in-memory store keeps it: flat slots
// instead of an event object, a boxed timestamp and a detail object per
// event. A history is kept for the retention period, so every object in it
// is copied by each young-generation collection until it is promoted and
// then marked by every full one; packed, a finished 10-state chain is one
// array of small integers and shared strings. Events are made again, equal
// to the ones appended (key order included), when the history is read.
//
// Per event: a code (its shape, whether it has its predecessor's timestamp,
// how far back its previousEventId points), its timestamp as an offset from
// the execution's start unless the one before in its transition has it, then the
// values of its detail's fields. Its id is the one before plus one. An event
// that does not fit (ids not consecutive, several detail fields, a detail
// that is not a plain object) is kept whole: code 0, then the event.
import { type HistoryEvent, NOT_TRUNCATED } from '../../asl/index.js';

/** an event type with one detail field whose object has these fields in this order */
interface Shape {
  readonly type: string;
  readonly key: string | undefined;
  readonly fields: readonly string[];
  /** per field: the shared `{truncated: false}` flag when it always holds it, else undefined: its value has a slot */
  readonly constants: readonly unknown[];
  /** how many values follow the code and timestamp */
  readonly values: number;
}

const WHOLE = 0;
const MAX_SHAPES = 255;
const MAX_FIELDS = 8;
const SHAPE_BITS = 256;
/** code flag: the event has the timestamp of the one before it (the events of one transition share theirs), no slot */
const SAME_TIME = 256;
const BACK_UNIT = 512;
/** shapes are learnt as events arrive (a few dozen: event types times detail layouts), shared by every history */
const shapes: Shape[] = [{ type: '', key: undefined, fields: [], constants: [], values: 0 }];
const shapesByType = new Map<string, number[]>();

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Pushes the values of `d`, a detail with exactly the shape's fields in
 * order and its constants, onto `s`; false (and `s` as it was) when it has
 * another form. One pass of for-in reads the values by the object's own
 * field order, the fast way to read fields by name.
 */
function pushFields(s: unknown[], shape: Shape, d: Record<string, unknown>): boolean {
  const { fields, constants } = shape;
  const mark = s.length;
  let i = 0;
  for (const k in d) {
    const v = d[k];
    if (k !== fields[i]) { s.length = mark; return false; }
    const c = constants[i++];
    if (c === undefined) s.push(v);
    else if (v !== c) { s.length = mark; return false; }
  }
  if (i !== fields.length) { s.length = mark; return false; }
  return true;
}

/** pushes the values of an event's detail and answers its shape, learnt on first sight; WHOLE (nothing pushed) when there are too many */
function pushDetail(s: unknown[], type: string, key: string | undefined, d: Record<string, unknown> | undefined): number {
  const known = shapesByType.get(type);
  if (known) {
    for (const id of known) {
      const shape = shapes[id]!;
      if (shape.key !== key) continue;
      if (d === undefined) return id;
      if (pushFields(s, shape, d)) return id;
    }
  }
  if (shapes.length > MAX_SHAPES) return WHOLE;
  const fields = d === undefined ? [] : Object.keys(d);
  if (fields.length > MAX_FIELDS) return WHOLE;
  const constants = fields.map((f) => (d![f] === NOT_TRUNCATED ? NOT_TRUNCATED : undefined));
  const shape: Shape = { type, key, fields, constants, values: constants.filter((c) => c === undefined).length };
  shapes.push(shape);
  const id = shapes.length - 1;
  if (known) known.push(id); else shapesByType.set(type, [id]);
  if (d !== undefined) pushFields(s, shape, d);
  return id;
}

/** the single detail key of an event made as makeEvent makes it (id, previousEventId, timestamp, type, detail), null when it has another form */
function detailKey(ev: HistoryEvent): string | undefined | null {
  let i = 0;
  let key: string | undefined;
  for (const k in ev) {
    switch (i++) {
      case 0: if (k !== 'id') return null; break;
      case 1: if (k !== 'previousEventId') return null; break;
      case 2: if (k !== 'timestamp') return null; break;
      case 3: if (k !== 'type') return null; break;
      case 4: key = k; break;
      default: return null;
    }
  }
  return i >= 4 ? key : null;
}

export class PackedHistory {
  private slots: unknown[] = [];
  lastId = 0;

  /** `base`: the execution's start date, which timestamps are kept as offsets from (the same for every call) */
  constructor(first: readonly HistoryEvent[], base: number) {
    this.append(first, base);
    this.seal();
  }

  /** drops the spare room a growing array keeps (up to half again): the history will not grow again, or not soon */
  seal(): void { this.slots = this.slots.slice(); }

  /** how many events it holds (counted: only reads ask) */
  get length(): number {
    let n = 0;
    for (let at = 0; at < this.slots.length; n++) {
      const code = this.slots[at] as number;
      at += code === WHOLE ? 2 : (code & SAME_TIME ? 1 : 2) + shapes[code % SHAPE_BITS]!.values;
    }
    return n;
  }

  append(events: readonly HistoryEvent[], base: number): void {
    const s = this.slots;
    let before = NaN;
    for (const ev of events) {
      const key = detailKey(ev);
      const d = key ? ev[key] : undefined;
      const back = ev.id - ev.previousEventId;
      // a small integer: arithmetic on timestamps gives a boxed number, and an array element keeps the box
      const offset = (ev.timestamp - base) | 0;
      const consecutive = ev.id === this.lastId + 1;
      const same = ev.timestamp === before;
      this.lastId = ev.id;
      before = ev.timestamp;
      if (key !== null && consecutive && back >= 0 && back < 1 << 21 && base + offset === ev.timestamp && (key === undefined || isPlainObject(d))) {
        const at = s.length;
        if (same) s.push(WHOLE); else s.push(WHOLE, offset);
        const shape = pushDetail(s, ev.type, key, d as Record<string, unknown> | undefined);
        if (shape !== WHOLE) { s[at] = shape + (same ? SAME_TIME : 0) + back * BACK_UNIT; continue; }
        s.length = at;
      }
      s.push(WHOLE, ev);
    }
  }

  /** events [start, end) in id order, made anew */
  slice(start: number, end: number, base: number): HistoryEvent[] {
    const s = this.slots;
    const out: HistoryEvent[] = [];
    let id = 0;
    let timestamp = 0;
    for (let at = 0, i = 0; at < s.length && i < end; i++) {
      const code = s[at] as number;
      if (code === WHOLE) {
        const ev = s[at + 1] as HistoryEvent;
        id = ev.id;
        timestamp = ev.timestamp;
        if (i >= start) out.push(ev);
        at += 2;
        continue;
      }
      const shape = shapes[code % SHAPE_BITS]!;
      id++;
      let v = at + 1;
      if (!(code & SAME_TIME)) timestamp = base + (s[v++] as number);
      at = v + shape.values;
      if (i < start) continue;
      const ev: Record<string, unknown> = { id, previousEventId: id - Math.floor(code / BACK_UNIT), timestamp, type: shape.type };
      if (shape.key !== undefined) {
        const d: Record<string, unknown> = {};
        shape.fields.forEach((f, k) => { d[f] = shape.constants[k] ?? s[v++]; });
        ev[shape.key] = d;
      }
      out.push(ev as HistoryEvent);
    }
    return out;
  }
}
