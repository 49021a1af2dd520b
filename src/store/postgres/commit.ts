// Group commit on PostgreSQL: a batch of transitions is ONE statement (data-
// modifying CTEs), a transaction of its own, whose rows arrive as JSON arrays
// in a few text parameters: JSON.stringify is native, where node-postgres
// escapes array literals element by element in JavaScript. Stored JSON
// documents (states, events, invocations) travel as plain text, never parsed
// by PostgreSQL (see rowsWithDocs()). Rows of executions are locked in ARN order
// first, so concurrent batches (another worker, a StopExecution on another
// node) wait for each other instead of deadlocking. A batch with several
// transitions of one execution is written in rounds, one per execution each.
// The events of a transition are one history row (see eventRows()).
import type pg from 'pg';
import { type HistoryEvent, textOf } from '../../asl/index.js';
import type { Transition, TransitionOutcome } from '../durable-store.js';
import { rounds } from '../durable/rows.js';

type Entry = { index: number; t: Transition };

/**
 * JSON documents we made with JSON.stringify (states, event bodies,
 * invocations), joined by U+0001, which JSON.stringify never writes raw: one
 * text parameter, split by PostgreSQL, nothing escaped twice. ROWS FROM pairs
 * the n-th document with the n-th row of a JSON array, no join.
 */
const SEP = '\u0001';
const rowsWithDocs = (rows: number, docs: number): string =>
  `ROWS FROM (jsonb_array_elements($${rows}::jsonb), unnest(string_to_array($${docs}::text, chr(1)))) AS x(r, body)`;

/**
 * The most events one history row holds: a page of history read from the
 * middle of a row parses at most this many events it does not return.
 */
export const EVENTS_PER_ROW = 64;

/**
 * The statement that writes a round of transitions. Data-modifying CTEs see
 * one snapshot and not each other's rows, so each transition reaches them
 * already netted (see net()); all of them run whether the final SELECT reads
 * them or not. A table's rows are looked up with "key = ANY (ARRAY(...))": an
 * index scan whatever the planner guesses of the JSON rows' count, except on
 * tables of a few pages (see statementName()).
 */
export const WRITE = `WITH t AS (
  SELECT r->>0 AS arn, (r->>1)::int AS expected, r->>2 AS status, (r->>3)::bigint AS stop_date, r->>4 AS output_text,
    r->>5 AS error, r->>6 AS cause, body AS state, r->>7 AS lo, (r->>8)::bigint AS le,
    r->>9 AS sm, r->>10 AS name, (r->>11)::bigint AS start_date, r->>12 AS input_text, r->>13 AS definition, r->>14 AS info
  FROM ${rowsWithDocs(1, 2)}
), locked AS (
  SELECT arn FROM executions WHERE arn = ANY (ARRAY(SELECT arn FROM t WHERE expected <> 0)) ORDER BY arn FOR NO KEY UPDATE
), upd AS (
  -- the array of locked ARNs is made (every row locked, in ARN order) before the first row is updated
  UPDATE executions e SET status = t.status, stop_date = t.stop_date, output_text = t.output_text, error = t.error,
    cause = t.cause, state = t.state, info = coalesce(t.info, e.info), version = e.version + 1,
    lease_owner = coalesce(t.lo, e.lease_owner), lease_expires_at = coalesce(t.le, e.lease_expires_at)
  FROM t WHERE e.arn = ANY (ARRAY(SELECT arn FROM locked)) AND e.arn = t.arn AND t.expected <> 0 AND e.version = t.expected
  RETURNING e.arn
), ins AS (
  INSERT INTO executions (arn, state_machine_arn, name, status, start_date, stop_date, input_text, output_text, error, cause,
    state, info, definition, version, lease_owner, lease_expires_at)
  SELECT arn, sm, name, status, start_date, stop_date, input_text, output_text, error, cause, state, info, definition, 1, lo, le
  FROM t WHERE t.expected = 0
  ON CONFLICT (arn) DO NOTHING RETURNING arn
), ok AS (
  SELECT arn FROM upd UNION ALL SELECT arn FROM ins
), ev AS (
  INSERT INTO history_events (execution_arn, id, first_id, body)
  SELECT r->>0, (r->>1)::int, (r->>2)::int, body FROM ${rowsWithDocs(3, 4)}
  WHERE r->>0 IN (SELECT arn FROM ok)
), armed AS (
  INSERT INTO timers (execution_arn, timer_id, due_at)
  SELECT r->>0, r->>1, (r->>2)::bigint FROM jsonb_array_elements($5::jsonb) AS r WHERE r->>0 IN (SELECT arn FROM ok)
), cancelled AS (
  DELETE FROM timers x USING jsonb_array_elements($6::jsonb) AS r
  WHERE x.execution_arn = ANY (ARRAY(SELECT r->>0 FROM jsonb_array_elements($6::jsonb) AS r))
    AND x.execution_arn = r->>0 AND x.timer_id = r->>1 AND r->>0 IN (SELECT arn FROM ok)
), scheduled AS (
  INSERT INTO tasks (execution_arn, task_id, invocation, status, result)
  SELECT r->>0, r->>1, body, coalesce(r->>4, 'scheduled'), r->>5 FROM ${rowsWithDocs(7, 8)}
  WHERE r->>3 IS NULL AND r->>0 IN (SELECT arn FROM ok)
), tokens AS (
  INSERT INTO task_tokens (token, execution_arn, task_id)
  SELECT r->>2, r->>0, r->>1 FROM jsonb_array_elements($7::jsonb) AS r WHERE r->>2 IS NOT NULL AND r->>0 IN (SELECT arn FROM ok)
), changed AS (
  UPDATE tasks x SET status = r->>2, result = coalesce(r->>3, x.result) FROM jsonb_array_elements($9::jsonb) AS r
  WHERE x.execution_arn = ANY (ARRAY(SELECT r->>0 FROM jsonb_array_elements($9::jsonb) AS r))
    AND x.execution_arn = r->>0 AND x.task_id = r->>1 AND r->>0 IN (SELECT arn FROM ok) AND (r->>2 = 'completed' OR x.status = 'scheduled')
), deleted AS (
  DELETE FROM tasks x USING jsonb_array_elements($10::jsonb) AS r
  WHERE x.execution_arn = ANY (ARRAY(SELECT r->>0 FROM jsonb_array_elements($10::jsonb) AS r))
    AND x.execution_arn = r->>0 AND x.task_id = r->>1 AND r->>0 IN (SELECT arn FROM ok)
), note AS (
  SELECT pg_notify($11, 'executions') FROM t WHERE $11::text IS NOT NULL AND t.expected = 0 AND t.lo IS NULL
    AND t.arn IN (SELECT arn FROM ins) LIMIT 1
)
SELECT arn, (SELECT count(*) FROM note) AS notified FROM ok`;

