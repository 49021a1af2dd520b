import type { StateHandler } from './handler.js';
import { complete, effectiveInput, leaveThroughCatcher, stateArguments } from './common.js';
import type { ChildrenPhase, Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';
import type { StateDef } from '../definition/types.js';
import { abortChildren, childFinished, newChild } from './children.js';

function start(run: Run, frame: Frame, def: StateDef): void {
  const input = effectiveInput(run, frame, def);
  const branchInput = stateArguments(run, frame, def, input);
  const startedEventId = run.emit(frame, 'ParallelStateStarted');
  const phase: ChildrenPhase = {
    kind: 'children', mode: 'parallel', effectiveInput: input, items: def.branches, maxConcurrency: 0,
    startedEventId, launched: def.branches.length, running: def.branches.length, done: 0,
    results: new Array(def.branches.length).fill(null), cursor: startedEventId, lastDoneEventId: startedEventId,
    failures: 0, toleratedFailureCount: 0, toleratedFailurePercentage: 0, childIds: [],
  };
  frame.phase = phase;
  def.branches.forEach((key, i) => newChild(run, frame, i, key, branchInput, startedEventId, frame.silent));
}

export const parallel: StateHandler = {
  enter: start,
  retry: start,
  caught: leaveThroughCatcher,
  childSucceeded(run, parent, def, child, output) {
    const phase = parent.phase as ChildrenPhase;
    phase.results[child.slot] = output;
    phase.done++;
    phase.running--;
    childFinished(run, phase);
    if (phase.done < def.branches.length) return;
    run.emit(parent, 'ParallelStateSucceeded', undefined, child.lastEventId);
    // AWS chains ParallelStateExited to the branch's last event, as MapStateExited
    run.guard(parent, def, () => complete(run, parent, def, phase.results, { previousEventId: child.lastEventId }));
  },
  childFailed(run, parent, def, child, error, cause, closing) {
    const phase = parent.phase as ChildrenPhase;
    const anchor = child.lastEventId;
    closing?.();
    abortChildren(run, parent, phase, anchor);
    parent.lastEventId = anchor;
    run.stateFailed(parent, def, error, cause, undefined, () => run.emit(parent, 'ParallelStateFailed', undefined, anchor));
  },
};
