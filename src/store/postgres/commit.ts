// Group commit on PostgreSQL: a batch of transitions is written with a fixed
// number of set-based statements (unnest of parallel arrays), so a batch of
// 200 transitions costs about the round trips of one. Rows of executions are
// locked in ARN order first, so concurrent batches (another worker, a
// StopExecution on another node) wait for each other instead of deadlocking.
import type pg from 'pg';
import type { Transition, TransitionOutcome } from '../durable-store.js';
import { executionValues, rounds } from '../durable/rows.js';

type Entry = { index: number; t: Transition };

/** Column arrays for unnest(): one array per field, one element per row. */
function columns<R>(rows: readonly R[], ...fields: ((r: R) => unknown)[]): unknown[][] {
  return fields.map((f) => rows.map(f));
}

export async function commitBatch(client: pg.ClientBase, batch: readonly Transition[], channel?: string):
  Promise<TransitionOutcome[]> {
  const out: TransitionOutcome[] = new Array<TransitionOutcome>(batch.length);
  await client.query('BEGIN');
  try {
    let unleasedCreated = false;
    for (const round of rounds(batch)) {
      const ok = await writeExecutions(client, round, out);
      await writeRest(client, ok);
      unleasedCreated ||= ok.some((e) => e.t.expectedVersion === 0 && !e.t.lease);
    }
    // delivered at COMMIT, and only if it commits
    if (channel && unleasedCreated) await client.query('SELECT pg_notify($1, $2)', [channel, 'executions']);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return out;
}

/** Inserts new rows and version-checks updates; returns the transitions that go ahead. */
async function writeExecutions(client: pg.ClientBase, round: readonly Entry[], out: TransitionOutcome[]): Promise<Entry[]> {
  const creates = round.filter((e) => e.t.expectedVersion === 0);
  const updates = round.filter((e) => e.t.expectedVersion !== 0);
  if (creates.length) {
    const r = await client.query<{ arn: string }>(`INSERT INTO executions (arn, state_machine_arn, name, status, start_date,
        stop_date, input_text, output_text, error, cause, state, definition, version, lease_owner, lease_expires_at)
      SELECT arn, sm, name, status, start_date, stop_date, input_text, output_text, error, cause, state, definition, 1, lo, le
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[],
        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[])
        AS x(arn, sm, name, status, start_date, stop_date, input_text, output_text, error, cause, state, definition, lo, le)
      ON CONFLICT (arn) DO NOTHING RETURNING arn`, columns(creates.map((c) => ({ ...c.t, v: executionValues(c.t.execution) })),
      (c) => c.execution.executionArn, (c) => c.execution.stateMachineArn, (c) => c.execution.name, (c) => c.v.status,
      (c) => c.execution.startDate, (c) => c.v.stop_date, (c) => c.execution.inputText, (c) => c.v.output_text,
      (c) => c.v.error, (c) => c.v.cause, (c) => c.v.state, (c) => c.execution.definition,
      (c) => c.lease?.owner ?? null, (c) => c.lease?.expiresAt ?? null));
    const done = new Set(r.rows.map((row) => row.arn));
    for (const c of creates) out[c.index] = done.has(c.t.execution.executionArn) ? { ok: true, version: 1 } : { ok: false, conflict: 'exists' };
  }
  if (updates.length) {
    const arns = updates.map((u) => u.t.execution.executionArn);
    // one row needs no ordering: the UPDATE locks it
    if (arns.length > 1) await client.query('SELECT arn FROM executions WHERE arn = ANY($1::text[]) ORDER BY arn FOR NO KEY UPDATE', [arns]);
    const r = await client.query<{ arn: string }>(`UPDATE executions e SET status = x.status, stop_date = x.stop_date,
        output_text = x.output_text, error = x.error, cause = x.cause, state = x.state, version = e.version + 1,
        lease_owner = coalesce(x.lo, e.lease_owner), lease_expires_at = coalesce(x.le, e.lease_expires_at)
      FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
        $9::text[], $10::bigint[]) AS x(arn, expected, status, stop_date, output_text, error, cause, state, lo, le)
      WHERE e.arn = x.arn AND e.version = x.expected RETURNING e.arn`,
    columns(updates.map((u) => ({ ...u.t, v: executionValues(u.t.execution) })),
      (u) => u.execution.executionArn, (u) => u.expectedVersion, (u) => u.v.status, (u) => u.v.stop_date,
      (u) => u.v.output_text, (u) => u.v.error, (u) => u.v.cause, (u) => u.v.state,
      (u) => u.lease?.owner ?? null, (u) => u.lease?.expiresAt ?? null));
    const updated = new Set(r.rows.map((row) => row.arn));
    for (const u of updates) {
      const arn = u.t.execution.executionArn;
      out[u.index] = updated.has(arn) ? { ok: true, version: u.t.expectedVersion + 1 } : { ok: false, conflict: 'version' };
    }
  }
  return round.filter((e) => out[e.index]?.ok);
}

/** Events, timers, tasks and tokens of the transitions that passed their version check. */
async function writeRest(client: pg.ClientBase, ok: readonly Entry[]): Promise<void> {
  const per = <R>(pick: (t: Transition) => readonly R[] | undefined) =>
    ok.flatMap((e) => (pick(e.t) ?? []).map((item) => ({ arn: e.t.execution.executionArn, item })));
  const run = async (rows: readonly unknown[], sql: string, params: () => unknown[][]) => {
    if (rows.length) await client.query(sql, params());
  };
  const events = per((t) => t.events);
  await run(events, `INSERT INTO history_events (execution_arn, id, body)
    SELECT * FROM unnest($1::text[], $2::int[], $3::text[])`,
  () => columns(events, (r) => r.arn, (r) => r.item.id, (r) => JSON.stringify(r.item)));
  const armed = per((t) => t.timersArmed);
  await run(armed, `INSERT INTO timers (execution_arn, timer_id, due_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`,
  () => columns(armed, (r) => r.arn, (r) => r.item.timerId, (r) => r.item.dueAt));
  const cancelled = per((t) => t.timersCancelled);
  await run(cancelled, `DELETE FROM timers t USING unnest($1::text[], $2::text[]) AS x(a, id)
    WHERE t.execution_arn = x.a AND t.timer_id = x.id`, () => columns(cancelled, (r) => r.arn, (r) => r.item));
  const scheduled = per((t) => t.tasksScheduled);
  await run(scheduled, `INSERT INTO tasks (execution_arn, task_id, invocation, status)
    SELECT a, id, inv, 'scheduled' FROM unnest($1::text[], $2::text[], $3::text[]) AS x(a, id, inv)`,
  () => columns(scheduled, (r) => r.arn, (r) => r.item.taskId, (r) => JSON.stringify(r.item)));
  const tokens = scheduled.filter((r) => r.item.taskToken !== undefined);
  await run(tokens, `INSERT INTO task_tokens (token, execution_arn, task_id)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
  () => columns(tokens, (r) => r.item.taskToken, (r) => r.arn, (r) => r.item.taskId));
  const started = per((t) => t.tasksStarted);
  await run(started, `UPDATE tasks t SET status = 'started' FROM unnest($1::text[], $2::text[]) AS x(a, id)
    WHERE t.execution_arn = x.a AND t.task_id = x.id AND t.status = 'scheduled'`,
  () => columns(started, (r) => r.arn, (r) => r.item));
  const completed = per((t) => t.tasksCompleted);
  await run(completed, `UPDATE tasks t SET status = 'completed', result = x.r
    FROM unnest($1::text[], $2::text[], $3::text[]) AS x(a, id, r) WHERE t.execution_arn = x.a AND t.task_id = x.id`,
  () => columns(completed, (r) => r.arn, (r) => r.item.taskId, (r) => JSON.stringify(r.item.result)));
  const deleted = per((t) => t.tasksDeleted);
  await run(deleted, `DELETE FROM tasks t USING unnest($1::text[], $2::text[]) AS x(a, id)
    WHERE t.execution_arn = x.a AND t.task_id = x.id`, () => columns(deleted, (r) => r.arn, (r) => r.item));
}
