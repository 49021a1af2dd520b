// The compiled form of a JSONPath, one step per Jayway JsonPath path token
// (AWS Step Functions evaluates JSONPath with Jayway JsonPath).

export type PathFunctionName = 'length' | 'size' | 'min' | 'max' | 'avg' | 'stddev' | 'sum' | 'keys' | 'first' | 'last';

export type Step =
  /** `.name`, `['name']`, `['a','b']` (a multi-name leaf merges into one object) */
  | { readonly kind: 'property'; readonly names: readonly string[]; readonly quote: "'" | '"' }
  /** `[0]`, `[-1]`, `[0,2]` */
  | { readonly kind: 'index'; readonly indexes: readonly number[] }
  /** `[1:3]`, `[:2]`, `[-2:]`; Jayway ignores a third (step) part */
  | { readonly kind: 'slice'; readonly from: number | undefined; readonly to: number | undefined }
  /** `.*`, `[*]` */
  | { readonly kind: 'wildcard' }
  /** `..` (always followed by another step) */
  | { readonly kind: 'scan' }
  /** `[?(...)]` */
  | { readonly kind: 'filter'; readonly expr: FilterExpr }
  /** `.length()` and the other argument-less Jayway functions */
  | { readonly kind: 'function'; readonly name: PathFunctionName };

export interface ParsedPath {
  /** `$` the document root, `@` the current item (inside filters only) */
  readonly root: '$' | '@';
  readonly steps: readonly Step[];
  /** every step selects at most one value (Jayway's isDefinite) */
  readonly definite: boolean;
  /** upstreamDefinite[i]: every step before step i is definite */
  readonly upstreamDefinite: readonly boolean[];
}

export type RelationalOperator =
  | '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>=' | '=~'
  | 'in' | 'nin' | 'contains' | 'all' | 'size' | 'empty' | 'subsetof' | 'anyof' | 'noneof';

export type FilterExpr =
  | { readonly kind: 'or'; readonly items: readonly FilterExpr[] }
  | { readonly kind: 'and'; readonly items: readonly FilterExpr[] }
  | { readonly kind: 'not'; readonly item: FilterExpr }
  /** `@.isbn` (expected true) or `!@.isbn` (expected false) */
  | { readonly kind: 'exists'; readonly path: ParsedPath; readonly expected: boolean }
  | { readonly kind: 'compare'; readonly op: RelationalOperator; readonly left: Operand; readonly right: Operand };

export type Operand =
  | { readonly kind: 'path'; readonly path: ParsedPath }
  | { readonly kind: 'literal'; readonly value: FilterValue };

/** A value as Jayway's filter evaluators see it (its ValueNode kinds). */
export type FilterValue =
  | { readonly t: 'undefined' }
  | { readonly t: 'null' }
  | { readonly t: 'boolean'; readonly v: boolean }
  /** `s`: the number's text, used where Jayway compares a number as a string */
  | { readonly t: 'number'; readonly v: number; readonly s: string }
  | { readonly t: 'string'; readonly v: string }
  /** an object or array (a JSON literal, a document subtree, or an indefinite path's matches) */
  | { readonly t: 'json'; readonly v: unknown }
  | { readonly t: 'pattern'; readonly re: RegExp };

export function stepIsDefinite(step: Step, isLeaf: boolean): boolean {
  switch (step.kind) {
    case 'property': return step.names.length === 1 || isLeaf;
    case 'index': return step.indexes.length === 1;
    case 'function': return true;
    default: return false;
  }
}

export function makeParsedPath(root: '$' | '@', steps: readonly Step[]): ParsedPath {
  const upstreamDefinite: boolean[] = [];
  let definite = true;
  steps.forEach((step, i) => {
    upstreamDefinite.push(definite);
    definite = definite && stepIsDefinite(step, i === steps.length - 1);
  });
  // Jayway evaluates $..x.fn() as fn($..x): one value
  if (steps[0]?.kind === 'scan' && steps[steps.length - 1]?.kind === 'function') definite = true;
  return { root, steps, definite, upstreamDefinite };
}

/** Jayway's rendering of a path (PathToken.toString), as AWS quotes it: `$['a'][0][*]..['b'][?]`. */
export function formatPath(path: ParsedPath): string {
  let out: string = path.root;
  for (const step of path.steps) {
    switch (step.kind) {
      case 'property': out += '[' + step.names.map((n) => step.quote + n + step.quote).join(',') + ']'; break;
      case 'index': out += '[' + step.indexes.join(',') + ']'; break;
      case 'slice': out += `[${step.from ?? ''}:${step.to ?? ''}]`; break;
      case 'wildcard': out += '[*]'; break;
      case 'scan': out += '..'; break;
      case 'filter': out += '[?]'; break;
      case 'function': out += `.${step.name}()`; break;
    }
  }
  return out;
}
