// The one contract suite every DurableStore passes (DESIGN.md, house habit 5).
// Each implementation's *.test.ts calls storeContract with its factory.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type DurableStore, InvalidPageToken } from '../durable-store.js';
import {
  SM_A, SM_B, advanced, creation, event, events, execution, executionArn, invocation, stateMachine,
} from './contract-fixtures.js';

export interface StoreFactory {
  /** a store on a new, empty database */
  open(): Promise<DurableStore>;
  /** a second store (another process's connection) on the database `store` uses */
  peer(store: DurableStore): Promise<DurableStore>;
  /** after the suite: drops what open() created */
  dispose?(): Promise<void>;
}

const T0 = 1_700_000_000_000;

export function storeContract(name: string, factory: StoreFactory): void {
  const opened: DurableStore[] = [];
  async function open(): Promise<DurableStore> {
    const s = await factory.open();
    opened.push(s);
    return s;
  }
  async function peer(s: DurableStore): Promise<DurableStore> {
    const p = await factory.peer(s);
    opened.push(p);
    return p;
  }

  describe(`DurableStore contract: ${name}`, () => {
    after(async () => {
      for (const s of opened.reverse()) await s.close();
      await factory.dispose?.();
    });

    it('documents round-trip, are replaced and deleted, and are seen by another connection', async () => {
      const s = await open();
      assert.equal(await s.getDocument('registry'), undefined);
      await s.putDocument('registry', '{"a":1}');
      await s.putDocument('registry', '{"a":2}');
      assert.equal(await (await peer(s)).getDocument('registry'), '{"a":2}');
      await s.putDocument('registry', undefined);
      assert.equal(await s.getDocument('registry'), undefined);
    });

    it('state machines round-trip, update and delete', async () => {
      const s = await open();
      await s.putStateMachine(stateMachine(SM_B));
      await s.putStateMachine(stateMachine(SM_A));
      assert.deepEqual(await s.getStateMachine(SM_A), stateMachine(SM_A));
      await s.putStateMachine({ ...stateMachine(SM_A), revisionId: 'r2' });
      assert.equal((await s.getStateMachine(SM_A))?.revisionId, 'r2');
      assert.deepEqual((await s.listStateMachines()).map((m) => m.arn), [SM_A, SM_B]);
      await s.deleteStateMachine(SM_A);
      assert.equal(await s.getStateMachine(SM_A), undefined);
    });

    it('creates an execution once, with its events, and reads it back exactly', async () => {
      const s = await open();
      const rec = execution('e1', T0);
      assert.deepEqual(await s.commitTransitions([creation(rec)]), [{ ok: true, version: 1 }]);
      assert.deepEqual(await s.getExecution(rec.executionArn), { ...rec, version: 1 });
      assert.deepEqual(await s.history(rec.executionArn), events(1, 2));
      const again = await s.commitTransitions([creation(rec, { events: events(1, 5) })]);
      assert.deepEqual(again, [{ ok: false, conflict: 'exists' }]);
      assert.equal((await s.history(rec.executionArn)).length, 2);
      assert.equal(await s.getExecution(executionArn('missing')), undefined);
    });

    it('a transition with a stale version is refused; the rest of the batch commits', async () => {
      const s = await open();
      const a = execution('a', T0);
      const b = execution('b', T0 + 1);
      await s.commitTransitions([creation(a), creation(b)]);
      const a2 = advanced(a);
      const b2 = advanced(b, { status: 'SUCCEEDED', stopDate: T0 + 50, outputText: '{"ok":true}' });
      const out = await s.commitTransitions([
        { execution: a2, expectedVersion: 1, events: [event(3)], timersArmed: [{ timerId: 't1', dueAt: T0 + 10 }] },
        { execution: advanced(b), expectedVersion: 7, events: [event(3, 'Stale')] },
        { execution: b2, expectedVersion: 1, events: [event(3, 'ExecutionSucceeded')] },
        { execution: advanced(a2), expectedVersion: 2, events: [event(4)] },
        { execution: advanced(a2), expectedVersion: 2, events: [event(4, 'Doubled')] },
      ]);
      assert.deepEqual(out, [
        { ok: true, version: 2 }, { ok: false, conflict: 'version' }, { ok: true, version: 2 },
        { ok: true, version: 3 }, { ok: false, conflict: 'version' },
      ]);
      assert.deepEqual((await s.history(a.executionArn)).map((e) => e.type), ['PassStateEntered', 'PassStateEntered',
        'PassStateEntered', 'PassStateEntered']);
      assert.deepEqual((await s.history(b.executionArn)).map((e) => e.id), [1, 2, 3]);
      const gotB = await s.getExecution(b.executionArn);
      assert.deepEqual(gotB, { ...b2, version: 2 });
      assert.equal((await s.getExecution(a.executionArn))?.state.seq, 2);
      const missing = await s.commitTransitions([{ execution: execution('nope', T0), expectedVersion: 1, events: [] }]);
      assert.deepEqual(missing, [{ ok: false, conflict: 'version' }]);
      assert.deepEqual((await s.runningExecutions()).map((r) => r.executionArn), [a.executionArn]);
    });

    it('connections racing to commit the same version: exactly one transition applies', async () => {
      const s = await open();
      const p = await peer(s);
      const a = execution('a', T0);
      await s.commitTransitions([creation(a)]);
      const outcomes = await Promise.all([s, p, s, p].map((x, i) =>
        x.commitTransitions([{ execution: advanced(a), expectedVersion: 1, events: [event(3, `Worker${i}`)] }])));
      assert.equal(outcomes.flat().filter((o) => o.ok).length, 1);
      assert.equal((await s.history(a.executionArn)).length, 3);
      assert.equal((await p.getExecution(a.executionArn))?.version, 2);
    });

    it('concurrent batches over the same executions in opposite orders both finish', async () => {
      const s = await open();
      const p = await peer(s);
      const recs = Array.from({ length: 20 }, (_, i) => execution(`e${String(i).padStart(2, '0')}`, T0 + i));
      await s.commitTransitions(recs.map((r) => creation(r)));
      const step = (r: typeof recs[number], tag: string) => ({ execution: advanced(r), expectedVersion: 1, events: [event(3, tag)] });
      const [one, two] = await Promise.all([
        s.commitTransitions(recs.map((r) => step(r, 'One'))),
        p.commitTransitions([...recs].reverse().map((r) => step(r, 'Two'))),
      ]);
      assert.equal([...one!, ...two!].filter((o) => o.ok).length, recs.length);
      for (const r of recs) assert.equal((await s.history(r.executionArn)).length, 3);
    });

    it('group commit is atomic: a failing statement leaves nothing of the batch written', async () => {
      const s = await open();
      const a = execution('a', T0);
      await s.commitTransitions([creation(a)]);
      const fresh = execution('fresh', T0 + 5);
      const batch = [
        creation(fresh, { timersArmed: [{ timerId: 't1', dueAt: T0 }], tasksScheduled: [invocation('k1', 'tok-fresh')] }),
        { execution: advanced(a), expectedVersion: 1, events: [event(3)], timersArmed: [{ timerId: 't9', dueAt: T0 }] },
        // event 2 already exists: the primary key refuses it
        { execution: advanced(advanced(a)), expectedVersion: 2, events: [event(2)] },
      ];
      await assert.rejects(s.commitTransitions(batch));
      assert.equal(await s.getExecution(fresh.executionArn), undefined);
      assert.equal((await s.getExecution(a.executionArn))?.version, 1);
      assert.equal((await s.history(a.executionArn)).length, 2);
      assert.deepEqual(await s.dueTimers(T0 + 1000, 10), []);
      assert.equal(await s.resolveTaskToken('tok-fresh'), undefined);
      assert.deepEqual(await s.tasksOf(fresh.executionArn), []);
      // the store is still usable and the same transition commits on its own
      assert.deepEqual(await s.commitTransitions([batch[1]!]), [{ ok: true, version: 2 }]);
    });

    it('timers come due earliest first, can be cancelled, and follow the lease owner', async () => {
      const s = await open();
      const a = execution('a', T0);
      const b = execution('b', T0 + 1);
      await s.commitTransitions([
        creation(a, { timersArmed: [{ timerId: 't2', dueAt: T0 + 300 }, { timerId: 't1', dueAt: T0 + 100 }] }),
        creation(b, { timersArmed: [{ timerId: 't1', dueAt: T0 + 200 }, { timerId: 't3', dueAt: T0 + 365 * 86_400_000 }] }),
      ]);
      const due = await s.dueTimers(T0 + 300, 10);
      assert.deepEqual(due.map((t) => [t.executionArn, t.timerId, t.dueAt]), [
        [a.executionArn, 't1', T0 + 100], [b.executionArn, 't1', T0 + 200], [a.executionArn, 't2', T0 + 300],
      ]);
      assert.equal((await s.dueTimers(T0 + 300, 2)).length, 2);
      assert.deepEqual(await s.dueTimers(T0 + 99, 10), []);
      assert.equal(await s.nextTimerDue(), T0 + 100);
      await s.commitTransitions([{ execution: advanced(a), expectedVersion: 1, events: [event(3)], timersCancelled: ['t1', 't2'] }]);
      assert.equal(await s.nextTimerDue(), T0 + 200);
      assert.deepEqual((await s.timersOf(b.executionArn)).map((t) => t.timerId), ['t1', 't3']);
      await s.claimExecutions('w1', 1, 1000, T0 + 1000);
      assert.deepEqual(await s.dueTimers(T0 + 1000, 10, 'w1'), []);
      assert.equal(await s.nextTimerDue('w1'), undefined);
      await s.commitTransitions([{ execution: advanced(b), expectedVersion: 1, events: [event(3)], lease: { owner: 'w2', expiresAt: T0 + 5000 } }]);
      assert.deepEqual((await s.dueTimers(T0 + 1000, 10, 'w2')).map((t) => t.timerId), ['t1']);
      assert.equal(await s.nextTimerDue('w2'), T0 + 200);
    });

    it('task records: scheduled, started, result recorded once, token resolved, deleted when applied', async () => {
      const s = await open();
      const a = execution('a', T0);
      await s.commitTransitions([creation(a, { tasksScheduled: [invocation('k1', 'tok-1'), invocation('k2')] })]);
      let tasks = await s.tasksOf(a.executionArn);
      assert.deepEqual(tasks, [
        { executionArn: a.executionArn, taskId: 'k1', invocation: invocation('k1', 'tok-1'), status: 'scheduled' },
        { executionArn: a.executionArn, taskId: 'k2', invocation: invocation('k2'), status: 'scheduled' },
      ]);
      assert.deepEqual(await s.resolveTaskToken('tok-1'), { executionArn: a.executionArn, taskId: 'k1' });
      assert.equal(await s.resolveTaskToken('tok-unknown'), undefined);
      await s.commitTransitions([{ execution: advanced(a), expectedVersion: 1, events: [event(3, 'TaskStarted')], tasksStarted: ['k1'] }]);
      assert.equal((await s.tasksOf(a.executionArn))[0]?.status, 'started');
      const ok = { kind: 'success', output: { answer: 42 } } as const;
      const recorded = await s.recordTaskResults([
        { executionArn: a.executionArn, taskId: 'k1', result: ok },
        { executionArn: a.executionArn, taskId: 'k1', result: { kind: 'failure', error: 'Late', cause: 'twice' } },
        { executionArn: a.executionArn, taskId: 'nope', result: ok },
      ]);
      assert.deepEqual(recorded, [true, false, false]);
      tasks = await s.completedTasks(10);
      assert.deepEqual(tasks.map((t) => [t.taskId, t.status, t.result]), [['k1', 'completed', ok]]);
      assert.deepEqual(await s.completedTasks(10, 'w1'), []);
      const failed = { kind: 'failure', error: 'States.Timeout' } as const;
      await s.commitTransitions([{
        execution: advanced(advanced(a)), expectedVersion: 2, events: [event(4, 'TaskSucceeded')],
        tasksDeleted: ['k1'], tasksCompleted: [{ taskId: 'k2', result: failed }],
      }]);
      assert.deepEqual((await s.tasksOf(a.executionArn)).map((t) => [t.taskId, t.status, t.result]), [['k2', 'completed', failed]]);
      assert.deepEqual(await s.recordTaskResults([{ executionArn: a.executionArn, taskId: 'k1', result: ok }]), [false]);
      assert.deepEqual(await s.resolveTaskToken('tok-1'), { executionArn: a.executionArn, taskId: 'k1' });
    });

    it('one transition that touches a timer or task twice leaves what applying its parts in order leaves', async () => {
      const s = await open();
      const a = execution('a', T0);
      // armed and cancelled; scheduled and started; scheduled, completed; scheduled and deleted (its token stays)
      await s.commitTransitions([creation(a, {
        timersArmed: [{ timerId: 't1', dueAt: T0 }, { timerId: 't2', dueAt: T0 + 5 }], timersCancelled: ['t1'],
        tasksScheduled: [invocation('k1'), invocation('k2'), invocation('k3', 'tok-3')], tasksStarted: ['k1', 'k2'],
        tasksCompleted: [{ taskId: 'k2', result: { kind: 'success', output: 7 } }], tasksDeleted: ['k3'],
      })]);
      assert.deepEqual((await s.timersOf(a.executionArn)).map((t) => t.timerId), ['t2']);
      assert.deepEqual((await s.tasksOf(a.executionArn)).map((t) => [t.taskId, t.status, t.result]),
        [['k1', 'started', undefined], ['k2', 'completed', { kind: 'success', output: 7 }]]);
      assert.deepEqual(await s.resolveTaskToken('tok-3'), { executionArn: a.executionArn, taskId: 'k3' });
      // started, completed and deleted at once: gone
      await s.commitTransitions([{ execution: advanced(a), expectedVersion: 1, events: [event(3)], tasksStarted: ['k1'],
        tasksCompleted: [{ taskId: 'k1', result: { kind: 'success', output: 1 } }], tasksDeleted: ['k1', 'k2'] }]);
      assert.deepEqual(await s.tasksOf(a.executionArn), []);
    });

    it('texts with lone surrogates never fail a batch; JSON documents keep them exactly', async () => {
      const s = await open();
      const a = execution('a', T0);
      const odd = 'x\ud800y';
      const done = advanced(a, { status: 'FAILED', stopDate: T0 + 1, error: 'E' + odd, cause: odd });
      done.state.output = { s: odd };
      const ev = { ...event(3, 'ExecutionFailed'), executionFailedEventDetails: { error: 'E' + odd, cause: odd } };
      await s.commitTransitions([creation(a)]);
      assert.deepEqual(await s.commitTransitions([{ execution: done, expectedVersion: 1, events: [ev] }]), [{ ok: true, version: 2 }]);
      const back = await s.getExecution(a.executionArn);
      // a text column may keep it as replacement characters; JSON documents keep it exactly
      assert.match(back?.cause ?? '', /^x(\ud800|\ufffd+)y$/);
      assert.deepEqual((back?.state.output as { s: string }).s, odd);
      assert.deepEqual((await s.history(a.executionArn)).at(-1), ev);
    });

    it('history pages forward and backward by event id', async () => {
      const s = await open();
      const a = execution('a', T0);
      await s.commitTransitions([creation(a, { events: events(1, 25) })]);
      const ids = async (q: Parameters<DurableStore['history']>[1]) => (await s.history(a.executionArn, q)).map((e) => e.id);
      assert.deepEqual(await ids({ limit: 3 }), [1, 2, 3]);
      assert.deepEqual(await ids({ afterId: 3, limit: 3 }), [4, 5, 6]);
      assert.deepEqual(await ids({ afterId: 23 }), [24, 25]);
      assert.deepEqual(await ids({ reverse: true, limit: 2 }), [25, 24]);
      assert.deepEqual(await ids({ reverse: true, afterId: 24, limit: 3 }), [23, 22, 21]);
      assert.deepEqual(await ids({ reverse: true, afterId: 2 }), [1]);
      const all: number[] = [];
      let after: number | undefined;
      for (;;) {
        const page = await ids({ afterId: after, limit: 7 });
        if (!page.length) break;
        all.push(...page);
        after = page[page.length - 1];
      }
      assert.deepEqual(all, events(1, 25).map((e) => e.id));
      assert.deepEqual(await s.history(executionArn('none')), []);
    });

    it('execution pages stay correct while executions start between pages', async () => {
      const s = await open();
      const batch = [];
      for (let i = 0; i < 10; i++) batch.push(creation(execution(`e${i}`, T0 + Math.floor(i / 2) * 10)));
      batch.push(creation(execution('other', T0, SM_B)));
      await s.commitTransitions(batch);
      const seen: string[] = [];
      let token: string | undefined;
      let round = 0;
      do {
        const page = await s.listExecutions({ stateMachineArn: SM_A, limit: 3, nextToken: token });
        seen.push(...page.items.map((e) => e.name));
        token = page.nextToken;
        // newer executions, and one with the same start date as rows already listed
        await s.commitTransitions([creation(execution(`late${round}`, T0 + 1000 + round)), creation(execution(`same${round}`, T0 + 40))]);
        round++;
      } while (token);
      const expected = ['e9', 'e8', 'e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0'];
      assert.deepEqual(seen.filter((n) => n.startsWith('e')), expected);
      assert.equal(new Set(seen).size, seen.length);
      const first = await s.listExecutions({ stateMachineArn: SM_A, limit: 2 });
      assert.deepEqual(first.items.map((e) => e.name), [`late${round - 1}`, `late${round - 2}`]);
      assert.deepEqual(Object.keys(first.items[0]!).sort(), ['executionArn', 'name', 'startDate', 'stateMachineArn', 'status']);
      const e0 = execution('e0', T0);
      await s.commitTransitions([{ execution: advanced(e0, { status: 'FAILED', stopDate: T0 + 9, error: 'E', cause: 'c' }),
        expectedVersion: 1, events: [event(3)] }]);
      const failed = await s.listExecutions({ stateMachineArn: SM_A, status: 'FAILED' });
      assert.deepEqual(failed.items, [{ executionArn: e0.executionArn, stateMachineArn: SM_A, name: 'e0', status: 'FAILED',
        startDate: T0, stopDate: T0 + 9 }]);
      assert.equal(failed.nextToken, undefined);
      assert.equal((await s.listExecutions({ limit: 1000 })).items.length, 10 + 1 + 2 * round);
      await assert.rejects(s.listExecutions({ nextToken: 'garbage' }), InvalidPageToken);
    });

    it('leases: two claimers never get the same execution; an expired lease passes to another worker', async () => {
      const s = await open();
      const p = await peer(s);
      const batch = [];
      for (let i = 0; i < 40; i++) batch.push(creation(execution(`e${String(i).padStart(2, '0')}`, T0 + i)));
      batch.push(creation(advanced(execution('done', T0), { status: 'SUCCEEDED', stopDate: T0 + 1 })));
      await s.commitTransitions(batch);
      const claims = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
        (i % 2 ? p : s).claimExecutions(`w${i}`, 6, 30_000, T0 + 100)));
      const arns = claims.flat().map((e) => e.executionArn);
      assert.equal(arns.length, 40);
      assert.equal(new Set(arns).size, 40);
      assert.ok(!arns.includes(executionArn('done')));
      assert.deepEqual(await s.claimExecutions('w9', 10, 30_000, T0 + 200), []);
      const w0 = claims[0]!.map((e) => e.executionArn);
      assert.deepEqual(await s.leaseOf(w0[0]!), { owner: 'w0', expiresAt: T0 + 30_100 });
      assert.equal(claims[0]![0]!.version, 1);
      // w0 renews half its executions, then stops renewing: the other half expire first
      assert.deepEqual([...await s.renewLease('w0', w0.slice(0, 3), 60_000, T0 + 20_000)].sort(), w0.slice(0, 3).sort());
      assert.deepEqual(await s.renewLease('w0', [claims[1]![0]!.executionArn], 60_000, T0 + 20_000), []);
      const taken = await p.claimExecutions('w9', 100, 30_000, T0 + 30_100);
      assert.equal(taken.length, 40 - 3);
      assert.deepEqual([...await s.renewLease('w0', w0, 60_000, T0 + 30_200)].sort(), w0.slice(0, 3).sort());
      await s.releaseLease('w0', w0);
      assert.equal(await s.leaseOf(w0[0]!), undefined);
      assert.deepEqual((await s.claimExecutions('w1', 100, 1000, T0 + 30_300)).map((e) => e.executionArn).sort(), w0.slice(0, 3).sort());
      const lease = { owner: 'w5', expiresAt: T0 + 99_999 };
      await s.commitTransitions([creation(execution('leased', T0 + 500), { lease })]);
      assert.deepEqual(await s.leaseOf(executionArn('leased')), lease);
      assert.deepEqual(await s.claimExecutions('w6', 10, 1000, T0 + 31_000), []);
    });

    it('retention deletes finished executions before a date, with everything they own', async () => {
      const s = await open();
      const old = execution('old', T0);
      const recent = execution('recent', T0 + 1);
      const running = execution('running', T0 + 2);
      await s.commitTransitions([
        creation(old, { tasksScheduled: [invocation('k1', 'tok-old')], timersArmed: [{ timerId: 't1', dueAt: T0 }] }),
        creation(recent), creation(running),
      ]);
      await s.commitTransitions([
        { execution: advanced(old, { status: 'ABORTED', stopDate: T0 + 10 }), expectedVersion: 1, events: [event(3)] },
        { execution: advanced(recent, { status: 'SUCCEEDED', stopDate: T0 + 5000 }), expectedVersion: 1, events: [event(3)] },
      ]);
      assert.deepEqual(await s.deleteExecutionsBefore(T0 + 1000), [old.executionArn]);
      assert.equal(await s.getExecution(old.executionArn), undefined);
      assert.deepEqual(await s.history(old.executionArn), []);
      assert.deepEqual(await s.tasksOf(old.executionArn), []);
      assert.deepEqual(await s.timersOf(old.executionArn), []);
      assert.equal(await s.resolveTaskToken('tok-old'), undefined);
      assert.ok(await s.getExecution(recent.executionArn));
      assert.deepEqual(await s.deleteExecutionsBefore(T0 + 1_000_000, 10), [recent.executionArn]);
      assert.ok(await s.getExecution(running.executionArn));
    });

    it('a second connection sees committed work and migrations run once', async () => {
      const s = await open();
      await s.commitTransitions([creation(execution('a', T0))]);
      const p = await peer(s);
      assert.equal((await p.getExecution(executionArn('a')))?.version, 1);
      assert.deepEqual(await p.commitTransitions([creation(execution('a', T0))]), [{ ok: false, conflict: 'exists' }]);
    });
  });
}
