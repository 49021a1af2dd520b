// Variable scopes (AWS "Passing data between states with variables"): a
// frame sees its own variables and those of the frames that enclose it;
// it assigns only its own.
import type { ExecState, Frame } from './state.js';

export function lookupVariable(state: ExecState, frame: Frame, name: string): { found: boolean; value: unknown } {
  for (let f: Frame | undefined = frame; f; f = f.parentId ? state.frames[f.parentId] : undefined) {
    if (Object.prototype.hasOwnProperty.call(f.vars, name)) return { found: true, value: f.vars[name] };
  }
  return { found: false, value: undefined };
}
