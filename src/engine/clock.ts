// Time as the engine sees it. The interpreter never reads it; the engine
// passes `now` in. A scaled clock shortens every wait (--wait-time-scale);
// a manual clock lets tests skip time without sleeping.

export interface Clock {
  now(): number;
  /**
   * runs fn(arg) once the clock reaches dueAt; returns a handle for cancel
   * (one shared fn and a small arg per call cost less than a closure each)
   */
  schedule<A>(dueAt: number, fn: (arg: A) => void, arg?: A): unknown;
  cancel(handle: unknown): void;
}

const MAX_TIMEOUT = 2 ** 31 - 1;

/** a scheduled call: its place in the heap, -1 once fired or cancelled; calls due together run in the order scheduled */
interface Scheduled { readonly fireAt: number; readonly seq: number; readonly fn: (arg: any) => void; readonly arg: unknown; pos: number }

const before = (a: Scheduled, b: Scheduled): boolean => a.fireAt < b.fireAt || (a.fireAt === b.fireAt && a.seq < b.seq);

/**
 * Wall-clock time. Every scheduled call sits in one binary heap ordered by
 * when it fires, with one Node timer for the earliest; when it goes off,
 * every call that is due runs in that one turn (a batch), earliest first.
 * A parked execution costs a heap slot, not a Timeout of its own.
 */
export class SystemClock implements Clock {
  private readonly heap: Scheduled[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** when the Node timer goes off */
  private wakeAt = Infinity;
  private seq = 0;

  constructor(private readonly scale = 1) {}
  now(): number { return Date.now(); }

  schedule<A>(dueAt: number, fn: (arg: A) => void, arg?: A): unknown {
    const now = Date.now();
    // the wait left is compressed by the scale from the moment of arming
    const s: Scheduled = { fireAt: now + Math.max(0, (dueAt - now) * this.scale), seq: this.seq++, fn, arg, pos: this.heap.length };
    this.heap.push(s);
    this.up(s.pos);
    if (s.fireAt < this.wakeAt) this.wake();
    return s;
  }

  cancel(handle: unknown): void {
    const s = handle as Scheduled | undefined;
    if (!s || s.pos < 0) return;
    this.removeAt(s.pos);
    // with calls left, the Node timer stays (going off early costs one wasted turn, re-arming on every cancel more);
    // with none, it goes, so that it does not keep the process alive
    if (!this.heap.length && this.timer !== undefined) {
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
    const due: Scheduled[] = [];
    while (this.heap.length && this.heap[0]!.fireAt <= now) due.push(this.removeAt(0));
    if (this.heap.length) this.wake();
    for (const s of due) s.fn(s.arg);
  };

  /** (re)arms the Node timer for the earliest call */
  private wake(): void {
    const head = this.heap[0];
    if (!head) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.wakeAt = head.fireAt;
    this.timer = setTimeout(this.fire, Math.min(MAX_TIMEOUT, Math.max(0, head.fireAt - Date.now())));
  }

  private removeAt(i: number): Scheduled {
    const h = this.heap;
    const s = h[i]!;
    const last = h.pop()!;
    s.pos = -1;
    if (last !== s) {
      h[i] = last;
      last.pos = i;
      this.down(i);
      this.up(last.pos);
    }
    return s;
  }

  private up(i: number): void {
    const h = this.heap;
    const s = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(s, parent)) break;
      h[i] = parent;
      parent.pos = i;
      i = p;
    }
    h[i] = s;
    s.pos = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const s = h[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(h[c + 1]!, h[c]!)) c++;
      const child = h[c]!;
      if (!before(child, s)) break;
      h[i] = child;
      child.pos = i;
      i = c;
    }
    h[i] = s;
    s.pos = i;
  }
}

/** A clock that moves only when told to: tests advance it instead of sleeping. */
export class ManualClock implements Clock {
  private current: number;
  private readonly pending = new Set<{ dueAt: number; fn: (arg: any) => void; arg: unknown }>();
  constructor(start = Date.UTC(2026, 0, 1)) { this.current = start; }
  now(): number { return this.current; }
  schedule<A>(dueAt: number, fn: (arg: A) => void, arg?: A): unknown {
    const h = { dueAt, fn, arg };
    this.pending.add(h);
    if (dueAt <= this.current) queueMicrotask(() => this.fire(h));
    return h;
  }
  cancel(handle: unknown): void { this.pending.delete(handle as { dueAt: number; fn: (arg: any) => void; arg: unknown }); }
  private fire(h: { dueAt: number; fn: (arg: any) => void; arg: unknown }): void {
    if (this.pending.delete(h)) h.fn(h.arg);
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
