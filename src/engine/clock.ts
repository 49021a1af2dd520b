// Time as the engine sees it. The interpreter never reads it; the engine
// passes `now` in. A scaled clock shortens every wait (--wait-time-scale);
// a manual clock lets tests skip time without sleeping.

export interface Clock {
  now(): number;
  /**
   * runs fn(arg) once the clock reaches dueAt; returns a handle for cancel
   * (one shared fn and a small arg per call cost less than a closure each).
   * An Alarm argument is its own handle: a clock keeps no object of its own
   * for it.
   */
  schedule<A>(dueAt: number, fn: (arg: A) => void, arg?: A): unknown;
  cancel(handle: unknown): void;
}

/**
 * An argument the system clock schedules in place: the clock notes the
 * call's place in its heap on the alarm itself, so a scheduled alarm costs
 * no object of the clock's. An alarm is scheduled at most once at a time.
 */
export class Alarm {
  /** its place in the clock's heap; -1 when not scheduled */
  alarmSlot = -1;
}

/** a call whose argument is not an alarm: the clock's own alarm for it */
class Call extends Alarm {
  constructor(readonly arg: unknown) { super(); }
}

const MAX_TIMEOUT = 2 ** 31 - 1;

/**
 * Wall-clock time. Every scheduled call sits in one binary heap ordered by
 * when it fires (calls due together in the order scheduled), with one Node
 * timer for the earliest; when it goes off, every call that is due runs in
 * that one turn (a batch), earliest first. The heap is parallel arrays: the
 * alarms, their functions, and when each fires with its sequence number (a
 * typed array): a parked execution's timer costs its alarm and a heap slot.
 */
export class SystemClock implements Clock {
  private alarms: Alarm[] = [];
  private fns: ((arg: any) => void)[] = [];
  /** [fireAt, seq] per slot */
  private keys = new Float64Array(128);
  private size = 0;
  private timer: NodeJS.Timeout | undefined;
  /** when the Node timer goes off */
  private wakeAt = Infinity;
  private seq = 0;

  constructor(private readonly scale = 1) {}
  now(): number { return Date.now(); }

