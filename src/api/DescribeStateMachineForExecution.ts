import { type Operation, seconds } from './context.js';
import { executionOrThrow } from './executions.js';
import { DEFAULT_ENCRYPTION, DEFAULT_LOGGING, DEFAULT_TRACING } from './machines.js';
import { optionalEnum } from './validation.js';
import { variableReferencesOf } from './DescribeStateMachine.js';

// The state machine as the execution runs it: the definition and role it started with.
export const DescribeStateMachineForExecution: Operation = async (ctx, input) => {
  optionalEnum(input, 'includedData', ['ALL_DATA', 'METADATA_ONLY']);
  const rec = await executionOrThrow(ctx, input.executionArn);
  const reg = ctx.engine.registry;
  const version = reg.versions.get(reg.executions.get(rec.executionArn).stateMachineVersionArn ?? '');
  const sm = await ctx.engine.getStateMachine(rec.stateMachineArn);
  const extras = reg.machines.get(rec.stateMachineArn);
  const updateDate = version?.creationDate ?? extras?.updateDate ?? sm?.creationDate ?? rec.startDate;
  return {
    stateMachineArn: rec.stateMachineArn, name: rec.state.info.stateMachineName, definition: rec.definition, roleArn: rec.state.info.roleArn,
    updateDate: seconds(updateDate),
    loggingConfiguration: (version ?? sm)?.loggingConfiguration ?? DEFAULT_LOGGING,
    tracingConfiguration: (version ?? sm)?.tracingConfiguration ?? DEFAULT_TRACING,
    ...(version ? { revisionId: version.revisionId } : sm && sm.definition === rec.definition ? { revisionId: sm.revisionId } : {}),
    encryptionConfiguration: extras?.encryptionConfiguration ?? DEFAULT_ENCRYPTION,
    ...variableReferencesOf(ctx, rec.definition, rec.state.info.type),
  };
};