/** ES2024 string methods (Node 20 has them; the compile target's lib does not) */
interface WellFormed { isWellFormed(): boolean; toWellFormed(): string }

/** text PostgreSQL takes: lone surrogates become U+FFFD, as a text parameter would have them */
const text = (s: string | null | undefined): string | null => {
  if (s == null) return null;
  const w = s as unknown as WellFormed;
  return w.isWellFormed() ? s : w.toWellFormed();
};

/**
 * The prepared statement's name once a store has committed `count`
 * transitions. PostgreSQL plans a prepared statement for good (until the
 * tables are next analyzed) after its first few runs on a connection, on the
 * tables as they are then: a plan made while they hold a few rows may read
 * them whole, and would go on doing so when they hold millions. A new name
 * whenever the count has grown tenfold has every connection plan the
 * statement again on the tables as they have grown.
 */
export function statementName(count: number): string {
  return `switchyard-commit-v4-${Math.floor(Math.log10(count + 1))}`;
}

export interface CommitOptions {
  /** NOTIFY channel told of new executions that no worker leases */
  readonly channel?: string;
  /** prepared statement name (statementName()) */
  readonly statement?: string;
  /**
   * Execution infos (state.info, which never changes in place: a redrive
   * makes a new one) whose JSON the rows committed through this set already
   * hold in their info column: a transition carrying one of them leaves the
   * column as it is. A commit adds the infos it wrote.
   */
  readonly infos?: WeakSet<object>;
}

