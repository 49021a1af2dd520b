// An execution's history as the in-memory store keeps it: flat slots
// instead of an event object, a boxed timestamp and a detail object per
// event. A history is kept for the retention period, so every object in it
// is copied by each young-generation collection until it is promoted and
// then marked by every full one; packed, a finished 10-state chain is one
// array of small integers and shared strings. Events are made again, equal
// to the ones appended (key order included), when the history is read.
//
// Per event: a code (its shape, whether it has its predecessor's timestamp or
// detail values, how far back its previousEventId points), its timestamp as an
// offset from the execution's start unless the one before in its transition
// has it, then the values of its detail's fields unless they repeat. Its id is
// the one before plus one. An event that does not fit (ids not consecutive,
// several detail fields, a detail that is not a plain object, a timestamp that
// is not a small integer offset) is kept whole: code 0, then the event.
import {
  DeferredText, EventLog, FORM_DETAIL, FORM_ENTERED, FORM_EVENT, FORM_EXITED, FORM_NONE, type HistoryEvent, NOT_TRUNCATED,
} from '../../asl/index.js';

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
/**
 * code flag: the event's detail values are the ones of the last event that
 * wrote values (a state's exit after its entry: the same name, and the same
 * text when it passes its input on), no slots
 */
const SAME_VALUES = 512;
const BACK_UNIT = 1024;
/** shapes are learnt as events arrive (a few dozen: event types times detail layouts), shared by every history */
const shapes: Shape[] = [{ type: '', key: undefined, fields: [], constants: [], values: 0 }];
const shapesByType = new Map<string, number[]>();
/** the shape lists of the types seen last, compared by identity before the Map is asked (event types are constants) */
const recentTypes: string[] = ['', '', '', '', '', '', '', ''];
const recentShapes: (number[] | undefined)[] = new Array(8).fill(undefined);
let recentNext = 0;

function shapesOf(type: string): number[] | undefined {
  for (let i = 0; i < recentTypes.length; i++) if (recentTypes[i] === type) return recentShapes[i];
  const known = shapesByType.get(type);
  if (known) {
    recentTypes[recentNext] = type;
    recentShapes[recentNext] = known;
    recentNext = (recentNext + 1) % recentTypes.length;
  }
  return known;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Writes the values of `d`, a detail with exactly the shape's fields in
 * order and its constants, into `s` from `at`; answers where the next slot
 * is, or -1 when `d` has another form. One pass of for-in reads the values
 * by the object's own field order (the fast way to read fields by name; a
 * loop that does no more than compare and copy makes no garbage), then the
 * constants are checked and dropped.
 */
function writeFields(s: unknown[], at: number, shape: Shape, d: Record<string, unknown>): number {
  const fields = shape.fields;
  let i = 0;
  for (const k in d) {
    const v = d[k];
    if (k !== fields[i]) return -1;
    s[at + i++] = v;
  }
  if (i !== fields.length) return -1;
  if (shape.values === i) return at + i;
  const constants = shape.constants;
  let w = at;
  for (let j = 0; j < i; j++) {
    const c = constants[j];
    const v = s[at + j];
    if (c === undefined) s[w++] = v;
    else if (v !== c) return -1;
  }
  return w;
}


/** where the values writeDetail wrote end */
let valuesEnd = 0;

/**
 * Writes the values of an event's detail into `s` from `at` and answers its
 * shape, learnt on first sight; WHOLE when there are too many shapes. The
 * slot after the values is left in `valuesEnd`.
 */
