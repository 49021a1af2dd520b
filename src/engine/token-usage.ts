// LLM token usage per execution, per state and model (issue "Task
// integrations": cost and token accounting). Kept in memory for reads and
// written through to the store as one document per execution, so a report
// after a restart still sees it. Writes of one execution are kept in order.
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
  private readonly rows = new Map<string, UsageRow[]>();
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly store: DurableStore) {}

  record(executionArn: string, stateName: string, u: TokenUsage): void {
    let rows = this.rows.get(executionArn);
    if (!rows) this.rows.set(executionArn, (rows = []));
    let row = rows.find((r) => r.stateName === stateName && r.modelId === u.modelId);
    if (!row) rows.push((row = { stateName, modelId: u.modelId, inputTokens: 0, outputTokens: 0, calls: 0 }));
    row.inputTokens += u.inputTokens;
    row.outputTokens += u.outputTokens;
    row.calls += 1;
    const body = JSON.stringify(rows);
    const prev = this.writes.get(executionArn) ?? Promise.resolve();
    const next = prev.then(() => this.store.putDocument(documentKey(executionArn), body)).catch((e: Error) => {
      console.error(`switchyard: token usage of ${executionArn} not stored:`, e.message);
    });
    this.writes.set(executionArn, next);
    void next.then(() => { if (this.writes.get(executionArn) === next) this.writes.delete(executionArn); });
  }

  /** rows of an execution, from memory or, after a restart, from the store */
  async of(executionArn: string): Promise<readonly UsageRow[]> {
    await this.writes.get(executionArn);
    const mine = this.rows.get(executionArn);
    if (mine) return mine.map((r) => ({ ...r }));
    const doc = await this.store.getDocument(documentKey(executionArn));
    return doc ? (JSON.parse(doc) as UsageRow[]) : [];
  }
}
