// The 18 intrinsic functions of Amazon States Language (AWS developer guide,
// "Intrinsic functions for JSONPath states"), with their argument counts.

import type { IntrinsicEnv } from './env.js';
import type { IntrinsicCall } from './parser.js';
import * as array from './array.js';
import * as encoding from './encoding.js';
import { statesHash } from './hash.js';
import * as json from './json.js';
import * as math from './math.js';
import * as string from './string.js';
import { statesUuid } from './uuid.js';

export interface IntrinsicSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** static checks beyond the argument count; throws IntrinsicSyntaxError */
  readonly check?: (call: IntrinsicCall) => void;
  readonly evaluate: (args: unknown[], call: IntrinsicCall, env: IntrinsicEnv) => unknown;
}

const spec = (
  minArgs: number,
  maxArgs: number,
  evaluate: IntrinsicSpec['evaluate'],
  check?: IntrinsicSpec['check'],
): IntrinsicSpec => ({ minArgs, maxArgs, evaluate, check });

export const INTRINSICS: ReadonlyMap<string, IntrinsicSpec> = new Map<string, IntrinsicSpec>([
  // generic
  ['States.Format', spec(1, Infinity, string.statesFormat, string.checkFormat)],
  // JSON manipulation
  ['States.StringToJson', spec(1, 1, json.statesStringToJson)],
  ['States.JsonToString', spec(1, 1, json.statesJsonToString)],
  ['States.JsonMerge', spec(3, 3, json.statesJsonMerge)],
  // arrays
  ['States.Array', spec(0, Infinity, array.statesArray)],
  ['States.ArrayPartition', spec(2, 2, array.statesArrayPartition)],
  ['States.ArrayContains', spec(2, 2, array.statesArrayContains)],
  ['States.ArrayRange', spec(3, 3, array.statesArrayRange)],
  ['States.ArrayGetItem', spec(2, 2, array.statesArrayGetItem)],
  ['States.ArrayLength', spec(1, 1, array.statesArrayLength)],
  ['States.ArrayUnique', spec(1, 1, array.statesArrayUnique)],
  // encoding and decoding
  ['States.Base64Encode', spec(1, 1, encoding.statesBase64Encode)],
  ['States.Base64Decode', spec(1, 1, encoding.statesBase64Decode)],
  // hash calculation
  ['States.Hash', spec(2, 2, statesHash)],
  // math
  ['States.MathRandom', spec(2, 3, math.statesMathRandom)],
  ['States.MathAdd', spec(2, 2, math.statesMathAdd)],
  // string operation
  ['States.StringSplit', spec(2, 2, string.statesStringSplit)],
  // unique id generation
  ['States.UUID', spec(0, 0, statesUuid)],
]);
