// Crash tests (issue "Durable engine"): 200 executions mixing Wait, Retry,
// Map, Parallel and Lambda tasks; the server is killed with SIGKILL at named
// points of the commit path (including between a task's completion and the
// commit of its result), restarted, and every execution must end with exactly
// the history of an uninterrupted run: no event lost, none doubled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiCallError, call, freePort, historyOf, spawnServer, type ServerProcess, TEST_POSTGRES, testSchema, dropSchema } from './harness.js';
import { DEFINITIONS, workload } from './workload.js';

const N = 200;
const ROLE = 'arn:aws:iam::123456789012:role/crash';
const CRASHES = ['before-commit:120', 'task-result:40', 'after-commit:250', 'before-commit:150'];

type Histories = Map<string, unknown[]>;

async function createMachines(port: number): Promise<Record<string, string>> {
  const arns: Record<string, string> = {};
  for (const [kind, def] of Object.entries(DEFINITIONS)) {
    const r = await call(port, 'CreateStateMachine', { name: `crash-${kind}`, roleArn: ROLE, definition: JSON.stringify(def) });
    arns[kind] = r.stateMachineArn;
  }
  return arns;
}

/** Runs the workload to the end; with crash plans, the server is killed and restarted along the way. */
async function runWorkload(store: string, crashes: string[]): Promise<{ histories: Histories; kills: number }> {
  const port = await freePort();
  const plans = [...crashes];
  let kills = 0;
  // a restarted process is a new worker: on PostgreSQL it takes over once the old leases lapse
  const extra = store.startsWith('postgres') ? ['--lease-ms', '1000'] : [];
  let server: ServerProcess = await spawnServer(port, store, plans.shift(), extra);
  const restartIfDead = async (): Promise<void> => {
    if (server.child.exitCode === null && server.child.signalCode === null) return;
    const { signal } = await server.exited;
    assert.equal(signal, 'SIGKILL', `the server ended without being killed:\n${server.output()}`);
    kills++;
    server = await spawnServer(port, store, plans.shift(), extra);
  };
  /** retries a call across a crash and restart */
  const resilient = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        if (e instanceof ApiCallError) throw e;
        await new Promise((r) => setTimeout(r, 20));
        await restartIfDead();
      }
    }
  };
  try {
    const arns = await resilient(() => createMachines(port));
    const runs = workload(N);
    const executionArns: string[] = [];
    for (const run of runs) {
      const arn = `${arns[run.kind]!.replace(':stateMachine:', ':execution:')}:${run.name}`;
      executionArns.push(arn);
      await resilient(async () => {
        try {
          await call(port, 'StartExecution', { stateMachineArn: arns[run.kind], name: run.name, input: run.input });
        } catch (e) {
          // started before the crash and already finished: the same execution
          if (!(e instanceof ApiCallError && e.type === 'ExecutionAlreadyExists')) throw e;
        }
      });
    }
    const deadline = Date.now() + 120_000;
    for (const arn of executionArns) {
      for (;;) {
        const d = await resilient(() => call(port, 'DescribeExecution', { executionArn: arn }));
        if (d.status !== 'RUNNING') break;
        if (Date.now() > deadline) throw new Error(`${arn} still RUNNING; server output:\n${server.output()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    const histories: Histories = new Map();
    for (const arn of executionArns) histories.set(arn, await resilient(() => historyOf(port, arn)));
    return { histories, kills };
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

function compare(reference: Histories, crashed: Histories): void {
  assert.equal(crashed.size, reference.size);
  for (const [arn, events] of reference) {
    const got = crashed.get(arn);
    assert.ok(got, `${arn} missing after the crashes`);
    assert.deepEqual(got, events, `${arn}: history differs from the uninterrupted run`);
  }
}

let referenceRun: Promise<Histories> | undefined;
const reference = (): Promise<Histories> => (referenceRun ??= runWorkload('memory', []).then((r) => r.histories));

test('SQLite: every execution survives SIGKILLs with the history of an uninterrupted run', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-crash-'));
  try {
    const crashed = await runWorkload(`sqlite:${join(dir, 'crash.db')}`, CRASHES);
    // every planned crash happened (a plan the workload never reached would test nothing)
    assert.equal(crashed.kills, CRASHES.length);
    const ref = await reference();
    for (const events of ref.values()) assert.ok(events.length >= 6);
    compare(ref, crashed.histories);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: every execution survives SIGKILLs with the history of an uninterrupted run', { timeout: 300_000 }, async () => {
  const schema = testSchema('sy_crash');
  try {
    const crashed = await runWorkload(`${TEST_POSTGRES}?schema=${schema}`, CRASHES);
    assert.equal(crashed.kills, CRASHES.length);
    compare(await reference(), crashed.histories);
  } finally {
    await dropSchema(schema);
  }
});
