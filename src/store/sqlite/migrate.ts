// Brings a SQLite database to the newest schema at start-up. The write lock
// is taken first (BEGIN IMMEDIATE), so two processes opening one file
// together apply each migration once.
import type Database from 'better-sqlite3';
import { checkMigrations, type Migration } from '../durable/migration.js';

export function migrate(db: Database.Database, migrations: readonly Migration[], now: number): number {
  checkMigrations(migrations);
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
    const current = row.v ?? 0;
    if (current > migrations.length) {
      throw new Error(`database schema version ${current} is newer than this Switchyard (${migrations.length})`);
    }
    const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations.slice(current)) {
      db.exec(m.sql);
      record.run(m.version, m.name, now);
    }
    return migrations.length;
  });
  return apply.immediate();
}
