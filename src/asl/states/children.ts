// Child frames of Parallel branches and Map iterations: creation and abort.
import { ENTERING, FINISHED, NONE, NO_ATTEMPTS, type ChildrenPhase, type Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';

export function newChild(run: Run, parent: Frame, slot: number, scopeKey: string, input: unknown, lastEventId: number, silent: boolean): Frame {
  const scope = run.program.scopes.get(scopeKey)!;
  const child: Frame = {
    id: run.newChildId(), parentId: parent.id, slot, scopeKey, stateName: scope.startAt, input,
    lastEventId, enteredEventId: 0, enteredPreviousId: 0, enteredTime: run.env.now, retryAttempts: NO_ATTEMPTS, retryCount: 0,
    phase: ENTERING, vars: NONE, silent, taskToken: undefined,
  };
  (parent.phase as ChildrenPhase).childIds.push(child.id);
  run.addFrame(child);
  return child;
}

/**
 * A child finished; its frame is already gone from the state. Its id stays
 * in `childIds` (abortChildren skips ids without a frame) until finished ids
 * outnumber running ones, then the list is compacted: O(1) per child on
 * average, where removing each id as it finishes is O(n) per child.
 */
export function childFinished(run: Run, phase: ChildrenPhase): void {
  const ids = phase.childIds;
  if (ids.length <= 2 * phase.running + 16) return;
  let kept = 0;
  for (const id of ids) if (run.state.frames[id] !== undefined) ids[kept++] = id;
  ids.length = kept;
}

/**
 * Stops a frame that is still running because a sibling failed (or its
 * execution stopped): cancels its work and writes XStateAborted as AWS does.
 */
export function abortFrame(run: Run, frame: Frame, previousEventId: number): void {
  const phase = frame.phase;
  const def = run.def(frame);
  if (phase.kind === 'task') {
    delete run.state.tasks[phase.taskId];
    run.commands.push({ type: 'cancelTask', taskId: phase.taskId });
    run.cancelTimer(phase.timeoutTimerId);
    run.cancelTimer(phase.heartbeatTimerId);
  } else if (phase.kind === 'waiting' || phase.kind === 'retrying') {
    run.cancelTimer(phase.timerId);
  } else if (phase.kind === 'children') {
    abortChildren(run, frame, phase, previousEventId);
    if (phase.mode === 'distributed') run.emit(frame, 'MapRunAborted', undefined, previousEventId);
  }
  if (phase.kind !== 'entering' && phase.kind !== 'finished') {
    run.emit(frame, `${def.type}StateAborted`, undefined, previousEventId);
  }
  frame.phase = FINISHED;
  delete run.state.frames[frame.id];
}

export function abortChildren(run: Run, parent: Frame, phase: ChildrenPhase, previousEventId: number): void {
  const name = run.def(parent).name;
  for (const id of phase.childIds) {
    const child = run.state.frames[id];
    if (!child) continue;
    abortFrame(run, child, previousEventId);
    if (phase.mode === 'map') {
      run.emit(parent, 'MapIterationAborted', { mapIterationAbortedEventDetails: { index: child.slot, name } }, previousEventId);
    }
  }
  phase.childIds.length = 0;
}
