import type { Catcher, StateDef } from '../definition/types.js';
import type { Signal } from '../execution/protocol.js';
import type { Frame } from '../execution/state.js';
import type { Run } from '../execution/run.js';

/** How one state type reacts to what can happen to it. */
export interface StateHandler {
  enter(run: Run, frame: Frame, def: StateDef): void;
  /** the retry back-off elapsed: do the work again */
  retry(run: Run, frame: Frame, def: StateDef): void;
  /** an error matched a Catcher: leave the state through it */
  caught(run: Run, frame: Frame, def: StateDef, catcher: Catcher, error: string, cause: string | undefined): void;
  timer?(run: Run, frame: Frame, def: StateDef, timerId: string): void;
  /** a task timer fired: write the timeout event now, return the failure to handle after */
  expire?(run: Run, frame: Frame, def: StateDef, timerId: string): (() => void) | undefined;
  task?(run: Run, frame: Frame, def: StateDef, signal: Signal): void;
  childSucceeded?(run: Run, parent: Frame, def: StateDef, child: Frame, output: unknown): void;
  childFailed?(run: Run, parent: Frame, def: StateDef, child: Frame, error: string, cause: string | undefined, closing?: () => void): void;
}
