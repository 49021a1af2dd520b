import { variableReferences } from '../asl/index.js';
import { type ApiContext, type Operation, seconds } from './context.js';
import { parseMachineArn } from './arns.js';
import { DEFAULT_ENCRYPTION, DEFAULT_LOGGING, DEFAULT_TRACING, findMachine, machineDoesNotExist } from './machines.js';
import { optionalEnum } from './validation.js';
import type { StateMachineRecord } from '../engine/engine.js';
import type { VersionRecord } from '../engine/registry/index.js';

/** DescribeStateMachine's `variableReferences`: the workflow variables each state reads (absent when none do). */
export function variableReferencesOf(ctx: ApiContext, definition: string, type: 'STANDARD' | 'EXPRESS'): Record<string, unknown> {
  const refs = variableReferences(ctx.engine.program(definition, type));
  return Object.keys(refs).length ? { variableReferences: refs } : {};
}

export function describeMachine(ctx: ApiContext, sm: StateMachineRecord): Record<string, unknown> {
  return {
    stateMachineArn: sm.arn, name: sm.name, status: sm.status, definition: sm.definition, roleArn: sm.roleArn, type: sm.type,
    creationDate: seconds(sm.creationDate),
    loggingConfiguration: sm.loggingConfiguration ?? DEFAULT_LOGGING,
    tracingConfiguration: sm.tracingConfiguration ?? DEFAULT_TRACING,
    revisionId: sm.revisionId,
    ...(sm.description !== undefined ? { description: sm.description } : {}),
    encryptionConfiguration: ctx.engine.registry.machines.get(sm.arn)?.encryptionConfiguration ?? DEFAULT_ENCRYPTION,
    ...variableReferencesOf(ctx, sm.definition, sm.type),
  };
}

/** A version described as AWS describes it: the state machine as it was, under the version's ARN. */
export function describeVersion(ctx: ApiContext, v: VersionRecord): Record<string, unknown> {
  return {
    stateMachineArn: v.arn, name: v.name, status: 'ACTIVE', definition: v.definition, roleArn: v.roleArn, type: v.type,
    creationDate: seconds(v.creationDate),
    loggingConfiguration: v.loggingConfiguration ?? DEFAULT_LOGGING,
    tracingConfiguration: v.tracingConfiguration ?? DEFAULT_TRACING,
    revisionId: v.revisionId,
    ...(v.description !== undefined ? { description: v.description } : {}),
    encryptionConfiguration: ctx.engine.registry.machines.get(v.stateMachineArn)?.encryptionConfiguration ?? DEFAULT_ENCRYPTION,
    ...variableReferencesOf(ctx, v.definition, v.type),
  };
}

export const DescribeStateMachine: Operation = async (ctx, input) => {
  const ref = parseMachineArn(input.stateMachineArn);
  optionalEnum(input, 'includedData', ['ALL_DATA', 'METADATA_ONLY']);
  const sm = await findMachine(ctx, ref.machineArn);
  if (!sm || ref.kind === 'alias') throw machineDoesNotExist(input.stateMachineArn);
  if (ref.kind === 'version') {
    const v = ctx.engine.registry.versions.get(input.stateMachineArn);
    if (!v) throw machineDoesNotExist(input.stateMachineArn);
    return describeVersion(ctx, v);
  }
  return describeMachine(ctx, sm);
};
