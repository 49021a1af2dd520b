// The crash tests' workload: definitions that mix Wait, Retry, Map, Parallel
// and Lambda tasks, with outputs that depend only on their inputs, so an
// interrupted run must end with exactly the history of an uninterrupted one.
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

export const DEFINITIONS: Record<string, unknown> = {
  chain: {
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Parameters: { 'id.$': '$.id', step: 'prepared' }, Next: 'Pause' },
      Pause: { Type: 'Wait', Seconds: 2, Next: 'Echo' },
      Echo: { Type: 'Task', Resource: fn('echo'), ResultPath: '$.echo', Next: 'Done' },
      Done: { Type: 'Pass', End: true },
    },
  },
  retry: {
    StartAt: 'Flaky',
    States: {
      Flaky: {
        Type: 'Task', Resource: fn('flaky'), Parameters: { 'retry.$': '$$.State.RetryCount', 'id.$': '$.id' },
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 1.5 }], Next: 'Ok',
      },
      Ok: { Type: 'Succeed' },
    },
  },
  map: {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 1,
        ItemProcessor: {
          StartAt: 'Call',
          States: {
            Call: { Type: 'Task', Resource: fn('echo'), Next: 'Breathe' },
            Breathe: { Type: 'Wait', Seconds: 1, Next: 'Shape' },
            Shape: { Type: 'Pass', Parameters: { 'v.$': '$.echoed' }, End: true },
          },
        },
        End: true,
      },
    },
  },
  parallel: {
    StartAt: 'Both',
    States: {
      Both: {
        Type: 'Parallel',
        Branches: [
          // one timer only: two timers racing would make the order of branch events vary from run to run
          { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A2' }, A2: { Type: 'Pass', Result: 'a', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 2, Next: 'B2' }, B2: { Type: 'Fail', Error: 'BranchBroke', Cause: 'on purpose' } } },
        ],
        Catch: [{ ErrorEquals: ['BranchBroke'], ResultPath: '$.caught', Next: 'After' }],
        Next: 'After',
      },
      After: { Type: 'Task', Resource: fn('echo'), End: true },
    },
  },
};

export function workload(n: number): { kind: string; name: string; input: string }[] {
  const kinds = Object.keys(DEFINITIONS);
  return Array.from({ length: n }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    return { kind, name: `run-${i}`, input: JSON.stringify({ id: i, items: [i, i + 1, i + 2] }) };
  });
}
