// Group commit: transitions of many executions that become ready in the same
// turn of the event loop are written by ONE commitTransitions call, i.e. one
// database transaction and one fsync. Transitions arriving while a batch is
// being written form the next batch. Each caller learns its own outcome.
import type { DurableStore, Transition, TransitionOutcome } from '../store/durable-store.js';

interface Pending {
  readonly t: Transition;
  resolve(o: TransitionOutcome): void;
  reject(e: unknown): void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private flushing = false;
  /** transitions and batches written, for metrics and benchmarks */
  readonly stats = { transitions: 0, batches: 0 };

  constructor(private readonly store: DurableStore, private readonly maxBatch = 500) {}

  commit(t: Transition): Promise<TransitionOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ t, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // let every execution that is ready in this turn queue its transition first
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const outcomes = await this.store.commitTransitions(batch.map((p) => p.t));
        this.stats.transitions += batch.length;
        this.stats.batches++;
        batch.forEach((p, i) => p.resolve(outcomes[i]!));
      } catch (e) {
        batch.forEach((p) => p.reject(e));
      }
    }
    this.flushing = false;
  }
}
