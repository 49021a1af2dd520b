// Intrinsic functions of Amazon States Language (JSONPath states only).

export type { IntrinsicEnv } from './env.js';
export { IntrinsicSyntaxError, INTRINSIC_RUNTIME_ERROR, invalidIntrinsicFieldMessage } from './errors.js';
export { evaluateCall, evaluateIntrinsic, validateIntrinsic } from './evaluate.js';
export { isIntrinsicCall, parseIntrinsic, type IntrinsicArgument, type IntrinsicCall } from './parser.js';
export { INTRINSICS } from './registry.js';
