// Resource mapping: ARNs written in a definition (CDK/SAM synthesized ones
// with account ids, generated suffixes and `${Token}` placeholders) mapped to
// what runs locally, so synthesized definitions run unchanged. Patterns are
// exact strings or globs (`*` matches any run of characters); the first that
// matches wins. A target is a local function name, or any ARN/resource.

export type ResourceMapping = Readonly<Record<string, string>>;

function globRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export class ResourceMap {
  private readonly rules: { test: (s: string) => boolean; target: string }[];

  constructor(mapping: ResourceMapping = {}, private readonly region = 'us-east-1', private readonly account = '123456789012') {
    this.rules = Object.entries(mapping).map(([pattern, target]) => {
      if (!pattern.includes('*')) return { test: (s: string) => s === pattern, target };
      const re = globRegex(pattern);
      return { test: (s: string) => re.test(s), target };
    });
  }

  get empty(): boolean { return this.rules.length === 0; }

  /** The mapped target of `ref`, or `ref` itself. */
  lookup(ref: string): string {
    return this.rules.find((r) => r.test(ref))?.target ?? ref;
  }

  /** A Task's Resource after mapping: a bare function name becomes a Lambda function ARN. */
  resource(resource: string): string {
    const target = this.lookup(resource);
    if (target === resource || target.startsWith('arn:')) return target;
    return `arn:aws:lambda:${this.region}:${this.account}:function:${target}`;
  }
}
