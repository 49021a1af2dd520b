import type { ExecutionRecord, StateMachineRecord, Store } from '../store.js';
import type { HistoryEvent } from '../../asl/index.js';

/** Keeps everything in process memory: for throwaway runs and tests. */
export class MemoryStore implements Store {
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly executions = new Map<string, { rec: ExecutionRecord; events: HistoryEvent[] }>();
  private readonly byMachine = new Map<string, ExecutionRecord[]>();

  putStateMachine(sm: StateMachineRecord): void { this.machines.set(sm.arn, sm); }
  getStateMachine(arn: string): StateMachineRecord | undefined { return this.machines.get(arn); }
  listStateMachines(): readonly StateMachineRecord[] { return [...this.machines.values()]; }
  deleteStateMachine(arn: string): void { this.machines.delete(arn); }

  createExecution(rec: ExecutionRecord, events: readonly HistoryEvent[]): boolean {
    if (this.executions.has(rec.executionArn)) return false;
    this.executions.set(rec.executionArn, { rec, events: [...events] });
    let list = this.byMachine.get(rec.stateMachineArn);
    if (!list) this.byMachine.set(rec.stateMachineArn, (list = []));
    list.push(rec);
    return true;
  }

  commitTransition(rec: ExecutionRecord, events: readonly HistoryEvent[]): void {
    const e = this.executions.get(rec.executionArn);
    if (!e) throw new Error(`no execution ${rec.executionArn}`);
    for (const ev of events) e.events.push(ev);
  }

  getExecution(arn: string): ExecutionRecord | undefined { return this.executions.get(arn)?.rec; }
  listExecutions(stateMachineArn: string): readonly ExecutionRecord[] { return this.byMachine.get(stateMachineArn) ?? []; }
  history(arn: string): readonly HistoryEvent[] { return this.executions.get(arn)?.events ?? []; }
  runningExecutions(): readonly ExecutionRecord[] {
    return [...this.executions.values()].map((e) => e.rec).filter((r) => r.status === 'RUNNING');
  }
}
