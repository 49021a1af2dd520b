import { type Operation, now, seconds } from './context.js';
import { executionLineage, executionOrThrow, executionOutcome, redriveStatus } from './executions.js';
import { optionalEnum } from './validation.js';

export const DescribeExecution: Operation = async (ctx, input) => {
  const rec = await executionOrThrow(ctx, input.executionArn);
  optionalEnum(input, 'includedData', ['ALL_DATA', 'METADATA_ONLY']);
  return {
    executionArn: rec.executionArn, stateMachineArn: rec.stateMachineArn, name: rec.name, status: rec.status,
    startDate: seconds(rec.startDate), input: rec.inputText, inputDetails: { included: true },
    ...executionOutcome(rec),
    ...executionLineage(ctx, rec),
    ...redriveStatus(rec, now(ctx)),
  };
};
