// State machine versions (AWS "Step Functions state machine versions"):
// immutable snapshots of a state machine's revision, numbered per state
// machine from 1; numbers are never reused after a version is deleted.
import type { StateMachineRecord } from '../../store/store.js';

export interface VersionRecord {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly version: number;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly roleArn: string;
  readonly revisionId: string;
  readonly description?: string;
  readonly creationDate: number;
  readonly loggingConfiguration?: unknown;
  readonly tracingConfiguration?: unknown;
}

interface Series {
  last: number;
  readonly versions: Map<number, VersionRecord>;
}

export class Versions {
  private readonly series = new Map<string, Series>();

  constructor(private readonly changed: () => void = () => {}) {}

  dump(): unknown {
    return [...this.series].map(([arn, s]) => ({ arn, last: s.last, versions: [...s.versions.values()] }));
  }

  load(data: unknown): void {
    for (const s of (data ?? []) as { arn: string; last: number; versions: VersionRecord[] }[]) {
      this.series.set(s.arn, { last: s.last, versions: new Map(s.versions.map((v) => [v.version, v])) });
    }
  }

  /**
   * Publishes the current revision. Publishing a revision that the newest
   * version already holds returns that version (AWS: publishing is idempotent).
   */
  publish(sm: StateMachineRecord, description: string | undefined, now: number): VersionRecord {
    let s = this.series.get(sm.arn);
    if (!s) this.series.set(sm.arn, (s = { last: 0, versions: new Map() }));
    const newest = this.list(sm.arn)[0];
    if (newest && newest.revisionId === sm.revisionId) return newest;
    const version = ++s.last;
    const rec: VersionRecord = {
      arn: `${sm.arn}:${version}`, stateMachineArn: sm.arn, version, name: sm.name, type: sm.type,
      definition: sm.definition, roleArn: sm.roleArn, revisionId: sm.revisionId, creationDate: now,
      loggingConfiguration: sm.loggingConfiguration, tracingConfiguration: sm.tracingConfiguration,
      ...(description !== undefined ? { description } : {}),
    };
    s.versions.set(version, rec);
    this.changed();
    return rec;
  }

  get(arn: string): VersionRecord | undefined {
    const i = arn.lastIndexOf(':');
    return this.series.get(arn.slice(0, i))?.versions.get(Number(arn.slice(i + 1)));
  }

  /** newest first */
  list(stateMachineArn: string): VersionRecord[] {
    const s = this.series.get(stateMachineArn);
    return s ? [...s.versions.values()].sort((a, b) => b.version - a.version) : [];
  }

  delete(arn: string): void {
    const v = this.get(arn);
    if (v) this.series.get(v.stateMachineArn)!.versions.delete(v.version);
    this.changed();
  }

  deleteAll(stateMachineArn: string): void {
    this.series.delete(stateMachineArn);
    this.changed();
  }
}
