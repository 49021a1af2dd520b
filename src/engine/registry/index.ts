// The API's bookkeeping besides state machines and executions: versions,
// aliases, tags, activities, map runs. Read from process memory; every change
// marks it dirty, and the engine writes it to the store as one document
// before the API answers (saveRegistry). Map run limits are not kept.
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

/** A Map that reports its changes. */
class ChangeMap<K, V> extends Map<K, V> {
  constructor(private readonly changed: () => void) { super(); }
  override set(k: K, v: V): this { super.set(k, v); this.changed?.(); return this; }
  override delete(k: K): boolean { const r = super.delete(k); this.changed(); return r; }
}

export class Registry {
  /** changed since it was last written */
  dirty = false;
  private readonly mark = (): void => { this.dirty = true; };
  readonly versions = new Versions(this.mark);
  readonly aliases = new Aliases(this.mark);
  readonly tags = new Tags(this.mark);
  readonly activities = new ActivityDefinitions(this.mark);
  readonly mapRuns = new MapRuns();
  readonly executions = new ExecutionExtrasTable(this.mark);
  /** what a state machine record does not hold, by state machine ARN */
  readonly machines: Map<string, MachineExtras> = new ChangeMap(this.mark);

  dump(): string {
    return JSON.stringify({
      versions: this.versions.dump(), aliases: this.aliases.dump(), tags: this.tags.dump(), activities: this.activities.dump(),
      executions: this.executions.dump(), machines: [...this.machines],
    });
  }

  load(text: string): void {
    const d = JSON.parse(text) as Record<string, unknown>;
    this.versions.load(d.versions);
    this.aliases.load(d.aliases);
    this.tags.load(d.tags);
    this.activities.load(d.activities);
    this.executions.load(d.executions);
    for (const [arn, x] of (d.machines ?? []) as [string, MachineExtras][]) Map.prototype.set.call(this.machines, arn, x);
    this.dirty = false;
  }
}
