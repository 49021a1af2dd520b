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

/** Every variable a frame can read, inner scopes shadowing outer ones. */
export function visibleVariables(state: ExecState, frame: Frame): Record<string, unknown> {
  const chain: Frame[] = [];
  for (let f: Frame | undefined = frame; f; f = f.parentId ? state.frames[f.parentId] : undefined) chain.push(f);
  const out: Record<string, unknown> = {};
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(out, chain[i]!.vars);
  return out;
}

/** Whether a scope around the frame's own (a Parallel's or Map's) holds the variable. */
export function outerVariableScope(state: ExecState, frame: Frame, name: string): boolean {
  for (let f = frame.parentId ? state.frames[frame.parentId] : undefined; f; f = f.parentId ? state.frames[f.parentId] : undefined) {
    if (Object.prototype.hasOwnProperty.call(f.vars, name)) return true;
  }
  return false;
}
