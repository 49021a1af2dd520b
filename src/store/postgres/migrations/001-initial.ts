// Initial schema. Times are epoch milliseconds (bigint); JSON is stored as
// text (never queried inside). Keys use the "C" collation: byte order, as in
// SQLite, for ARN ordering and keyset pagination.
import type { Migration } from '../../durable/migration.js';

export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE state_machines (
  arn text COLLATE "C" PRIMARY KEY,
  record text NOT NULL
);

CREATE TABLE executions (
  arn text COLLATE "C" PRIMARY KEY,
  state_machine_arn text COLLATE "C" NOT NULL,
  name text NOT NULL,
  status text COLLATE "C" NOT NULL,
  start_date bigint NOT NULL,
  stop_date bigint,
  input_text text NOT NULL,
  output_text text,
  error text,
  cause text,
  state text NOT NULL,
  definition text NOT NULL,
  version integer NOT NULL,
  lease_owner text COLLATE "C",
  lease_expires_at bigint
);
CREATE INDEX executions_by_start ON executions (start_date, arn);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date, arn);
CREATE INDEX executions_by_machine_status ON executions (state_machine_arn, status, start_date, arn);
CREATE INDEX executions_by_status ON executions (status, start_date, arn);
CREATE INDEX executions_running ON executions (start_date, arn) WHERE status = 'RUNNING';
CREATE INDEX executions_by_owner ON executions (lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX executions_stopped ON executions (stop_date) WHERE stop_date IS NOT NULL;

CREATE TABLE history_events (
  execution_arn text COLLATE "C" NOT NULL,
  id integer NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (execution_arn, id)
);

CREATE TABLE timers (
  execution_arn text COLLATE "C" NOT NULL,
  timer_id text COLLATE "C" NOT NULL,
  due_at bigint NOT NULL,
  PRIMARY KEY (execution_arn, timer_id)
);
CREATE INDEX timers_due ON timers (due_at, execution_arn, timer_id);

CREATE TABLE tasks (
  execution_arn text COLLATE "C" NOT NULL,
  task_id text COLLATE "C" NOT NULL,
  invocation text NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'started', 'completed')),
  result text,
  PRIMARY KEY (execution_arn, task_id)
);
CREATE INDEX tasks_completed ON tasks (execution_arn, task_id) WHERE status = 'completed';

CREATE TABLE task_tokens (
  token text COLLATE "C" PRIMARY KEY,
  execution_arn text COLLATE "C" NOT NULL,
  task_id text COLLATE "C" NOT NULL
);
CREATE INDEX task_tokens_by_execution ON task_tokens (execution_arn);
`,
};
