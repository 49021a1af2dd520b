// The functions Step Functions adds to JSONata ("Transforming data with
// JSONata in Step Functions", "Functions provided by Step Functions").
import { StatesError } from '../../errors/states-error.js';
import { statesHash } from '../../intrinsics/hash.js';
import { JavaRandom } from '../../intrinsics/java-random.js';

interface Env { uuid(): string; random(): number }

/** A Step Functions function refused its arguments; the expression's error names it, as JSONata's own errors. */
export class FunctionArgumentError extends Error {}

function fail(message: string): never {
  throw new FunctionArgumentError(message);
}

export function STEP_FUNCTIONS_FUNCTIONS(env: Env): Record<string, unknown> {
  return {
    partition(array: unknown, size: unknown): unknown[] {
      if (!Array.isArray(array)) fail('The first argument of $partition must be an array');
      if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) fail('The second argument of $partition must be a positive integer');
      const out: unknown[] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    range(start: unknown, end: unknown, step: unknown): number[] | number {
      if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number' || step === 0) fail('$range expects three numbers and a non-zero step');
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > 1000) fail('$range produced more than 1000 items');
      }
      // a JSONata sequence of one item is that item
      return out.length === 1 ? out[0]! : out;
    },
    hash(data: unknown, algorithm: unknown): string {
      try {
        return statesHash([data, algorithm]);
      } catch (e) {
        if (e instanceof StatesError) fail(`$hash: ${(e.cause ?? '').replace(/^Invalid arguments in States\.Hash: /, '')}`);
        throw e;
      }
    },
    random(seed?: unknown): number {
      if (seed === undefined) return env.random();
      if (typeof seed !== 'number' || !Number.isInteger(seed)) fail('The seed of $random must be an integer');
      // java.util.Random.nextDouble(): (next(26) << 27 | next(27)) / 2^53; nextInt(2^k) is next(k)
      const r = new JavaRandom(BigInt(seed));
      return (r.nextInt(1 << 26) * 2 ** 27 + r.nextInt(1 << 27)) / 2 ** 53;
    },
    uuid(): string {
      return env.uuid();
    },
    parse(text: unknown): unknown {
      if (typeof text !== 'string') fail('The argument of $parse must be a string');
      try { return JSON.parse(text); } catch { return fail(`The argument of $parse is not valid JSON: ${text}`); }
    },
    // "$eval is not available" (AWS, JSONata in Step Functions): calling it is
    // calling a name that is no function, JSONata's T1006 as for any unknown one
    eval: false,
  };
}
