// Resource tags (TagResource / UntagResource / ListTagsForResource), by ARN,
// in the order keys were first set.

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export class Tags {
  private readonly byResource = new Map<string, Map<string, string>>();

  constructor(private readonly changed: () => void = () => {}) {}

  dump(): unknown { return [...this.byResource].map(([arn, m]) => [arn, [...m]]); }
  load(data: unknown): void {
    for (const [arn, pairs] of (data ?? []) as [string, [string, string][]][]) this.byResource.set(arn, new Map(pairs));
  }

  list(resourceArn: string): Tag[] {
    return [...(this.byResource.get(resourceArn) ?? new Map<string, string>()).entries()].map(([key, value]) => ({ key, value }));
  }

  /** the number of tags the resource would carry after adding these */
  countAfter(resourceArn: string, tags: readonly Tag[]): number {
    const keys = new Set(this.byResource.get(resourceArn)?.keys() ?? []);
    for (const t of tags) keys.add(t.key);
    return keys.size;
  }

  add(resourceArn: string, tags: readonly Tag[]): void {
    let m = this.byResource.get(resourceArn);
    if (!m) this.byResource.set(resourceArn, (m = new Map()));
    for (const t of tags) m.set(t.key, t.value);
    this.changed();
  }

  remove(resourceArn: string, keys: readonly string[]): void {
    const m = this.byResource.get(resourceArn);
    if (m) for (const k of keys) m.delete(k);
    this.changed();
  }

  forget(resourceArn: string): void {
    this.byResource.delete(resourceArn);
    this.changed();
  }
}
