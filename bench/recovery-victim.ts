// The process scenario 7 kills: starts N executions on a SQLite file, each
// parked in a Wait until AT, prints "parked" once every start is committed,
// then idles until its SIGKILL.
// usage: node --import tsx bench/recovery-victim.ts DB_PATH N AT_ISO
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { SwitchyardContender } from './contenders/switchyard.js';
import { parkDefinition } from './scenarios/recovery.js';

const [path, count, at] = process.argv.slice(2);
const sy = new SwitchyardContender({ store: new SqliteStore({ path: path! }) });
const m = sy.machine(parkDefinition());
await Promise.all(Array.from({ length: Number(count) }, (_, i) => m.start({ i, at })));
process.stdout.write('parked\n');
setInterval(() => undefined, 60_000);
