import type { IntrinsicEnv } from './env.js';
import type { IntrinsicCall } from './parser.js';

/** States.UUID(): a version 4 UUID, drawn from the interpreter's env so replays are deterministic. */
export function statesUuid(_args: unknown[], _call: IntrinsicCall, env: IntrinsicEnv): string {
  return env.uuid();
}
