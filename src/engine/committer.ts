// Group commit: transitions of many executions that become ready in the same
// turn of the event loop are written by ONE commitTransitions call, i.e. one
// database transaction and one fsync. Transitions arriving while batches are
// being written form the next batch; a store that writes on several
// connections (PostgreSQL) has up to `commitConcurrency` batches in flight.
// An execution has at most one transition outstanding (the engine waits for
// its commit before the next), so batches in flight never share an execution.
// Each caller learns its own outcome.
import type { DurableStore, Transition, TransitionOutcome } from '../store/durable-store.js';

interface Pending {
  readonly t: Transition;
  resolve(o: TransitionOutcome): void;
  reject(e: unknown): void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly maxInFlight: number;
  /** transitions and batches written, for metrics and benchmarks */
  readonly stats = { transitions: 0, batches: 0 };

  constructor(private readonly store: DurableStore, private readonly maxBatch = 500) {
    this.maxInFlight = Math.max(1, store.commitConcurrency ?? 1);
  }

  commit(t: Transition): Promise<TransitionOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ t, resolve, reject });
      if (!this.scheduled && this.inFlight < this.maxInFlight) {
        this.scheduled = true;
        // let every execution that is ready in this turn queue its transition first
        setImmediate(this.flush);
      }
    });
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    while (this.queue.length && this.inFlight < this.maxInFlight) {
      const batch = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
      this.queue = batch === this.queue ? [] : this.queue.slice(this.maxBatch);
      this.inFlight++;
      void this.write(batch);
    }
  };

  private async write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await this.store.commitTransitions(batch.map((p) => p.t));
      this.stats.transitions += batch.length;
      this.stats.batches++;
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(outcomes[i]!);
    } catch (e) {
      for (const p of batch) p.reject(e);
    } finally {
      this.inFlight--;
      // what queued while this batch was written goes at once: it has waited a turn already
      if (this.queue.length && !this.scheduled) this.flush();
    }
  }
}
