// Activity definitions (CreateActivity / DescribeActivity / ListActivities /
// DeleteActivity). The task queue that workers poll is ../activities.ts.

export interface ActivityRecord {
  readonly arn: string;
  readonly name: string;
  readonly creationDate: number;
  readonly encryptionConfiguration?: unknown;
}

export class ActivityDefinitions {
  private readonly byArn = new Map<string, ActivityRecord>();

  constructor(private readonly changed: () => void = () => {}) {}

  dump(): unknown { return [...this.byArn.values()]; }
  load(data: unknown): void { for (const a of (data ?? []) as ActivityRecord[]) this.byArn.set(a.arn, a); }

  put(rec: ActivityRecord): void { this.byArn.set(rec.arn, rec); this.changed(); }
  get(arn: string): ActivityRecord | undefined { return this.byArn.get(arn); }
  has(arn: string): boolean { return this.byArn.has(arn); }
  delete(arn: string): void { this.byArn.delete(arn); this.changed(); }
  list(): ActivityRecord[] { return [...this.byArn.values()]; }
}