  schedule<A>(dueAt: number, fn: (arg: A) => void, arg?: A): unknown {
    const now = Date.now();
    const alarm = arg instanceof Alarm && arg.alarmSlot < 0 ? arg : new Call(arg);
    // the wait left is compressed by the scale from the moment of arming
    const fireAt = now + Math.max(0, (dueAt - now) * this.scale);
    const i = this.size++;
    if (2 * this.size > this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.alarms[i] = alarm;
    this.fns[i] = fn;
    this.keys[2 * i] = fireAt;
    this.keys[2 * i + 1] = this.seq++;
    this.up(i);
    if (fireAt < this.wakeAt) this.wake();
    return alarm;
  }

  cancel(handle: unknown): void {
    if (!(handle instanceof Alarm) || handle.alarmSlot < 0) return;
    this.removeAt(handle.alarmSlot);
    // with calls left, the Node timer stays (going off early costs one wasted turn, re-arming on every cancel more);
    // with none, it goes, so that it does not keep the process alive
    if (!this.size && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.wakeAt = Infinity;
    }
  }

  private fire = (): void => {
    this.timer = undefined;
    this.wakeAt = Infinity;
    const now = Date.now();
    // calls scheduled by these calls, even already due, wait for the next turn
    const alarms: Alarm[] = [];
    const fns: ((arg: any) => void)[] = [];
    while (this.size && this.keys[0]! <= now) {
      alarms.push(this.alarms[0]!);
      fns.push(this.fns[0]!);
      this.removeAt(0);
    }
    if (this.size) this.wake();
    for (let i = 0; i < alarms.length; i++) {
      const a = alarms[i]!;
      fns[i]!(a instanceof Call ? a.arg : a);
    }
  };

  /** (re)arms the Node timer for the earliest call */
  private wake(): void {
    if (!this.size) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.wakeAt = this.keys[0]!;
    this.timer = setTimeout(this.fire, Math.min(MAX_TIMEOUT, Math.max(0, this.wakeAt - Date.now())));
  }

  /** whether slot i fires before slot j */
  private before(i: number, j: number): boolean {
    const k = this.keys;
    return k[2 * i]! < k[2 * j]! || (k[2 * i] === k[2 * j] && k[2 * i + 1]! < k[2 * j + 1]!);
  }

  /** puts the last slot's call at slot i (freeing the last slot) */
  private removeAt(i: number): void {
    const last = --this.size;
    this.alarms[i]!.alarmSlot = -1;
    if (i !== last) {
      this.move(last, i);
      this.down(i);
      this.up(i);
    }
    // the arrays keep their length (slots past size are overwritten): only the references go
    this.alarms[last] = undefined!;
    this.fns[last] = undefined!;
  }

  private move(from: number, to: number): void {
    const a = this.alarms[from]!;
    this.alarms[to] = a;
    a.alarmSlot = to;
    this.fns[to] = this.fns[from]!;
    this.keys[2 * to] = this.keys[2 * from]!;
    this.keys[2 * to + 1] = this.keys[2 * from + 1]!;
  }

  private swap(i: number, j: number): void {
    const a = this.alarms[i]!, b = this.alarms[j]!;
    this.alarms[i] = b; b.alarmSlot = i;
    this.alarms[j] = a; a.alarmSlot = j;
    const f = this.fns[i]!; this.fns[i] = this.fns[j]!; this.fns[j] = f;
    const k = this.keys;
    const t0 = k[2 * i]!, t1 = k[2 * i + 1]!;
    k[2 * i] = k[2 * j]!; k[2 * i + 1] = k[2 * j + 1]!;
    k[2 * j] = t0; k[2 * j + 1] = t1;
  }

  private up(i: number): void {
    this.alarms[i]!.alarmSlot = i;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(c + 1, c)) c++;
      if (!this.before(c, i)) break;
      this.swap(i, c);
      i = c;
    }
  }
}

/** A clock that moves only when told to: tests advance it instead of sleeping. */
export class ManualClock implements Clock {
  private current: number;
  private readonly pending = new Set<{ dueAt: number; fn: (arg: any) => void; arg: unknown }>();
  /** the pending call of each scheduled alarm (an alarm is its own handle) */
  private readonly alarms = new Map<Alarm, { dueAt: number; fn: (arg: any) => void; arg: unknown }>();
  constructor(start = Date.UTC(2026, 0, 1)) { this.current = start; }
  now(): number { return this.current; }
  schedule<A>(dueAt: number, fn: (arg: A) => void, arg?: A): unknown {
    const h = { dueAt, fn, arg };
    this.pending.add(h);
    if (arg instanceof Alarm) this.alarms.set(arg, h);
    if (dueAt <= this.current) queueMicrotask(() => this.fire(h));
    return arg instanceof Alarm ? arg : h;
  }
  cancel(handle: unknown): void {
    const h = handle instanceof Alarm ? this.alarms.get(handle) : handle as { dueAt: number; fn: (arg: any) => void; arg: unknown };
    if (h) this.drop(h);
  }
  private drop(h: { dueAt: number; fn: (arg: any) => void; arg: unknown }): boolean {
    if (h.arg instanceof Alarm && this.alarms.get(h.arg) === h) this.alarms.delete(h.arg);
    return this.pending.delete(h);
  }
  private fire(h: { dueAt: number; fn: (arg: any) => void; arg: unknown }): void {
    if (this.drop(h)) h.fn(h.arg);
  }
  /** moves time forward, firing due timers in order */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: { dueAt: number; fn: (arg: any) => void; arg: unknown } | undefined;
      for (const h of this.pending) if (h.dueAt <= target && (!next || h.dueAt < next.dueAt)) next = h;
      if (!next) break;
      this.current = Math.max(this.current, next.dueAt);
      this.fire(next);
    }
    this.current = target;
  }
}
