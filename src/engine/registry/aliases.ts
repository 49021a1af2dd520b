// State machine aliases (AWS "Step Functions state machine aliases"): a
// name that routes executions to one or two versions by weight.

export interface RoutingEntry {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

export interface AliasRecord {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  description?: string;
  routingConfiguration: readonly RoutingEntry[];
  readonly creationDate: number;
  updateDate: number;
}

export class Aliases {
  private readonly byArn = new Map<string, AliasRecord>();

  constructor(private readonly changed: () => void = () => {}) {}

  dump(): unknown { return [...this.byArn.values()]; }
  load(data: unknown): void { for (const a of (data ?? []) as AliasRecord[]) this.byArn.set(a.arn, a); }

  /** stores a new or updated alias */
  put(rec: AliasRecord): void { this.byArn.set(rec.arn, rec); this.changed(); }
  get(arn: string): AliasRecord | undefined { return this.byArn.get(arn); }
  delete(arn: string): void { this.byArn.delete(arn); this.changed(); }

  /** oldest first, as AWS returns them */
  list(stateMachineArn: string): AliasRecord[] {
    return [...this.byArn.values()].filter((a) => a.stateMachineArn === stateMachineArn).sort((a, b) => a.creationDate - b.creationDate);
  }

  /** aliases that route to a version */
  referencing(versionArn: string): AliasRecord[] {
    return [...this.byArn.values()].filter((a) => a.routingConfiguration.some((r) => r.stateMachineVersionArn === versionArn));
  }

  deleteAll(stateMachineArn: string): void {
    for (const a of this.list(stateMachineArn)) this.byArn.delete(a.arn);
    this.changed();
  }

  /** picks the version an execution started on the alias runs (weighted, `draw` uniform in [0, 1)) */
  route(alias: AliasRecord, draw: number): string {
    let acc = 0;
    const point = draw * 100;
    for (const r of alias.routingConfiguration) {
      acc += r.weight;
      if (point < acc) return r.stateMachineVersionArn;
    }
    return alias.routingConfiguration[alias.routingConfiguration.length - 1]!.stateMachineVersionArn;
  }
}
