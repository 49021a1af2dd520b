// A versioned schema change. Each store applies, at start-up and in order,
// those above the highest version in its schema_version table.
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Checks a migration list is numbered 1, 2, 3... with no gap or repeat. */
export function checkMigrations(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
