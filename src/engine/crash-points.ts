// Named points in the commit path where the crash tests kill the process
// (DESIGN.md, "Crash tests"). SWITCHYARD_CRASH_AT="point:N[,point:N]" sends
// SIGKILL to this process the N-th time it passes `point`. Unset, it costs
// one map lookup.
const plan = new Map<string, number>();
for (const part of (process.env.SWITCHYARD_CRASH_AT ?? '').split(',')) {
  const [name, n] = part.split(':');
  if (name && n && Number(n) > 0) plan.set(name, Number(n));
}
const hits = new Map<string, number>();

export type CrashPoint =
  /** a task finished; its result is not committed yet */
  | 'task-result'
  /** a transition is about to be written */
  | 'before-commit'
  /** a transition is written; its commands have not run */
  | 'after-commit';

export function crashPoint(name: CrashPoint): void {
  const at = plan.get(name);
  if (at === undefined) return;
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  if (n === at) process.kill(process.pid, 'SIGKILL');
}
