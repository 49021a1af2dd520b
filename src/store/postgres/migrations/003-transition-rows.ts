// Fewer, smaller writes per transition.
// - history_events: a row holds the consecutive events first_id..id of one
//   transition as a JSON array (at most EVENTS_PER_ROW of them); first_id is
//   NULL where the row holds the single event id as a JSON object, as every
//   row written before this migration does. One row and one index entry per
//   transition instead of one per event.
// - executions: pages filled to half on insert, so that the updates of a
//   running execution (its state, its version) find room on the row's own
//   page and are HOT: no new entry in each of the table's seven indexes.
//   Rows stored before stay where they are; new rows follow the new fill.
import type { Migration } from '../../durable/migration.js';

export const migration: Migration = {
  version: 3,
  name: 'transition-rows',
  sql: `
ALTER TABLE history_events ADD COLUMN first_id integer;
ALTER TABLE executions SET (fillfactor = 50);
`,
};
