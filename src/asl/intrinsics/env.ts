/** What an intrinsic needs from the interpreter; the interpreter supplies it. */
export interface IntrinsicEnv {
  /**
   * Value of a path argument (`$`, `$.a.b[0]`, `$$.Execution.Id`, `$var.x`).
   * Throws the StatesError AWS raises when the path matches nothing.
   */
  resolvePath(path: string): unknown;
  /** a fresh version 4 UUID, for States.UUID */
  uuid(): string;
  /** a number in [0, 1), for States.MathRandom without a seed */
  random(): number;
}
