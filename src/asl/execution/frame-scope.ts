// What the paths of a JSONPath-language state read while it runs: `$` (the
// value given), `$$` (the context object) and variables. Methods on a class,
// not closures per state: a scope is made for every state a frame enters.
import type { Frame } from './state.js';
import type { PathScope } from './jsonpath-io.js';
import type { Run } from './run.js';
import { buildContext, withMapItem } from './context.js';
import { lookupVariable } from './variables.js';

/** `$` is `input`; `$$` and variables come from the frame. */
export class FrameScope implements PathScope {
  constructor(readonly run: Run, readonly frame: Frame, readonly input: unknown) {}
  context(): unknown { return this.run.context(this.frame); }
  variable(name: string): { found: boolean; value: unknown } { return lookupVariable(this.run.state, this.frame, name); }
  uuid(): string { return this.run.env.uuid(); }
  random(): number { return this.run.env.random(); }
}

/** A Map state's ItemSelector: `$$.Map.Item` holds the item being launched. */
export class MapItemScope extends FrameScope {
  constructor(run: Run, frame: Frame, input: unknown, readonly index: number, readonly value: unknown) { super(run, frame, input); }
  override context(): unknown {
    return withMapItem(buildContext(this.run.state.info, this.frame, this.run.def(this.frame), this.run.env.now), this.index, this.value);
  }
}
