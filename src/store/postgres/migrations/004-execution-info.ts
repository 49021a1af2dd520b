// executions.info: the execution's info (its name, input, role...: state.info,
// which never changes while the execution runs) as JSON, written with the
// row's creation and whenever it changes (a redrive), instead of inside the
// state rewritten by every transition. NULL: the state holds it, as in rows
// written before.
import type { Migration } from '../../durable/migration.js';

export const migration: Migration = {
  version: 4,
  name: 'execution-info',
  sql: `
ALTER TABLE executions ADD COLUMN info text;
`,
};
