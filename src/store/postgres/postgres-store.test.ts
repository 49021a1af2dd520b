// Runs the store contract on PostgreSQL (127.0.0.1:5432 on every machine of
// this project, CI included), one fresh schema per store, dropped at the end.
// SWITCHYARD_TEST_POSTGRES overrides the server.
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import pg from 'pg';
import type { HistoryEvent } from '../../asl/index.js';
import { advanced, creation, event, events, execution, invocation } from '../durable/contract-fixtures.js';
import { storeContract } from '../durable/contract.js';
import type { DurableStore, ExecutionRecord, HistoryQuery } from '../durable-store.js';
import { EVENTS_PER_ROW, WRITE, statementName } from './commit.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { PostgresStore } from './postgres-store.js';

const url = process.env.SWITCHYARD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];

async function reachable(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try { await c.connect(); await c.end(); return undefined; } catch (e) { return String(e); }
}

const problem = await reachable();
if (problem && !process.env.SWITCHYARD_TEST_POSTGRES) {
  it(`PostgreSQL store contract (no server at ${url}: ${problem})`, { skip: true }, () => undefined);
} else {
  storeContract('PostgreSQL', {
    async open() {
      const schema = `sy_test_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return PostgresStore.open({ connectionString: url, schema, maxConnections: 4 });
    },
    async peer(store: DurableStore) {
      return PostgresStore.open({ ...(store as PostgresStore).opts });
    },
    async dispose() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(s)} CASCADE`);
      await c.end();
    },
  });

  it('LISTEN/NOTIFY tells other processes of new executions and recorded task results, at commit', async () => {
    const schema = `sy_test_${randomBytes(6).toString('hex')}`;
    const s = await PostgresStore.open({ connectionString: url, schema, maxConnections: 2 });
    const hints: string[] = [];
    let wake: () => void = () => undefined;
    const stop = await s.listen((h) => { hints.push(h); wake(); });
    const next = () => new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, 5000).unref(); });
    try {
      const a = execution('a', 1_700_000_000_000);
      let heard = next();
      await s.commitTransitions([creation(a, { tasksScheduled: [invocation('k1')] })]);
      await heard;
      heard = next();
      await s.recordTaskResults([{ executionArn: a.executionArn, taskId: 'k1', result: { kind: 'success', output: 1 } }]);
      await heard;
      // a batch that fails sends nothing; a lease-holding creation needs no other worker
      await assert.rejects(s.commitTransitions([creation(execution('b', 1)), creation(a, { expectedVersion: 1, events: [] }),
        { ...creation(execution('c', 2)), events: [{ id: 1, previousEventId: 0, timestamp: 0, type: 'X' }, { id: 1, previousEventId: 0, timestamp: 0, type: 'X' }] }]));
      await s.commitTransitions([creation(execution('d', 3), { lease: { owner: 'w1', expiresAt: 10 } })]);
      await s.recordTaskResults([{ executionArn: a.executionArn, taskId: 'k1', result: { kind: 'success', output: 2 } }]);
      heard = next();
      await s.commitTransitions([creation(execution('e', 4))]);
      await heard;
      assert.deepEqual(hints, ['executions', 'tasks', 'executions']);
    } finally {
      await stop();
      await s.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${pg.escapeIdentifier(schema)} CASCADE`);
      await c.end();
    }
  });

  // ---- this store's own layout
  const mine: string[] = [];
  const admin = async <R>(fn: (c: pg.Client) => Promise<R>): Promise<R> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try { return await fn(c); } finally { await c.end(); }
  };
  const freshSchema = (): string => {
    const schema = `sy_test_${randomBytes(6).toString('hex')}`;
    mine.push(schema);
    return schema;
  };
  after(() => admin(async (c) => { for (const s of mine) await c.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(s)} CASCADE`); }));

  /** the info column of an execution's row, and whether its state column holds an info too */
  const stored = (schema: string, arn: string) => admin(async (c) => {
    const r = (await c.query<{ info: string | null; state: string }>(
      `SELECT info, state FROM ${pg.escapeIdentifier(schema)}.executions WHERE arn = $1`, [arn])).rows[0]!;
    return { info: r.info === null ? null : JSON.parse(r.info) as unknown, stateHasInfo: 'info' in (JSON.parse(r.state) as object) };
  });

  /** what history() must answer, read from the full list of events */
  const expected = (all: readonly HistoryEvent[], q: HistoryQuery): number[] => {
    const ids = all.map((e) => e.id);
    const page = q.reverse
      ? ids.filter((id) => id < (q.afterId ?? Infinity)).reverse()
      : ids.filter((id) => id > (q.afterId ?? 0));
    return q.limit === undefined ? page : page.slice(0, q.limit);
  };

  it('a transition\'s run of consecutive events is one history row, pages read across rows both ways', async () => {
    const schema = freshSchema();
    const s = await PostgresStore.open({ connectionString: url, schema, maxConnections: 2 });
    try {
      const a = execution('a', 1_700_000_000_000);
      const long = events(5, 5 + EVENTS_PER_ROW + 9);
      const gap = [event(100), event(101), event(103)];
      const all = [...events(1, 3), event(4), ...long, ...gap];
      let rec = a;
      let version = 0;
      for (const evs of [events(1, 3), [event(4)], long, gap]) {
        const out = await s.commitTransitions([{ ...creation(rec, { events: evs }), expectedVersion: version }]);
        assert.deepEqual(out, [{ ok: true, version: version + 1 }]);
        version++;
        rec = advanced(rec);
      }
      const rows = await admin(async (c) => (await c.query<{ id: number; first_id: number | null }>(
        `SELECT id, first_id FROM ${pg.escapeIdentifier(schema)}.history_events ORDER BY id`)).rows);
      const lastOfLong = 5 + EVENTS_PER_ROW - 1;
      assert.deepEqual(rows.map((r) => [r.id, r.first_id]),
        [[3, 1], [4, null], [lastOfLong, 5], [long.at(-1)!.id, lastOfLong + 1], [101, 100], [103, null]]);
      assert.deepEqual(await s.history(a.executionArn), all);
      const ids = all.map((e) => e.id);
      for (const afterId of [undefined, 0, 1, 2, 3, 4, 5, 6, 40, lastOfLong - 1, lastOfLong, lastOfLong + 1, 99, 100, 101, 102, 103, 104, 2 ** 31 - 1]) {
        for (const limit of [undefined, 1, 2, 3, 7, EVENTS_PER_ROW + 1]) {
          for (const reverse of [false, true]) {
            const q: HistoryQuery = { ...(afterId !== undefined && { afterId }), ...(limit !== undefined && { limit }), reverse };
            const got = (await s.history(a.executionArn, q)).map((e) => e.id);
            assert.deepEqual(got, expected(all, q), JSON.stringify(q));
          }
        }
      }
      // paging through, as GetExecutionHistory does
      for (const reverse of [false, true]) {
        const seen: number[] = [];
        let afterId: number | undefined;
        for (;;) {
          const page = await s.history(a.executionArn, { afterId, limit: 4, reverse });
          if (!page.length) break;
          seen.push(...page.map((e) => e.id));
          afterId = page.at(-1)!.id;
        }
        assert.deepEqual(seen, reverse ? [...ids].reverse() : ids);
      }
    } finally {
      await s.close();
    }
  });

  it('a database of schema version 2 migrates forward: its history rows read as before and new rows follow them', async () => {
    const schema = freshSchema();
    const a = execution('old', 1_700_000_000_000);
    await admin(async (c) => {
      await c.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
      await c.query(`SET search_path = ${pg.escapeIdentifier(schema)}`);
      await migrate(c, MIGRATIONS.slice(0, 2), 1);
      // rows as the store wrote them before: one event a row
      await c.query(`INSERT INTO executions (arn, state_machine_arn, name, status, start_date, input_text, state, definition, version)
        VALUES ($1, $2, $3, 'RUNNING', $4, $5, $6, $7, 1)`,
      [a.executionArn, a.stateMachineArn, a.name, a.startDate, a.inputText, JSON.stringify(a.state), a.definition]);
      for (const ev of events(1, 3)) {
        await c.query('INSERT INTO history_events (execution_arn, id, body) VALUES ($1, $2, $3)', [a.executionArn, ev.id, JSON.stringify(ev)]);
      }
    });
    const s = await PostgresStore.open({ connectionString: url, schema, maxConnections: 2 });
    try {
      const version = await admin(async (c) =>
        (await c.query<{ v: number }>(`SELECT max(version) AS v FROM ${pg.escapeIdentifier(schema)}.schema_version`)).rows[0]?.v);
      assert.equal(version, MIGRATIONS.length);
      assert.deepEqual(await s.history(a.executionArn), events(1, 3));
      assert.deepEqual((await s.getExecution(a.executionArn))?.state, a.state);
      const next = advanced(a);
      assert.deepEqual(await s.commitTransitions([{ execution: next, expectedVersion: 1, events: events(4, 8) }]),
        [{ ok: true, version: 2 }]);
      // the old row's info moved beside its state
      assert.deepEqual(await stored(schema, a.executionArn), { info: a.state.info, stateHasInfo: false });
      assert.deepEqual((await s.getExecution(a.executionArn))?.state, next.state);
      const all = events(1, 8);
      assert.deepEqual(await s.history(a.executionArn), all);
      for (const afterId of [undefined, 1, 2, 3, 4, 5, 8, 9]) {
        for (const limit of [undefined, 1, 2, 4]) {
          for (const reverse of [false, true]) {
            const q: HistoryQuery = { ...(afterId !== undefined && { afterId }), ...(limit !== undefined && { limit }), reverse };
            assert.deepEqual((await s.history(a.executionArn, q)).map((e) => e.id), expected(all, q), JSON.stringify(q));
          }
        }
      }
    } finally {
      await s.close();
    }
    // and a store refuses a schema newer than it knows
    await admin((c) => c.query(`INSERT INTO ${pg.escapeIdentifier(schema)}.schema_version VALUES ($1, 'future', 0)`, [MIGRATIONS.length + 1]));
    await assert.rejects(PostgresStore.open({ connectionString: url, schema, maxConnections: 2 }), /newer than this Switchyard/);
  });

  it('an execution\'s info is written with its creation and when it is another, not with every transition', async () => {
    const schema = freshSchema();
    const s = await PostgresStore.open({ connectionString: url, schema, maxConnections: 3 });
    try {
      const a = execution('i', 1_700_000_000_000);
      const info = a.state.info;
      /** the record one transition later, with the info the engine carries along (the same object) or a new one */
      const later = (rec: ExecutionRecord, next = rec.state.info): ExecutionRecord => {
        const r = advanced(rec);
        return { ...r, state: { ...r.state, info: next } };
      };
      const commit = async (rec: ExecutionRecord, expectedVersion: number, evs = [event(expectedVersion + 2)]) =>
        (await s.commitTransitions([{ execution: rec, expectedVersion, events: evs }]))[0];
      assert.deepEqual(await commit(a, 0, events(1, 2)), { ok: true, version: 1 });
      assert.deepEqual(await stored(schema, a.executionArn), { info, stateHasInfo: false });
      const r2 = later(a);
      assert.deepEqual(await commit(r2, 1), { ok: true, version: 2 });
      assert.deepEqual((await s.getExecution(a.executionArn))?.state, r2.state);
      // behind the database's back: the store leaves the column alone while the info is the one it wrote
      await admin((c) => c.query(`UPDATE ${pg.escapeIdentifier(schema)}.executions SET info = '"kept"' WHERE arn = $1`, [a.executionArn]));
      const r3 = later(r2);
      assert.deepEqual(await commit(r3, 2), { ok: true, version: 3 });
      assert.deepEqual(await stored(schema, a.executionArn), { info: 'kept', stateHasInfo: false });
      // another info (a redrive makes one) is written; one refused by a version conflict or a failed batch is not taken as written
      const redriven = { ...info, redriveCount: 1 };
      assert.deepEqual(await commit(later(r3, redriven), 7), { ok: false, conflict: 'version' });
      await assert.rejects(s.commitTransitions([{ execution: later(r3, redriven), expectedVersion: 3, events: [event(5), event(5)] }]));
      assert.deepEqual(await stored(schema, a.executionArn), { info: 'kept', stateHasInfo: false });
      const r4 = later(r3, redriven);
      assert.deepEqual(await commit(r4, 3), { ok: true, version: 4 });
      assert.deepEqual(await stored(schema, a.executionArn), { info: redriven, stateHasInfo: false });
      assert.deepEqual((await s.getExecution(a.executionArn))?.state, r4.state);
      assert.deepEqual((await s.runningExecutions()).map((e) => e.state), [r4.state]);
      assert.deepEqual((await s.claimExecutions('w', 10, 1000, 0)).map((e) => e.state), [r4.state]);
    } finally {
      await s.close();
    }
  });

  it('the commit statement finds rows by index, not by reading a table whole, once the tables hold a few thousand rows', async () => {
    const schema = freshSchema();
    const s = await PostgresStore.open({ connectionString: url, schema, maxConnections: 3 });
    try {
      const batch = Array.from({ length: 2000 }, (_, i) =>
        creation(execution(`e${i}`, 1_700_000_000_000 + i), { tasksScheduled: [invocation('k1')], timersArmed: [{ timerId: 't1', dueAt: i }] }));
      assert.equal((await s.commitTransitions(batch)).filter((o) => o.ok).length, 2000);
      const plan = await admin(async (c) => {
        await c.query(`SET search_path = ${pg.escapeIdentifier(schema)}`);
        await c.query('ANALYZE');
        // the plan a connection keeps for the statement: made without the parameters' values
        await c.query('SET plan_cache_mode = force_generic_plan');
        await c.query(`PREPARE w AS ${WRITE}`);
        const r = await c.query<{ 'QUERY PLAN': string }>(
          "EXPLAIN EXECUTE w('[]', '', '[]', '', '[]', '[]', '[]', '', '[]', '[]', NULL)");
        return r.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      assert.doesNotMatch(plan, /Seq Scan on (executions|tasks|timers)/, plan);
      assert.match(plan, /Index Scan on executions_pkey|Index Scan using executions_pkey/, plan);
    } finally {
      await s.close();
    }
  });

  it('the commit statement is prepared again each time the transitions committed grow tenfold', async () => {
    assert.equal(statementName(0), statementName(8));
    assert.notEqual(statementName(8), statementName(9));
    assert.equal(statementName(9), statementName(98));
    assert.notEqual(statementName(98), statementName(99));
    // a connection holding the statement under an earlier name commits under the next one
    const s = await PostgresStore.open({ connectionString: url, schema: freshSchema(), maxConnections: 1 + 2 });
    try {
      let rec = execution('p', 1_700_000_000_000);
      for (let version = 0; version < 12; version++) {
        const evs = version === 0 ? events(1, 2) : [event(version + 2)];
        assert.deepEqual(await s.commitTransitions([{ execution: rec, expectedVersion: version, events: evs }]), [{ ok: true, version: version + 1 }]);
        rec = advanced(rec);
      }
      assert.equal((await s.history(rec.executionArn)).length, 13);
      assert.equal((await s.getExecution(rec.executionArn))?.version, 12);
    } finally {
      await s.close();
    }
  });
}
