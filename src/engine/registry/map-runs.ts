// Map runs (DescribeMapRun / ListMapRuns / UpdateMapRun): a Distributed Map
// state writes MapRunStarted with the run's ARN; the run's figures come from
// the execution's history, its live state and the Map state's definition.
// UpdateMapRun's new limits are kept here and reported from then on.
import type { ExecState, HistoryEvent, Program } from '../../asl/index.js';

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface MapRunCounts {
  readonly pending: number; readonly running: number; readonly succeeded: number; readonly failed: number;
  readonly timedOut: number; readonly aborted: number; readonly total: number; readonly resultsWritten: number;
  readonly failuresNotRedrivable: number; readonly pendingRedrive: number;
}

export interface MapRunView {
  readonly mapRunArn: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly status: MapRunStatus;
  readonly startDate: number;
  readonly stopDate?: number;
  readonly maxConcurrency: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
  readonly itemCounts: MapRunCounts;
}

export interface MapRunLimits {
  maxConcurrency?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
}

const END: Record<string, MapRunStatus> = { MapRunSucceeded: 'SUCCEEDED', MapRunFailed: 'FAILED', MapRunAborted: 'ABORTED' };

function counts(total: number, c: Partial<MapRunCounts>): MapRunCounts {
  const running = c.running ?? 0; const succeeded = c.succeeded ?? 0; const failed = c.failed ?? 0; const aborted = c.aborted ?? 0;
  return {
    pending: Math.max(0, total - running - succeeded - failed - aborted), running, succeeded, failed, timedOut: 0, aborted,
    total, resultsWritten: succeeded, failuresNotRedrivable: 0, pendingRedrive: 0,
  };
}

/** The Map state a run belongs to: its label (or name) is the ARN's part after the state machine name. */
function mapLimits(program: Program | undefined, label: string): { maxConcurrency: number; toleratedFailureCount: number; toleratedFailurePercentage: number } {
  const out = { maxConcurrency: 0, toleratedFailureCount: 0, toleratedFailurePercentage: 0 };
  if (!program) return out;
  for (const def of program.compiled.values()) {
    const d = def as { type?: string; name?: string; raw?: Record<string, any> };
    if (d.type !== 'Map' || !d.raw || (d.raw.Label ?? d.name) !== label) continue;
    if (typeof d.raw.MaxConcurrency === 'number') out.maxConcurrency = d.raw.MaxConcurrency;
    if (typeof d.raw.ToleratedFailureCount === 'number') out.toleratedFailureCount = d.raw.ToleratedFailureCount;
    if (typeof d.raw.ToleratedFailurePercentage === 'number') out.toleratedFailurePercentage = d.raw.ToleratedFailurePercentage;
  }
  return out;
}

export class MapRuns {
  private readonly limits = new Map<string, MapRunLimits>();
  /** map run ARN -> the execution that runs it */
  private readonly owners = new Map<string, string>();

  ownerOf(mapRunArn: string): string | undefined { return this.owners.get(mapRunArn); }

  update(mapRunArn: string, patch: MapRunLimits): void {
    this.limits.set(mapRunArn, { ...this.limits.get(mapRunArn), ...patch });
  }

  /** every map run of an execution, oldest first */
  of(args: { executionArn: string; stateMachineArn: string; events: readonly HistoryEvent[]; state: ExecState; program?: Program }): MapRunView[] {
    const runs: MapRunView[] = [];
    const { events } = args;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      if (ev.type !== 'MapRunStarted') continue;
      const mapRunArn = (ev.mapRunStartedEventDetails as { mapRunArn: string }).mapRunArn;
      let total = 0;
      for (let j = i - 1; j >= 0; j--) {
        if (events[j]!.type === 'MapStateStarted') { total = (events[j]!.mapStateStartedEventDetails as { length: number }).length; break; }
      }
      const end = events.slice(i + 1).find((e) => e.type in END);
      const label = mapRunArn.slice(mapRunArn.indexOf('/') + 1, mapRunArn.lastIndexOf(':'));
      const limits = { ...mapLimits(args.program, label), ...this.limits.get(mapRunArn) };
      let status: MapRunStatus = end ? END[end.type]! : 'RUNNING';
      let itemCounts: MapRunCounts;
      const live = Object.values(args.state.frames).find((f) => f.phase.kind === 'children' && f.phase.mapRunArn === mapRunArn);
      if (live && live.phase.kind === 'children') {
        const p = live.phase;
        itemCounts = counts(total, { running: p.running, succeeded: p.done - p.failures, failed: p.failures });
      } else if (status === 'SUCCEEDED') {
        itemCounts = counts(total, { succeeded: total });
      } else if (status === 'RUNNING') {
        // the run's state ended without a terminating event: the execution stopped
        status = args.state.status === 'RUNNING' ? 'RUNNING' : 'ABORTED';
        itemCounts = counts(total, status === 'ABORTED' ? { aborted: total } : {});
      } else {
        itemCounts = counts(total, status === 'FAILED' ? { failed: 1, aborted: Math.max(0, total - 1) } : { aborted: total });
      }
      const stopDate = end?.timestamp ?? (status === 'RUNNING' ? undefined : events[events.length - 1]!.timestamp);
      this.owners.set(mapRunArn, args.executionArn);
      runs.push({
        mapRunArn, executionArn: args.executionArn, stateMachineArn: args.stateMachineArn, status, startDate: ev.timestamp,
        ...(stopDate !== undefined ? { stopDate } : {}),
        maxConcurrency: limits.maxConcurrency ?? 0, toleratedFailureCount: limits.toleratedFailureCount ?? 0,
        toleratedFailurePercentage: limits.toleratedFailurePercentage ?? 0, itemCounts,
      });
    }
    return runs;
  }
}
