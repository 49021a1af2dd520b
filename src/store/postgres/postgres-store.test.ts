// Runs the store contract on PostgreSQL (127.0.0.1:5432 on every machine of
// this project, CI included), one fresh schema per store, dropped at the end.
// SWITCHYARD_TEST_POSTGRES overrides the server.
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import pg from 'pg';
import { creation, execution, invocation } from '../durable/contract-fixtures.js';
import { storeContract } from '../durable/contract.js';
import type { DurableStore } from '../durable-store.js';
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
}
