// Alias request checks shared by Create/UpdateStateMachineAlias (AWS API
// reference: alias names, RoutingConfigurationListItem).
import { ApiError } from './errors.js';
import { parseMachineArn } from './arns.js';
import type { ApiContext } from './context.js';
import { constraintError, violation } from './validation.js';
import { resourceNotFound } from './machines.js';
import type { RoutingEntry } from '../engine/registry/index.js';

const ALIAS_NAME = '^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$';

export function checkAliasName(name: unknown): string {
  if (name === undefined || name === null) throw constraintError([violation.notNull('name')]);
  if (typeof name !== 'string') throw new ApiError('SerializationException', "Expected a string for 'name'");
  const problems: string[] = [];
  if (name.length > 80) problems.push(violation.maxLength('name', name, 80));
  if (name.length < 1) problems.push(violation.minLength('name', name, 1));
  if (!new RegExp(ALIAS_NAME).test(name)) problems.push(violation.pattern('name', name, ALIAS_NAME));
  if (problems.length) throw constraintError(problems);
  return name;
}

/** Validates a routing configuration: one or two existing versions of one state machine, weights summing to 100. */
export function checkRouting(ctx: ApiContext, raw: unknown): { machineArn: string; routing: RoutingEntry[] } {
  if (raw === undefined || raw === null) throw constraintError([violation.notNull('routingConfiguration')]);
  if (!Array.isArray(raw)) throw new ApiError('SerializationException', "Expected a list for 'routingConfiguration'");
  if (raw.length < 1) throw constraintError([violation.minLength('routingConfiguration', raw, 1)]);
  if (raw.length > 2) throw constraintError([violation.maxLength('routingConfiguration', raw, 2)]);
  const arns = raw.map((r) => r?.stateMachineVersionArn);
  const refs = arns.map((a) => {
    try { return parseMachineArn(a); } catch { return undefined; }
  });
  if (refs.some((r) => r?.kind !== 'version')) {
    throw new ApiError('ValidationException', `Routing configuration must contain state machine version ARNs. Received: [${arns.join(', ')}]`);
  }
  if (new Set(arns).size !== arns.length) {
    throw new ApiError('ValidationException', `Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(', ')}]`);
  }
  const machineArn = refs[0]!.machineArn;
  if (refs.some((r) => r!.machineArn !== machineArn)) {
    throw new ApiError('ValidationException', `Routing configuration must contain state machine version ARNs of the same state machine. Received: [${arns.join(', ')}]`);
  }
  const weights = raw.map((r) => r?.weight);
  const problems: string[] = [];
  weights.forEach((w, i) => {
    if (!Number.isInteger(w)) problems.push(violation.notNull(`routingConfiguration.${i + 1}.member.weight`));
    else if (w < 0) problems.push(violation.min(`routingConfiguration.${i + 1}.member.weight`, w, 0));
    else if (w > 100) problems.push(violation.max(`routingConfiguration.${i + 1}.member.weight`, w, 100));
  });
  if (problems.length) throw constraintError(problems);
  if (weights.reduce((a, b) => a + b, 0) !== 100) {
    throw new ApiError('ValidationException', `Sum of routing configuration weights must be equal to 100. Received: [${weights.join(', ')}]`);
  }
  for (const a of arns) if (!ctx.engine.registry.versions.get(a)) throw resourceNotFound();
  return { machineArn, routing: raw.map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn, weight: r.weight })) };
}

export function checkAliasArn(arn: unknown): string {
  const ref = parseMachineArn(arn);
  if (ref.kind !== 'alias') throw new ApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`);
  return String(arn);
}
