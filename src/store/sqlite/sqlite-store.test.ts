import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../durable/contract.js';
import type { DurableStore } from '../durable-store.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-sqlite-'));
let n = 0;

storeContract('SQLite', {
  async open() { return new SqliteStore({ path: join(dir, `store-${++n}.db`) }); },
  async peer(store: DurableStore) { return new SqliteStore({ path: (store as SqliteStore).db.name }); },
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store set-up', () => {
  it('opens in WAL mode with synchronous=FULL and records the schema version', async () => {
    const s = new SqliteStore({ path: join(dir, 'pragmas.db') });
    assert.equal(s.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(s.db.pragma('synchronous', { simple: true }), 2);
    assert.deepEqual(s.db.prepare('SELECT version, name FROM schema_version').all(), [{ version: 1, name: 'initial' }, { version: 2, name: 'documents' }]);
    await s.close();
  });

  it('refuses a database written by a newer Switchyard', async () => {
    const path = join(dir, 'newer.db');
    const s = new SqliteStore({ path });
    s.db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (99, ?, 0)').run('future');
    await s.close();
    assert.throws(() => new SqliteStore({ path }), /schema version 99 is newer/);
  });
});
