// ARN shapes of Step Functions resources.
import { ApiError } from './errors.js';

export interface ArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly resourceType: string;
  readonly rest: readonly string[];
}

const ARN = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):([A-Za-z]+):(.+)$/;

export function parseArn(arn: unknown, expected: readonly string[]): ArnParts {
  const m = typeof arn === 'string' ? ARN.exec(arn) : null;
  if (!m || !expected.includes(m[4]!)) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return { partition: m[1]!, region: m[2]!, account: m[3]!, resourceType: m[4]!, rest: m[5]!.split(':') };
}

/** AWS name rules for state machines, executions, activities, aliases. */
export function checkName(name: unknown, max = 80): string {
  if (typeof name !== 'string' || name.length < 1 || name.length > max
    || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name) || [...name].some((ch) => ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f))) {
    throw new ApiError('InvalidName', `Invalid Name: '${String(name)}'`);
  }
  return name;
}
