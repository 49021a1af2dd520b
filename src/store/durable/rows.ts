// Row <-> record mapping shared by the SQLite and PostgreSQL stores. Both
// schemas use the same column names; PostgreSQL returns bigint as text, hence
// the Number() calls.
import { type HistoryEvent, textOf } from '../../asl/index.js';
import type {
  ExecutionRecord, ExecutionSummary, StateMachineRecord, StoredExecution, TaskInvocation, TaskRecord, TaskResult,
  TaskStatus, TimerRecord, Transition,
} from '../durable-store.js';

export type Num = number | string;

export interface SummaryRow {
  arn: string;
  state_machine_arn: string;
  name: string;
  status: string;
  start_date: Num;
  stop_date: Num | null;
}

export interface ExecutionRow extends SummaryRow {
  input_text: string;
  output_text: string | null;
  error: string | null;
  cause: string | null;
  state: string;
  definition: string;
  version: Num;
}

export interface TimerRow { execution_arn: string; timer_id: string; due_at: Num }

export interface TaskRow { execution_arn: string; task_id: string; invocation: string; status: string; result: string | null }

export const EXECUTION_COLUMNS =
  'arn, state_machine_arn, name, status, start_date, stop_date, input_text, output_text, error, cause, state, definition, version';
export const SUMMARY_COLUMNS = 'arn, state_machine_arn, name, status, start_date, stop_date';

export function toExecution(r: ExecutionRow): StoredExecution {
  return {
    ...toSummary(r),
    inputText: r.input_text,
    ...(r.output_text !== null && { outputText: r.output_text }),
    ...(r.error !== null && { error: r.error }),
    ...(r.cause !== null && { cause: r.cause }),
    state: JSON.parse(r.state) as ExecutionRecord['state'],
    definition: r.definition,
    version: Number(r.version),
  };
}

export function toSummary(r: SummaryRow): ExecutionSummary {
  return {
    executionArn: r.arn,
    stateMachineArn: r.state_machine_arn,
    name: r.name,
    status: r.status as ExecutionRecord['status'],
    startDate: Number(r.start_date),
    ...(r.stop_date !== null && { stopDate: Number(r.stop_date) }),
  };
}

export function toTimer(r: TimerRow): TimerRecord {
  return { executionArn: r.execution_arn, timerId: r.timer_id, dueAt: Number(r.due_at) };
}

export function toTask(r: TaskRow): TaskRecord {
  return {
    executionArn: r.execution_arn,
    taskId: r.task_id,
    invocation: JSON.parse(r.invocation) as TaskInvocation,
    status: r.status as TaskStatus,
    ...(r.result !== null && { result: JSON.parse(r.result) as TaskResult }),
  };
}

export function toEvent(body: string): HistoryEvent {
  return JSON.parse(body) as HistoryEvent;
}

export function toStateMachine(record: string): StateMachineRecord {
  return JSON.parse(record) as StateMachineRecord;
}

/** The mutable columns of an execution row, in the order the stores bind them. */
export function executionValues(rec: ExecutionRecord) {
  return {
    status: rec.status,
    stop_date: rec.stopDate ?? null,
    output_text: textOf(rec.outputText) ?? null,
    error: rec.error ?? null,
    cause: rec.cause ?? null,
    state: JSON.stringify(rec.state),
  };
}

/** A batch split into rounds in which each execution appears at most once, order kept. */
export function rounds(batch: readonly Transition[]): { index: number; t: Transition }[][] {
  const out: { index: number; t: Transition }[][] = [];
  const seen = new Map<string, number>();
  batch.forEach((t, index) => {
    const arn = t.execution.executionArn;
    const r = (seen.get(arn) ?? -1) + 1;
    seen.set(arn, r);
    (out[r] ??= []).push({ index, t });
  });
  return out;
}
