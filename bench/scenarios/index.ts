// Every scenario, in the order the bench runs and prints them (issue 7).
import { chain } from './chain.js';
import { mapLambdaTasks, mapPassChoice, mapPassChoiceInline, mapTasks, mapTasksInline } from './map.js';
import { parameters } from './parameters.js';
import { parkedCallback, parkedWait } from './parked.js';
import { rawCommit } from './raw-commit.js';
import { durablePostgres, durableSqlite } from './durable.js';
import { recovery } from './recovery.js';
import type { Scenario } from './scenario.js';

export const SCENARIOS: readonly Scenario[] = [
  chain, mapPassChoice, mapPassChoiceInline, mapTasks, mapTasksInline, mapLambdaTasks, parameters, rawCommit, durableSqlite, durablePostgres, parkedWait, parkedCallback, recovery,
];

export function scenario(id: string): Scenario {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario '${id}' (known: ${SCENARIOS.map((x) => x.id).join(', ')})`);
  return s;
}
