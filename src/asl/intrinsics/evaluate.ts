import { IntrinsicSyntaxError } from './errors.js';
import type { IntrinsicEnv } from './env.js';
import { parseIntrinsic, type IntrinsicArgument, type IntrinsicCall } from './parser.js';
import { INTRINSICS } from './registry.js';

/** Evaluates an intrinsic call; runtime failures throw StatesError, a malformed call IntrinsicSyntaxError. */
export function evaluateIntrinsic(text: string, env: IntrinsicEnv): unknown {
  return evaluateCall(parseIntrinsic(text), env);
}

export function evaluateCall(call: IntrinsicCall, env: IntrinsicEnv): unknown {
  const args = call.args.map((arg) => evaluateArgument(arg, env));
  return INTRINSICS.get(call.name)!.evaluate(args, call, env);
}

function evaluateArgument(arg: IntrinsicArgument, env: IntrinsicEnv): unknown {
  switch (arg.kind) {
    case 'call':
      return evaluateCall(arg.call, env);
    case 'path':
      return env.resolvePath(arg.path);
    default:
      return arg.value;
  }
}

/** The syntax error in an intrinsic call, or undefined when it is valid. */
export function validateIntrinsic(text: string): string | undefined {
  try {
    parseIntrinsic(text);
    return undefined;
  } catch (e) {
    if (e instanceof IntrinsicSyntaxError) return e.message;
    throw e;
  }
}
