// Documents: small JSON bodies by key (the API registry: versions, aliases, tags, activities).
import type { Migration } from '../../durable/migration.js';

export const migration: Migration = {
  version: 2,
  name: 'documents',
  sql: `
CREATE TABLE documents (
  key TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
`,
};