function writeDetail(s: unknown[], at: number, type: string, key: string | undefined, d: Record<string, unknown> | undefined): number {
  const known = shapesOf(type);
  if (known) {
    for (let n = 0; n < known.length; n++) {
      const id = known[n]!;
      const shape = shapes[id]!;
      if (shape.key !== key) continue;
      valuesEnd = d === undefined ? at : writeFields(s, at, shape, d);
      if (valuesEnd >= 0) return id;
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
  valuesEnd = d === undefined ? at : writeFields(s, at, shape, d);
  return id;
}

/** the value of the detail field detailKey found (read in its for-in: the fast way to read a field by a computed name) */
let detailValue: unknown;

/**
 * The single detail key of an event made as makeEvent makes it (id,
 * previousEventId, timestamp, type, detail), its value left in
 * `detailValue`; null when the event has another form.
 */
function detailKey(ev: HistoryEvent): string | undefined | null {
  let i = 0;
  let key: string | undefined;
  detailValue = undefined;
  for (const k in ev) {
    switch (i++) {
      case 0: if (k !== 'id') return null; break;
      case 1: if (k !== 'previousEventId') return null; break;
      case 2: if (k !== 'timestamp') return null; break;
      case 3: if (k !== 'type') return null; break;
      case 4: key = k; detailValue = ev[k]; break;
      default: return null;
    }
  }
  return i >= 4 ? key : null;
}

/** the shapes of state entered and exited details by event type ({name, input, inputDetails}, {name, output, outputDetails}) */
const stateShapes = new Map<string, number>();
/** the last type asked for of each kind and its shape, compared by identity before a Map is asked (event types are constants) */
let lastEnteredType = '';
let lastEnteredShape = WHOLE;
let lastExitedType = '';
let lastExitedShape = WHOLE;

/** the shape of a state entered or exited event of `type`, learnt on first sight; WHOLE when there are too many shapes */
function stateShape(type: string, entered: boolean): number {
  if (entered ? type === lastEnteredType : type === lastExitedType) return entered ? lastEnteredShape : lastExitedShape;
  let id = stateShapes.get(type);
  if (id === undefined) {
    const key = entered ? 'stateEnteredEventDetails' : 'stateExitedEventDetails';
    const detail = entered ? { name: '', input: '', inputDetails: NOT_TRUNCATED } : { name: '', output: '', outputDetails: NOT_TRUNCATED };
    // learnt as writeDetail learns it, on a scratch array
    id = writeDetail([], 0, type, key, detail);
    if (id === WHOLE) return WHOLE;
    stateShapes.set(type, id);
  }
  if (entered) { lastEnteredType = type; lastEnteredShape = id; } else { lastExitedType = type; lastExitedShape = id; }
  return id;
}

/**
 * A finished history's slots as one string of 16-bit units and the values
 * the units point at (state names, payloads, events kept whole). A string is
 * one object the collector copies without looking inside it; the slots array
 * is a pointer per slot, each one looked at by every young-generation
 * collection that copies it. Per slot: a unit below 0x8000 is that small
 * integer; 0x8000 + i is the i-th value; 0xC000 + hi followed by lo is the
 * integer hi * 2^15 + lo (offsets of long executions). The units say how the
 * history is laid out, not what its values are: executions of one state
 * machine that took the same path at the same pace have the same units, and
 * histories sealed with the same units as one of the last few share its
 * string. Histories sealed one after another with the same values
 * (executions passing the same texts on) share one array of them.
 */
export interface SealedSlots {
  readonly units: string;
  readonly values: readonly unknown[];
}

const SMALL = 0x8000;
const VALUE = 0x8000;
const WIDE = 0xc000;
const MAX_VALUES = WIDE - VALUE;
const MAX_WIDE = 0x4000 * SMALL;
let unitScratch = new Uint16Array(1024);
let unitBytes = Buffer.from(unitScratch.buffer);
const valueScratch: unknown[] = [];
let lastValues: unknown[] | undefined;

/** whether the units' bytes read as UTF-16LE (a Buffer decodes no other order) */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** the first `n` units as a string, a piece at a time (on a big-endian machine) */
function unitsText(units: Uint16Array, n: number): string {
  let text = '';
  for (let at = 0; at < n; at += 4096) text += String.fromCharCode(...units.subarray(at, Math.min(n, at + 4096)));
  return text;
}

/** how many recently sealed unit strings a new one is compared with before it is made */
const RECENT = 4;
/** the recently sealed strings, round robin */
const recentTexts: string[] = [];
let recentAt = 0;

/** the string of the first `n` scratch units: one sealed recently with the same units, or a new one (then kept as recent) */
function unitsString(units: Uint16Array, n: number): string {
  for (let r = 0; r < recentTexts.length; r++) {
    const known = recentTexts[r]!;
    if (known.length !== n) continue;
    let i = 0;
    while (i < n && known.charCodeAt(i) === units[i]) i++;
    if (i === n) return known;
  }
  // one flat string made from the units at once, every unit as it is (lone surrogates included)
  const text = LITTLE_ENDIAN ? unitBytes.toString('utf16le', 0, n * 2) : unitsText(units, n);
  recentTexts[recentAt] = text;
  recentAt = (recentAt + 1) % RECENT;
  return text;
}

/** the slots of a transient history (made to be sealed at once): one array for all of them */
const transientSlots: unknown[] = [];

export class PackedHistory {
  private slots: unknown[] = [];
  lastId = 0;

  /** `base`: the execution's start date, which timestamps are kept as offsets from (the same for every call) */
  constructor(first: readonly HistoryEvent[] | EventLog, base: number, transient = false) {
    if (transient) {
      // a history about to be sealed: packed into the array shared by such histories (own() copies it out)
      const n = this.write(first, base, transientSlots, 0);
      transientSlots.length = n;
      this.slots = transientSlots;
      return;
    }
    // made at about the size it needs (events take two to three slots) and filled: an array grown a slot at a time
    // is copied at each step and keeps up to half again as spare room (making it shorter does not give the room back);
    // when the guess was short it is copied once at its size
    const guess = (first instanceof EventLog ? first.count : first.length) * 2 + 4;
    const s: unknown[] = new Array(guess);
    const n = this.write(first, base, s, 0);
    s.length = n;
    this.slots = n > guess ? s.slice() : s;
  }

  /** a history made transient that is kept after all: its slots copied out of the shared array */
  own(): void { if (this.slots === transientSlots) this.slots = this.slots.slice(); }

  /** The slots sealed; undefined when they do not fit (more values than the units can point at). */
  sealed(): SealedSlots | undefined {
    const s = this.slots;
    const size = s.length * 2;
    if (unitScratch.length < size) { unitScratch = new Uint16Array(size); unitBytes = Buffer.from(unitScratch.buffer); }
    const units = unitScratch;
    let n = 0;
    let count = 0;
    // the values of the history sealed last are used again while this one's are the same ones; the values are
    // gathered in the scratch array from the first that differs
    const last = lastValues;
    let same = last !== undefined;
    for (let i = 0; i < s.length; i++) {
      const v = s[i];
      if (typeof v === 'number' && v >= 0 && v < MAX_WIDE && (v | 0) === v) {
        if (v < SMALL) units[n++] = v;
        else { units[n++] = WIDE + (v >>> 15); units[n++] = v & (SMALL - 1); }
        continue;
      }
      if (count === MAX_VALUES) { valueScratch.length = 0; return undefined; }
      if (same && (count >= last!.length || last![count] !== v)) {
        same = false;
        for (let j = 0; j < count; j++) valueScratch[j] = last![j];
      }
      if (!same) valueScratch[count] = v;
      units[n++] = VALUE + count++;
    }
    const text = unitsString(units, n);
    if (same && last!.length === count) return { units: text, values: last! };
    const values = lastValues = same ? last!.slice(0, count) : valueScratch.slice(0, count);
    valueScratch.length = 0;
    return { units: text, values };
  }

  /** takes the slots of a sealed history (its lastId is the caller's to set) */
  unseal(sealed: SealedSlots): void {
    const { units, values } = sealed;
    const s: unknown[] = [];
    for (let i = 0; i < units.length; i++) {
      const u = units.charCodeAt(i);
      if (u < VALUE) s.push(u);
      else if (u < WIDE) s.push(values[u - VALUE]);
      else s.push((u - WIDE) * SMALL + units.charCodeAt(++i));
    }
    this.slots = s;
  }

  /** drops the spare room a growing array keeps (up to half again): the history will not grow again, or not soon */
  seal(): void { this.slots = this.slots.slice(); }

  /** how many events it holds (counted: only reads ask) */
  get length(): number {
    let n = 0;
    for (let at = 0; at < this.slots.length; n++) {
      const code = this.slots[at] as number;
      at += code === WHOLE ? 2 : (code & SAME_TIME ? 1 : 2) + (code & SAME_VALUES ? 0 : shapes[code % SHAPE_BITS]!.values);
    }
    return n;
  }

  append(events: readonly HistoryEvent[] | EventLog, base: number): void {
    this.slots.length = this.write(events, base, this.slots, this.slots.length);
  }

  /**
   * Writes events into `s` from `at`; answers where the next slot is. The
   * interpreter's log is read as it is: a state's entered or exited event is
   * written from its name and payload (its shape known by its type), and no
   * event object is made unless one is kept whole. Events given as objects
   * are read through a log of them.
   */
  private write(events: readonly HistoryEvent[] | EventLog, base: number, s: unknown[], at: number): number {
    const log = events instanceof EventLog ? events : EventLog.of(events);
    // the timestamp of the event before (events of one transition share theirs)
    let before = NaN;
    // the values the last event of this write wrote: where they start and how many
    let lastValues = -1;
    let lastCount = 0;
    for (let e = 0; e < log.count; e++) {
      const id = log.idOf(e);
      const timestamp = log.timeOf(e);
      const prev = log.previousOf(e);
      let form = log.formOf(e);
      let x = log.xOf(e);
      let y = log.yOf(e);
      if (form === FORM_EVENT) {
        // an event given as an object: packed when made as makeEvent makes it
        const k = detailKey(x as HistoryEvent);
        if (k !== null) {
          form = k === undefined ? FORM_NONE : FORM_DETAIL;
          x = k;
          y = detailValue;
        }
      }
      const type = log.typeOf(e);
      const back = id - prev;
      // a small integer: arithmetic on timestamps gives a boxed number, and an array element keeps the box
      const offset = (timestamp - base) | 0;
      const consecutive = id === this.lastId + 1;
      const same = timestamp === before;
      this.lastId = id;
      before = timestamp;
      if (consecutive && back >= 0 && back < 1 << 20 && base + offset === timestamp) {
        const values = same ? at + 1 : at + 2;
        let shape = WHOLE;
        if (form === FORM_ENTERED || form === FORM_EXITED) {
          shape = stateShape(type, form === FORM_ENTERED);
          s[values] = x;
          s[values + 1] = y;
          valuesEnd = values + 2;
        } else if (form === FORM_NONE) shape = writeDetail(s, values, type, undefined, undefined);
        else if (form === FORM_DETAIL && isPlainObject(y)) shape = writeDetail(s, values, type, x as string, y);
        if (shape !== WHOLE && valuesEnd >= 0) {
          const count = valuesEnd - values;
          let repeat = count > 0 && count === lastCount;
          for (let j = 0; repeat && j < count; j++) repeat = s[values + j] === s[lastValues + j];
          s[at] = shape + (same ? SAME_TIME : 0) + (repeat ? SAME_VALUES : 0) + back * BACK_UNIT;
          if (!same) s[at + 1] = offset;
          if (repeat) at = values;
          else { at = valuesEnd; lastValues = values; lastCount = count; }
          continue;
        }
      }
      s[at] = WHOLE;
      s[at + 1] = log.event(e);
      at += 2;
    }
    return at;
  }

  /** events [start, end) in id order, made anew */
  slice(start: number, end: number, base: number): HistoryEvent[] {
    const s = this.slots;
    const out: HistoryEvent[] = [];
    let id = 0;
    let timestamp = 0;
    let lastValues = 0;
    for (let at = 0, i = 0; at < s.length && i < end; i++) {
      const code = s[at] as number;
      if (code === WHOLE) {
        // its payloads written once, in its place
        const ev = s[at + 1] = written(s[at + 1] as HistoryEvent);
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
      if (code & SAME_VALUES) { at = v; v = lastValues; } else { at = v + shape.values; if (shape.values) lastValues = v; }
      if (i < start) continue;
      const ev: Record<string, unknown> = { id, previousEventId: id - Math.floor(code / BACK_UNIT), timestamp, type: shape.type };
      if (shape.key !== undefined) {
        const d: Record<string, unknown> = {};
        shape.fields.forEach((f, k) => {
          let x = shape.constants[k] ?? s[v];
          // a payload deferred (DeferredText) is written once, and its text takes the value's slot
          if (x instanceof DeferredText) s[v] = x = x.text;
          if (shape.constants[k] === undefined) v++;
          d[f] = x;
        });
        ev[shape.key] = d;
      }
      out.push(ev as HistoryEvent);
    }
    return out;
  }
}

/** an event whose detail holds DeferredText payloads, made again with their texts; others as they are */
function written(ev: HistoryEvent): HistoryEvent {
  let out: Record<string, unknown> | undefined;
  for (const k in ev) {
    const d = ev[k];
    if (typeof d !== 'object' || d === null || Array.isArray(d)) continue;
    for (const f in d) {
      const x = (d as Record<string, unknown>)[f];
      if (x instanceof DeferredText) {
        out ??= { ...ev };
        out[k] = { ...(out[k] as object), [f]: x.text };
      }
    }
  }
  return (out ?? ev) as HistoryEvent;
}
