// `--store` specs: memory | sqlite:PATH | postgres://USER@HOST:PORT/DB[?schema=NAME]
import type { DurableStore } from '../store/durable-store.js';
import { MemoryStore } from '../store/memory/memory-store.js';

export const DEFAULT_STORE = 'sqlite:./.switchyard/switchyard.db';

export async function openStore(spec: string): Promise<DurableStore> {
  if (spec === 'memory') return new MemoryStore();
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (!path) throw new Error('--store sqlite:PATH needs a file path');
    const { SqliteStore } = await import('../store/sqlite/sqlite-store.js');
    return new SqliteStore({ path });
  }
  if (spec.startsWith('postgres://') || spec.startsWith('postgresql://')) {
    const url = new URL(spec);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    const { PostgresStore } = await import('../store/postgres/postgres-store.js');
    return PostgresStore.open({ connectionString: url.toString(), schema });
  }
  throw new Error(`unknown store '${spec}': use memory, sqlite:PATH or postgres://USER@HOST:PORT/DB`);
}
