// Time as the engine sees it. The interpreter never reads it; the engine
// passes `now` in. A scaled clock shortens every wait (--wait-time-scale);
// a manual clock lets tests skip time without sleeping.

export interface Clock {
  now(): number;
  /** runs fn once the clock reaches dueAt; returns a handle for cancel */
  schedule(dueAt: number, fn: () => void): unknown;
  cancel(handle: unknown): void;
}

const MAX_TIMEOUT = 2 ** 31 - 1;

export class SystemClock implements Clock {
  constructor(private readonly scale = 1) {}
  now(): number { return Date.now(); }
  schedule(dueAt: number, fn: () => void): unknown {
    // the wait left is compressed by the scale from the moment of arming
    const fireAt = Date.now() + Math.max(0, (dueAt - Date.now()) * this.scale);
    const handle: { t?: NodeJS.Timeout } = {};
    const arm = (): void => {
      const delay = fireAt - Date.now();
      handle.t = delay > MAX_TIMEOUT ? setTimeout(arm, MAX_TIMEOUT) : setTimeout(fn, Math.max(0, delay));
    };
    arm();
    return handle;
  }
  cancel(handle: unknown): void { clearTimeout((handle as { t?: NodeJS.Timeout }).t); }
}

/** A clock that moves only when told to: tests advance it instead of sleeping. */
export class ManualClock implements Clock {
  private current: number;
  private readonly pending = new Set<{ dueAt: number; fn: () => void }>();
  constructor(start = Date.UTC(2026, 0, 1)) { this.current = start; }
  now(): number { return this.current; }
  schedule(dueAt: number, fn: () => void): unknown {
    const h = { dueAt, fn };
    this.pending.add(h);
    if (dueAt <= this.current) queueMicrotask(() => this.fire(h));
    return h;
  }
  cancel(handle: unknown): void { this.pending.delete(handle as { dueAt: number; fn: () => void }); }
  private fire(h: { dueAt: number; fn: () => void }): void {
    if (this.pending.delete(h)) h.fn();
  }
  /** moves time forward, firing due timers in order */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let next: { dueAt: number; fn: () => void } | undefined;
      for (const h of this.pending) if (h.dueAt <= target && (!next || h.dueAt < next.dueAt)) next = h;
      if (!next) break;
      this.current = Math.max(this.current, next.dueAt);
      this.fire(next);
    }
    this.current = target;
  }
}
