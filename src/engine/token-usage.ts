// LLM token usage per execution, per state and model (issue "Task
// integrations": cost and token accounting): one document per execution in
// the store, so a report after a restart still sees it, deleted with its
// execution by retention. Writes of one execution run in order, each adding
// to what the store holds; nothing is kept in memory once they are done.
import type { DurableStore } from '../store/durable-store.js';
import type { TokenUsage } from './task-runner.js';

export interface UsageRow {
  readonly stateName: string;
  readonly modelId: string;
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

const documentKey = (executionArn: string): string => `usage:${executionArn}`;

export class TokenLedger {
  /** the rows of executions with writes under way (each write adds to what the store holds, so nothing else is kept) */
  private readonly rows = new Map<string, UsageRow[]>();
  /** per execution, the last of its writes: they run one after another */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly store: DurableStore) {}

  record(executionArn: string, stateName: string, u: TokenUsage): void {
    this.then(executionArn, async () => {
      const rows = this.rows.get(executionArn) ?? await this.stored(executionArn);
      this.rows.set(executionArn, rows);
      let row = rows.find((r) => r.stateName === stateName && r.modelId === u.modelId);
      if (!row) rows.push((row = { stateName, modelId: u.modelId, inputTokens: 0, outputTokens: 0, calls: 0 }));
      row.inputTokens += u.inputTokens;
      row.outputTokens += u.outputTokens;
      row.calls += 1;
      await this.store.putDocument(documentKey(executionArn), JSON.stringify(rows));
    }, 'not stored');
  }

  /** the executions were deleted (retention): their usage goes too */
  forget(executionArns: readonly string[]): Promise<void> {
    return Promise.all(executionArns.map((arn) => this.then(arn, () => this.store.putDocument(documentKey(arn), undefined), 'not deleted')))
      .then(() => undefined);
  }

  /** rows of an execution, as its writes so far leave them */
  async of(executionArn: string): Promise<readonly UsageRow[]> {
    await this.writes.get(executionArn);
    return (this.rows.get(executionArn) ?? await this.stored(executionArn)).map((r) => ({ ...r }));
  }

  private async stored(executionArn: string): Promise<UsageRow[]> {
    const doc = await this.store.getDocument(documentKey(executionArn));
    return doc ? JSON.parse(doc) as UsageRow[] : [];
  }

  /** runs `work` after the execution's earlier writes; its rows are let go once none is left */
  private then(executionArn: string, work: () => Promise<void>, failed: string): Promise<void> {
    const next = (this.writes.get(executionArn) ?? Promise.resolve()).then(work).catch((e: Error) => {
      // what the store holds is the truth: read again by the next write
      this.rows.delete(executionArn);
      console.error(`switchyard: token usage of ${executionArn} ${failed}:`, e.message);
    });
    this.writes.set(executionArn, next);
    return next.then(() => {
      if (this.writes.get(executionArn) === next) { this.writes.delete(executionArn); this.rows.delete(executionArn); }
    });
  }
}