export async function commitBatch(client: pg.ClientBase, batch: readonly Transition[], opts: CommitOptions = {}):
  Promise<TransitionOutcome[]> {
  const out: TransitionOutcome[] = new Array<TransitionOutcome>(batch.length);
  const all = rounds(batch);
  const infos: object[] = [];
  // one statement is a transaction of its own: one round trip
  if (all.length === 1) {
    await writeRound(client, all[0]!, out, opts, infos);
  } else {
    await client.query('BEGIN');
    try {
      for (const round of all) await writeRound(client, round, out, opts, infos);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
  if (opts.infos) for (const info of infos) opts.infos.add(info);
  return out;
}

async function writeRound(client: pg.ClientBase, round: readonly Entry[], out: TransitionOutcome[], opts: CommitOptions,
  infos: object[]): Promise<void> {
  const rows: unknown[][] = [];
  const states: string[] = [];
  const events: unknown[][] = [];
  const bodies: string[] = [];
  const armed: unknown[][] = [];
  const cancelled: unknown[][] = [];
  const scheduled: unknown[][] = [];
  const invocations: string[] = [];
  const changed: unknown[][] = [];
  const deleted: unknown[][] = [];
  const written: (object | undefined)[] = [];
  for (const { t } of round) {
    const e = t.execution;
    const arn = e.executionArn;
    const created = t.expectedVersion === 0;
    // the execution's info (its input among it) is written once, beside the state that changes every transition
    const info = e.state.info;
    const infoText = created || !opts.infos?.has(info) ? JSON.stringify(info) : null;
    written.push(infoText === null ? undefined : info);
    rows.push([arn, t.expectedVersion, e.status, e.stopDate ?? null, text(textOf(e.outputText)), text(e.error), text(e.cause),
      t.lease?.owner ?? null, t.lease?.expiresAt ?? null,
      created ? e.stateMachineArn : null, created ? e.name : null, created ? e.startDate : null,
      created ? text(e.inputText) : null, created ? text(e.definition) : null, infoText]);
    states.push(JSON.stringify({ ...e.state, info: undefined }));
    eventRows(arn, t.events, events, bodies);
    const n = net(t);
    for (const tm of n.armed) armed.push([arn, tm.timerId, tm.dueAt]);
    for (const id of t.timersCancelled ?? []) cancelled.push([arn, id]);
    for (const inv of t.tasksScheduled ?? []) {
      // started or completed by the same transition: written so at once; deleted by it: only its token stays
      const c = n.changed.get(inv.taskId);
      n.changed.delete(inv.taskId);
      scheduled.push([arn, inv.taskId, inv.taskToken ?? null, n.deleted.has(inv.taskId) ? 1 : null,
        c?.status ?? null, c?.result === undefined ? null : JSON.stringify(c.result)]);
      invocations.push(JSON.stringify(inv));
    }
    for (const [id, c] of n.changed) changed.push([arn, id, c.status, c.result === undefined ? null : JSON.stringify(c.result)]);
    for (const id of n.deleted) deleted.push([arn, id]);
  }
  const r = await client.query<{ arn: string }>({
    name: opts.statement ?? statementName(0), text: WRITE,
    values: [JSON.stringify(rows), states.join(SEP), JSON.stringify(events), bodies.join(SEP), JSON.stringify(armed), JSON.stringify(cancelled),
      JSON.stringify(scheduled), invocations.join(SEP), JSON.stringify(changed), JSON.stringify(deleted), opts.channel ?? null],
  });
  const ok = new Set(r.rows.map((row) => row.arn));
  round.forEach(({ index, t }, i) => {
    if (!ok.has(t.execution.executionArn)) {
      out[index] = { ok: false, conflict: t.expectedVersion === 0 ? 'exists' : 'version' };
      return;
    }
    out[index] = { ok: true, version: t.expectedVersion + 1 };
    const info = written[i];
    if (info) infos.push(info);
  });
}

/**
 * What one transition leaves of its timers and tasks, applied in the order
 * the other stores apply them (arm, cancel, schedule, start, complete,
 * delete): one statement cannot change a row twice.
 */
function net(t: Transition): {
  armed: readonly { timerId: string; dueAt: number }[];
  changed: Map<string, { status: 'started' | 'completed'; result?: unknown }>;
  deleted: ReadonlySet<string>;
} {
  let armed = t.timersArmed ?? [];
  if (armed.length && t.timersCancelled?.length) {
    const gone = new Set(t.timersCancelled);
    armed = armed.filter((tm) => !gone.has(tm.timerId));
  }
  const deleted = t.tasksDeleted?.length ? new Set(t.tasksDeleted) : NONE;
  const changed = new Map<string, { status: 'started' | 'completed'; result?: unknown }>();
  for (const id of t.tasksStarted ?? []) if (!deleted.has(id)) changed.set(id, { status: 'started' });
  for (const c of t.tasksCompleted ?? []) if (!deleted.has(c.taskId)) changed.set(c.taskId, { status: 'completed', result: c.result });
  return { armed, changed, deleted };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * A transition's events as history rows: each run of consecutive ids (at
 * most EVENTS_PER_ROW) is one row keyed by its last id, its body a JSON array
 * with first_id set; a lone event is its JSON object, first_id NULL. An event
 * id written twice by one transition is two rows with one key, and fails the
 * batch as before.
 */
function eventRows(arn: string, events: readonly HistoryEvent[], rows: unknown[][], bodies: string[]): void {
  let i = 0;
  while (i < events.length) {
    let j = i + 1;
    while (j < events.length && j - i < EVENTS_PER_ROW && events[j]!.id === events[j - 1]!.id + 1) j++;
    const first = events[i]!;
    if (j === i + 1) {
      rows.push([arn, first.id, null]);
      bodies.push(JSON.stringify(first));
    } else {
      rows.push([arn, events[j - 1]!.id, first.id]);
      bodies.push(JSON.stringify(i === 0 && j === events.length ? events : events.slice(i, j)));
    }
    i = j;
  }
}
