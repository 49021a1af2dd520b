// Typed view of an ASL definition (https://states-language.net/spec.html).
// Field names keep the ASL spelling, camel-cased.

export type QueryLanguage = 'JSONPath' | 'JSONata';
export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface Retrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds?: number;
  readonly jitterStrategy: 'FULL' | 'NONE';
  readonly comment?: string;
}

export interface Catcher {
  readonly errorEquals: readonly string[];
  readonly next: string;
  /** JSONPath ResultPath; undefined means "$" (the spec default) */
  readonly resultPath?: string | null;
  readonly output?: unknown;
  readonly assign?: unknown;
}

/** One `States` container: the top level, a Parallel branch or a Map processor. */
export interface Scope {
  /** key of this scope in Program.scopes: "" for the top level */
  readonly key: string;
  readonly startAt: string;
  readonly states: ReadonlyMap<string, StateDef>;
  readonly queryLanguage: QueryLanguage;
}

export interface StateDef {
  readonly name: string;
  readonly type: StateType;
  readonly scopeKey: string;
  readonly queryLanguage: QueryLanguage;
  /** the state's JSON as written */
  readonly raw: Readonly<Record<string, any>>;
  readonly next?: string;
  readonly end: boolean;
  readonly retry: readonly Retrier[];
  readonly catch: readonly Catcher[];
  /** Parallel: scope keys of the branches; Map: the scope key of the item processor */
  readonly branches: readonly string[];
  readonly processor?: string;
  /** Choice */
  readonly choices?: readonly unknown[];
  readonly default?: string;
}

export interface Program {
  readonly root: Scope;
  readonly scopes: ReadonlyMap<string, Scope>;
  readonly timeoutSeconds?: number;
  readonly queryLanguage: QueryLanguage;
  readonly comment?: string;
  /** parsed Choice rules and other per-state compiled data, by scopeKey + "\u0000" + state name */
  readonly compiled: ReadonlyMap<string, unknown>;
  readonly raw: Readonly<Record<string, any>>;
  /** the definition uses JSONata or workflow variables (features of November 2024) */
  readonly usesVariablesOrJsonata?: boolean;
}

export function stateKey(scopeKey: string, name: string): string {
  return scopeKey + '\u0000' + name;
}
