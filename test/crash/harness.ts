// Runs `switchyard serve` as a child process that the crash tests kill with
// SIGKILL at named points of the commit path, restart, and finally compare.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

const ROOT = join(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly output: () => string;
}

/** Starts a server and resolves once it answers. */
export async function spawnServer(port: number, store: string, crashAt?: string, extraArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/switchyard'), 'serve', '--port', String(port), '--store', store,
    '--functions', join(ROOT, 'test/fixtures/functions'), '--wait-time-scale', '0.02', ...extraArgs], {
    env: { ...process.env, SWITCHYARD_CRASH_AT: crashAt ?? '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      await call(port, 'ListStateMachines', {});
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { child, exited, output: () => log };
}

export class ApiCallError extends Error {
  constructor(readonly type: string, message: string) { super(`${type}: ${message}`); }
}

/** One AWS JSON 1.0 call; network failures reject with the fetch error. */
export async function call(port: number, op: string, body: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${op}` },
    body: JSON.stringify(body),
  });
  const json = await res.json() as any;
  if (!res.ok) throw new ApiCallError(String(json.__type).split('#').pop()!, json.message);
  return json;
}

/** Every event of an execution, without timestamps. */
export async function historyOf(port: number, executionArn: string): Promise<unknown[]> {
  const events: unknown[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(port, 'GetExecutionHistory', { executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    for (const e of page.events) { const { timestamp: _t, ...rest } = e; events.push(rest); }
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** the PostgreSQL database the crash tests run on, each test in a schema of its own */
export const TEST_POSTGRES = process.env.SWITCHYARD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** a schema name no other test run uses */
export const testSchema = (prefix: string): string => `${prefix}_${process.pid}_${Date.now().toString(36)}`;

/** drops a test's schema and everything in it */
export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_POSTGRES });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}
