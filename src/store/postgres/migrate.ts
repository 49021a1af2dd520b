// Brings a PostgreSQL schema to the newest version at start-up. An advisory
// lock per schema makes workers that start together apply each migration once.
import type pg from 'pg';
import { checkMigrations, type Migration } from '../durable/migration.js';

export async function migrate(client: pg.ClientBase, migrations: readonly Migration[], now: number): Promise<number> {
  checkMigrations(migrations);
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('switchyard.migrate:' || current_schema()))");
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
    const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    const current = r.rows[0]?.v ?? 0;
    if (current > migrations.length) {
      throw new Error(`database schema version ${current} is newer than this Switchyard (${migrations.length})`);
    }
    for (const m of migrations.slice(current)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now]);
    }
    await client.query('COMMIT');
    return migrations.length;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
