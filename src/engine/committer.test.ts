import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DurableStore, Transition, TransitionOutcome } from '../store/durable-store.js';
import { GroupCommitter } from './committer.js';

/** a store whose commits finish when the test says so */
function slowStore(concurrency: number) {
  const calls: { batch: readonly Transition[]; finish(): void }[] = [];
  let inFlight = 0;
  let most = 0;
  const store = {
    commitConcurrency: concurrency,
    commitTransitions(batch: readonly Transition[]): Promise<readonly TransitionOutcome[]> {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise((resolve) => calls.push({ batch, finish: () => { inFlight--; resolve(batch.map((t) => ({ ok: true, version: t.expectedVersion + 1 }))); } }));
    },
  } as unknown as DurableStore;
  return { store, calls, most: () => most };
}

const t = (n: number): Transition => ({ execution: { executionArn: `e${n}` }, expectedVersion: n, events: [] } as unknown as Transition);
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

test('transitions of one turn share a batch; later ones form further batches, up to the store\'s concurrency in flight', async () => {
  const { store, calls, most } = slowStore(2);
  const c = new GroupCommitter(store);
  const outcomes: number[] = [];
  const target = { committed: (o: TransitionOutcome) => { if (o.ok) outcomes.push(o.version); }, failed: () => assert.fail() };
  c.commit(t(1), target);
  c.commit(t(2), target);
  await turn();
  c.commit(t(3), target);
  await turn();
  c.commit(t(4), target);
  c.commit(t(5), target);
  await turn();
  // two batches in flight; 4 and 5 wait for a free slot
  assert.deepEqual(calls.map((x) => x.batch.map((b) => b.expectedVersion)), [[1, 2], [3]]);
  calls[1]!.finish();
  await turn();
  assert.deepEqual(calls.map((x) => x.batch.map((b) => b.expectedVersion)), [[1, 2], [3], [4, 5]]);
  for (const x of calls) x.finish();
  await turn();
  assert.deepEqual(outcomes.sort(), [2, 3, 4, 5, 6]);
  assert.equal(most(), 2);
  assert.deepEqual(c.stats, { transitions: 5, batches: 3 });
});

test('a failed batch tells each of its transitions; batches are at most maxBatch long', async () => {
  const store = {
    commitTransitions: async (batch: readonly Transition[]) => { if (batch.some((x) => x.expectedVersion === 3)) throw new Error('disk'); return batch.map(() => ({ ok: true, version: 1 })); },
  } as unknown as DurableStore;
  const c = new GroupCommitter(store, 2);
  const seen: string[] = [];
  for (let i = 1; i <= 5; i++) c.commit(t(i), { committed: () => seen.push(`ok${i}`), failed: (e) => seen.push(`${(e as Error).message}${i}`) });
  await turn();
  await turn();
  assert.deepEqual(seen, ['ok1', 'ok2', 'disk3', 'disk4', 'ok5']);
  assert.deepEqual(c.stats, { transitions: 3, batches: 2 });
});

test('a long queue is shared among free connections, in batches of at least 50', async () => {
  const { store, calls } = slowStore(3);
  const c = new GroupCommitter(store);
  const target = { committed: () => undefined, failed: () => assert.fail() };
  for (let i = 0; i < 120; i++) c.commit(t(i), target);
  await turn();
  assert.deepEqual(calls.map((x) => x.batch.length), [50, 50, 20]);
  for (let i = 0; i < 30; i++) c.commit(t(i), target);
  calls[0]!.finish();
  await turn();
  assert.deepEqual(calls.map((x) => x.batch.length), [50, 50, 20, 30]);
});

test('a store that commits at once: outcomes in the same job, a throw fails only its batch, what targets queue waits for the next flush', async () => {
  const batches: number[][] = [];
  const store = {
    commitTransitions: () => assert.fail('the promise path is not taken'),
    commitTransitionsNow(batch: readonly Transition[]): readonly TransitionOutcome[] {
      batches.push(batch.map((x) => x.expectedVersion));
      if (batch.some((x) => x.expectedVersion === 13)) throw new Error('broken');
      return batch.map((x) => ({ ok: true, version: x.expectedVersion + 1 }));
    },
  } as unknown as DurableStore;
  const c = new GroupCommitter(store, 2);
  const seen: string[] = [];
  const target = (i: number) => ({
    committed: (o: TransitionOutcome) => {
      seen.push(`ok${i}:${o.ok ? o.version : 'conflict'}`);
      // a transition queued by a target goes with the next flush, not in this one
      if (i === 2) c.commit(t(7), target(7));
    },
    failed: (e: unknown) => seen.push(`${(e as Error).message}${i}`),
  });
  for (const i of [1, 2, 13, 4]) c.commit(t(i), target(i));
  await Promise.resolve();
  // the flush ran in a microtask: every outcome is known before the next turn, with no promise in between
  assert.deepEqual(batches.slice(0, 1), [[1, 2]]);
  await turn();
  assert.deepEqual(seen, ['ok1:2', 'ok2:3', 'broken13', 'broken4', 'ok7:8']);
  assert.deepEqual(batches, [[1, 2], [13, 4], [7]]);
  assert.deepEqual(c.stats, { transitions: 3, batches: 2 });
});
