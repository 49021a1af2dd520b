// Activity tasks waiting for workers (AWS "Learn about Activities in Step
// Functions"). An ActivityScheduled task is queued under its activity ARN;
// GetActivityTask takes the oldest one, or long-polls for up to 60 seconds
// (AWS's limit) and answers with no task when none arrives.
import type { Clock } from './clock.js';

export const LONG_POLL_MS = 60_000;

export interface ActivityTask {
  readonly taskToken: string;
  readonly activityArn: string;
  readonly executionArn: string;
  readonly taskId: string;
  /** the task's input as the history writes it */
  readonly input: string;
}

// A task token names its execution and task, so it stays valid when the
// task is queued again after a restart.
const TOKEN_PREFIX = 'SYact1';

export function activityTaskToken(executionArn: string, taskId: string): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify([executionArn, taskId])).toString('base64url');
}

/** The execution and task an activity task token names; undefined for other tokens. */
export function resolveActivityTaskToken(token: string): { executionArn: string; taskId: string } | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { executionArn: v[0], taskId: v[1] };
  } catch { /* not ours */ }
  return undefined;
}

interface Poller {
  readonly deliver: (task: ActivityTask | undefined) => void;
}

export class ActivityQueue {
  private readonly queued = new Map<string, ActivityTask[]>();
  private readonly pollers = new Map<string, Poller[]>();

  constructor(private readonly clock: () => Clock) {}

  /** Queues a scheduled task; `cancel` (timeout, execution stopped) takes it off the queue. Returns its task token. */
  schedule(task: Omit<ActivityTask, 'taskToken'>, cancel: AbortSignal): string {
    const full: ActivityTask = { ...task, taskToken: activityTaskToken(task.executionArn, task.taskId) };
    cancel.addEventListener('abort', () => {
      const list = this.queued.get(task.activityArn);
      const i = list ? list.indexOf(full) : -1;
      if (i >= 0) list!.splice(i, 1);
    }, { once: true });
    this.offer(full, false);
    return full.taskToken;
  }

  /** A task a worker did not receive (its connection closed) goes back to the head of the queue. */
  requeue(task: ActivityTask): void {
    this.offer(task, true);
  }

  private offer(task: ActivityTask, first: boolean): void {
    const poller = this.pollers.get(task.activityArn)?.shift();
    if (poller) { poller.deliver(task); return; }
    let q = this.queued.get(task.activityArn);
    if (!q) this.queued.set(task.activityArn, (q = []));
    if (first) q.unshift(task); else q.push(task);
  }

  /** The oldest queued task of an activity, waiting up to LONG_POLL_MS for one; undefined when none came. */
  poll(activityArn: string, abort?: AbortSignal): Promise<ActivityTask | undefined> {
    const q = this.queued.get(activityArn);
    if (q?.length) return Promise.resolve(q.shift());
    return new Promise((resolve) => {
      const clock = this.clock();
      let list = this.pollers.get(activityArn);
      if (!list) this.pollers.set(activityArn, (list = []));
      const poller: Poller = {
        deliver: (task) => {
          clock.cancel(timer);
          const l = this.pollers.get(activityArn);
          const i = l ? l.indexOf(poller) : -1;
          if (i >= 0) l!.splice(i, 1);
          resolve(task);
        },
      };
      const timer = clock.schedule(clock.now() + LONG_POLL_MS, () => poller.deliver(undefined));
      list.push(poller);
      abort?.addEventListener('abort', () => poller.deliver(undefined), { once: true });
    });
  }

  /** tasks queued and not yet handed to a worker (for tests and metrics) */
  pending(activityArn: string): number {
    return this.queued.get(activityArn)?.length ?? 0;
  }

  /** workers long-polling for a task */
  waiting(activityArn: string): number {
    return this.pollers.get(activityArn)?.length ?? 0;
  }
}
