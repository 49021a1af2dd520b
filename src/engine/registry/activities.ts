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

  put(rec: ActivityRecord): void { this.byArn.set(rec.arn, rec); }
  get(arn: string): ActivityRecord | undefined { return this.byArn.get(arn); }
  has(arn: string): boolean { return this.byArn.has(arn); }
  delete(arn: string): void { this.byArn.delete(arn); }
  list(): ActivityRecord[] { return [...this.byArn.values()]; }
}
