/** A JSONPath that does not compile; `reason` says what is wrong, for definition diagnostics. */
export class JsonPathSyntaxError extends Error {
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`Invalid JSONPath '${path}': ${reason}`);
    this.name = 'JsonPathSyntaxError';
    this.path = path;
    this.reason = reason;
  }
}
