// Initial schema. Times are epoch milliseconds; JSON is stored as text.
import type { Migration } from '../../durable/migration.js';

export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE state_machines (
  arn TEXT PRIMARY KEY,
  record TEXT NOT NULL
);

CREATE TABLE executions (
  arn TEXT PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  stop_date INTEGER,
  input_text TEXT NOT NULL,
  output_text TEXT,
  error TEXT,
  cause TEXT,
  state TEXT NOT NULL,
  definition TEXT NOT NULL,
  version INTEGER NOT NULL,
  lease_owner TEXT,
  lease_expires_at INTEGER
);
CREATE INDEX executions_by_start ON executions (start_date DESC, arn DESC);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date DESC, arn DESC);
CREATE INDEX executions_by_machine_status ON executions (state_machine_arn, status, start_date DESC, arn DESC);
CREATE INDEX executions_by_status ON executions (status, start_date DESC, arn DESC);
CREATE INDEX executions_running ON executions (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX executions_by_owner ON executions (lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX executions_stopped ON executions (stop_date) WHERE stop_date IS NOT NULL;

CREATE TABLE history_events (
  execution_arn TEXT NOT NULL,
  id INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (execution_arn, id)
) WITHOUT ROWID;

CREATE TABLE timers (
  execution_arn TEXT NOT NULL,
  timer_id TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  PRIMARY KEY (execution_arn, timer_id)
) WITHOUT ROWID;
CREATE INDEX timers_due ON timers (due_at, execution_arn, timer_id);

CREATE TABLE tasks (
  execution_arn TEXT NOT NULL,
  task_id TEXT NOT NULL,
  invocation TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'started', 'completed')),
  result TEXT,
  PRIMARY KEY (execution_arn, task_id)
) WITHOUT ROWID;
CREATE INDEX tasks_completed ON tasks (execution_arn, task_id) WHERE status = 'completed';

CREATE TABLE task_tokens (
  token TEXT PRIMARY KEY,
  execution_arn TEXT NOT NULL,
  task_id TEXT NOT NULL
);
CREATE INDEX task_tokens_by_execution ON task_tokens (execution_arn);
`,
};
