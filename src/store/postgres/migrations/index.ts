// Every PostgreSQL migration, in order. A new one is a new file here, never an edit of an applied one.
import type { Migration } from '../../durable/migration.js';
import { migration as m001 } from './001-initial.js';
import { migration as m002 } from './002-documents.js';
import { migration as m003 } from './003-transition-rows.js';
import { migration as m004 } from './004-execution-info.js';

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004];
