// What the execution record does not hold: the version or alias an
// execution was started through, and when it was last redriven.

export interface ExecutionExtras {
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  redriveDate?: number;
}

export class ExecutionExtrasTable {
  private readonly byArn = new Map<string, ExecutionExtras>();

  constructor(private readonly changed: () => void = () => {}) {}

  dump(): unknown { return [...this.byArn]; }
  load(data: unknown): void { for (const [arn, x] of (data ?? []) as [string, ExecutionExtras][]) this.byArn.set(arn, x); }

  get(executionArn: string): ExecutionExtras {
    return this.byArn.get(executionArn) ?? {};
  }

  set(executionArn: string, extras: ExecutionExtras): void {
    this.byArn.set(executionArn, extras);
    this.changed();
  }
}
