// ARN shapes of Step Functions resources, and AWS's answers to bad ones.
import { ApiError } from './errors.js';

export interface ArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly resourceType: string;
  readonly rest: readonly string[];
}

const ARN = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):([A-Za-z]+):(.+)$/;

export function invalidArn(arn: unknown, resourceType?: string): ApiError {
  const text = String(arn);
  if (!text.startsWith('arn:')) return new ApiError('InvalidArn', `Invalid Arn: 'Invalid ARN prefix: ${text}'`);
  if (resourceType) return new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${resourceType}'`);
  return new ApiError('InvalidArn', `Invalid Arn: 'Invalid ARN: ${text}'`);
}

export function parseArn(arn: unknown, expected: readonly string[]): ArnParts {
  if (typeof arn !== 'string') throw invalidArn(arn);
  const m = ARN.exec(arn);
  if (!m) throw invalidArn(arn);
  if (!expected.includes(m[4]!)) throw invalidArn(arn, m[4]);
  return { partition: m[1]!, region: m[2]!, account: m[3]!, resourceType: m[4]!, rest: m[5]!.split(':') };
}

/** A state machine ARN, possibly qualified by a version number or an alias name. */
export interface MachineRef {
  readonly kind: 'machine' | 'version' | 'alias';
  /** the unqualified state machine ARN */
  readonly machineArn: string;
  readonly name: string;
  readonly qualifier?: string;
}

export function parseMachineArn(arn: unknown): MachineRef {
  const p = parseArn(arn, ['stateMachine']);
  if (p.rest.length > 2 || !p.rest[0]) throw invalidArn(arn);
  const machineArn = `arn:${p.partition}:states:${p.region}:${p.account}:stateMachine:${p.rest[0]}`;
  const qualifier = p.rest[1];
  if (qualifier === undefined) return { kind: 'machine', machineArn, name: p.rest[0] };
  if (qualifier === '') throw invalidArn(arn);
  return { kind: /^\d+$/.test(qualifier) ? 'version' : 'alias', machineArn, name: p.rest[0], qualifier };
}

/** AWS name rules for state machines, executions, activities (and their 80-character limit). */
export function checkName(name: unknown, max = 80): string {
  if (typeof name !== 'string' || name.length < 1 || name.length > max
    || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name) || [...name].some((ch) => ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f))) {
    throw new ApiError('InvalidName', `Invalid Name: '${String(name)}'`);
  }
  return name;
}
