// Several processes on one PostgreSQL database share the work (issue
// "Durable engine"): 3 processes, 1,000 executions started through all of
// them, one process killed with SIGKILL halfway; the others take over its
// executions when its leases lapse, and every execution finishes exactly once,
// with the history of an uninterrupted run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { ApiCallError, call, freePort, historyOf, spawnServer, type ServerProcess, TEST_POSTGRES, testSchema, dropSchema } from './harness.js';
import { DEFINITIONS, workload } from './workload.js';

const N = 1000;
const ROLE = 'arn:aws:iam::123456789012:role/crash';

async function runAll(ports: number[], onHalfway?: () => Promise<void>): Promise<Map<string, unknown[]>> {
  const alive = new Set(ports);
  const arns: Record<string, string> = {};
  for (const [kind, def] of Object.entries(DEFINITIONS)) {
    arns[kind] = (await call(ports[0]!, 'CreateStateMachine', { name: `mw-${kind}`, roleArn: ROLE, definition: JSON.stringify(def) })).stateMachineArn;
  }
  const runs = workload(N);
  const executionArns = runs.map((r) => `${arns[r.kind]!.replace(':stateMachine:', ':execution:')}:${r.name}`);
  let next = 0;
  const starter = async (): Promise<void> => {
    while (next < runs.length) {
      const i = next++;
      if (i === N / 2) await onHalfway?.();
      const port = ports[i % ports.length]!;
      const via = alive.has(port) ? port : [...alive][0]!;
      try {
        await call(via, 'StartExecution', { stateMachineArn: arns[runs[i]!.kind], name: runs[i]!.name, input: runs[i]!.input });
      } catch (e) {
        if (e instanceof ApiCallError) throw e;
        alive.delete(via); // that process is gone: start it through another
        await call([...alive][0]!, 'StartExecution', { stateMachineArn: arns[runs[i]!.kind], name: runs[i]!.name, input: runs[i]!.input });
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, starter));
  const deadline = Date.now() + 180_000;
  for (const arn of executionArns) {
    for (;;) {
      const port = [...alive][0]!;
      let d;
      try { d = await call(port, 'DescribeExecution', { executionArn: arn }); } catch (e) {
        if (e instanceof ApiCallError) throw e;
        alive.delete(port);
        continue;
      }
      if (d.status !== 'RUNNING') break;
      if (Date.now() > deadline) throw new Error(`${arn} still RUNNING`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const histories = new Map<string, unknown[]>();
  for (const arn of executionArns) histories.set(arn, await historyOf([...alive][0]!, arn));
  return histories;
}

test('3 processes on PostgreSQL, one killed halfway: 1,000 executions finish exactly once', { timeout: 400_000 }, async () => {
  const schema = testSchema('sy_mw');
  const servers: ServerProcess[] = [];
  try {
    // the uninterrupted reference
    const refPort = await freePort();
    const ref = await spawnServer(refPort, 'memory');
    servers.push(ref);
    const expected = await runAll([refPort]);
    ref.child.kill('SIGKILL');

    const ports = [await freePort(), await freePort(), await freePort()];
    for (const p of ports) servers.push(await spawnServer(p, `${TEST_POSTGRES}?schema=${schema}`, undefined, ['--lease-ms', '1500']));
    const victim = servers[2]!;
    const got = await runAll(ports, async () => {
      victim.child.kill('SIGKILL');
      await victim.exited;
    });
    assert.equal(victim.child.signalCode, 'SIGKILL');

    // exactly once: every history equals the uninterrupted one (one terminal event, no event twice)
    assert.equal(got.size, N);
    for (const [arn, events] of expected) assert.deepEqual(got.get(arn), events, `${arn} differs from the uninterrupted run`);
    // the killed process had executions in flight that others finished
    const c = new pg.Client({ connectionString: TEST_POSTGRES });
    await c.connect();
    try {
      const r = await c.query(`SELECT count(*)::int AS n FROM ${schema}.executions WHERE status <> 'RUNNING'`);
      assert.equal(r.rows[0].n, N);
    } finally { await c.end(); }
  } finally {
    for (const s of servers) s.child.kill('SIGKILL');
    await dropSchema(schema);
  }
});
