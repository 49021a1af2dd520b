// Group commit: transitions of many executions that become ready in the same
// turn of the event loop are written by ONE commitTransitions call, i.e. one
// database transaction and one fsync. Transitions arriving while batches are
// being written form the next batch; a store that writes on several
// connections (PostgreSQL) has up to `commitConcurrency` batches in flight.
// An execution has at most one transition outstanding (the engine waits for
// its commit before the next), so batches in flight never share an execution.
// Each transition's target learns its own outcome.
import type { DurableStore, Transition, TransitionOutcome } from '../store/durable-store.js';

export interface CommitTarget {
  /** the transition committed, or was refused (a version conflict, an existing ARN) */
  committed(outcome: TransitionOutcome): void;
  /** its batch failed: nothing of it was written */
  failed(error: unknown): void;
}

/** a batch that was not written: each of its transitions is told */
const failAll = (targets: readonly CommitTarget[], e: unknown): void => { for (const t of targets) t.failed(e); };

/** the empty queue (shared, never added to: the first commit makes the queue's arrays) */
const NOTHING = Object.freeze([]) as unknown as never[];

/** a batch shared among connections is at least this long: below it a commit's round trips and flush cost more than the overlap gains */
const MIN_SHARED_BATCH = 50;

export class GroupCommitter {
  // the queue as parallel arrays read from `head` on: no object per transition, no O(n) shift per batch
  private transitions: Transition[] = NOTHING;
  private targets: CommitTarget[] = NOTHING;
  private head = 0;
  private scheduled = false;
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly schedule: (flush: () => void) => void;
  /** transitions and batches written, for metrics and benchmarks */
  readonly stats = { transitions: 0, batches: 0 };

  constructor(readonly store: DurableStore, private readonly maxBatch = 500) {
    this.maxInFlight = Math.max(1, store.commitConcurrency ?? 1);
    // a store that commits at once is written at the end of the job; others wait a turn to gather a batch
    this.schedule = store.commitTransitionsNow !== undefined ? queueMicrotask : setImmediate;
  }

  commit(t: Transition, target: CommitTarget): void {
    // an empty queue starts as one-element arrays: most flushes of a quiet engine carry one transition
    if (this.transitions.length === 0) { this.transitions = [t]; this.targets = [target]; }
    else { this.transitions.push(t); this.targets.push(target); }
    if (!this.scheduled && this.inFlight < this.maxInFlight) {
      this.scheduled = true;
      // let every execution that is ready in this turn (this job, when commits are free) queue its transition first
      this.schedule(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    while (this.head < this.transitions.length && this.inFlight < this.maxInFlight) {
      // with several connections free the queue is shared among them, so the database writes one batch while the
      // engine steps the executions of another (executions that move in step would otherwise all wait on one batch)
      const size = Math.min(this.maxBatch, Math.max(MIN_SHARED_BATCH, Math.ceil((this.transitions.length - this.head) / (this.maxInFlight - this.inFlight))));
      let batch: Transition[];
      let targets: CommitTarget[];
      if (this.head === 0 && this.transitions.length <= size) {
        batch = this.transitions;
        targets = this.targets;
        this.transitions = NOTHING;
        this.targets = NOTHING;
      } else {
        const end = Math.min(this.transitions.length, this.head + size);
        batch = this.transitions.slice(this.head, end);
        targets = this.targets.slice(this.head, end);
        this.head = end;
        if (this.head === this.transitions.length) { this.transitions = NOTHING; this.targets = NOTHING; this.head = 0; }
      }
      if (this.store.commitTransitionsNow !== undefined) {
        this.writeNow(this.store.commitTransitionsNow, batch, targets);
        // what their targets queued has a flush scheduled: it goes then
        if (this.scheduled) return;
        continue;
      }
      this.inFlight++;
      this.store.commitTransitions(batch).then((outcomes) => {
        this.inFlight--;
        this.done(batch, targets, outcomes);
        this.next();
      }, (e: unknown) => {
        this.inFlight--;
        failAll(targets, e);
        this.next();
      });
    }
  };

  /** a batch written at once: its outcomes go on in this job */
  private writeNow(write: NonNullable<DurableStore['commitTransitionsNow']>, batch: Transition[], targets: CommitTarget[]): void {
    let outcomes: readonly TransitionOutcome[];
    try {
      outcomes = write.call(this.store, batch);
    } catch (e) {
      failAll(targets, e);
      return;
    }
    // outside the try: a target that throws is not a failed commit
    this.done(batch, targets, outcomes);
  }

  private done(batch: readonly Transition[], targets: readonly CommitTarget[], outcomes: readonly TransitionOutcome[]): void {
    this.stats.transitions += batch.length;
    this.stats.batches++;
    for (let i = 0; i < targets.length; i++) targets[i]!.committed(outcomes[i]!);
  }

  /** what queued while the batch was written (and what its targets queued just now) goes at once: it has waited a turn already */
  private next(): void {
    if (this.head < this.transitions.length && !this.scheduled) this.flush();
  }
}
