// The API's bookkeeping besides state machines and executions: versions,
// aliases, tags, activities, map runs. Kept in process memory.
import { Versions } from './versions.js';
import { Aliases } from './aliases.js';
import { Tags } from './tags.js';
import { ActivityDefinitions } from './activities.js';
import { MapRuns } from './map-runs.js';
import { ExecutionExtrasTable } from './executions.js';

export type { VersionRecord } from './versions.js';
export type { AliasRecord, RoutingEntry } from './aliases.js';
export type { Tag } from './tags.js';
export type { ActivityRecord } from './activities.js';
export type { MapRunView, MapRunCounts, MapRunLimits, MapRunStatus } from './map-runs.js';
export type { ExecutionExtras } from './executions.js';

export interface MachineExtras {
  /** epoch ms of the last UpdateStateMachine that changed it */
  updateDate?: number;
  encryptionConfiguration?: unknown;
}

export class Registry {
  readonly versions = new Versions();
  readonly aliases = new Aliases();
  readonly tags = new Tags();
  readonly activities = new ActivityDefinitions();
  readonly mapRuns = new MapRuns();
  readonly executions = new ExecutionExtrasTable();
  /** what a state machine record does not hold, by state machine ARN */
  readonly machines = new Map<string, MachineExtras>();
}
