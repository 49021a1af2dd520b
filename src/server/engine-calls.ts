// What task integrations may ask of the engine: nested executions
// (states:startExecution), started through the API's own StartExecution so
// that names, inputs and errors are exactly the API's.
import { textOf } from '../asl/index.js';
import type { Engine } from '../engine/engine.js';
import type { EngineCalls } from '../engine/task-runner.js';
import type { ApiContext } from '../api/context.js';
import { startFor } from '../api/StartExecution.js';

export function engineCalls(ctx: ApiContext): EngineCalls {
  const engine: Engine = ctx.engine;
  return {
    async startExecution(args) {
      const rec = await startFor(ctx, { stateMachineArn: args.stateMachineArn, name: args.name, input: args.input }, false);
      return { executionArn: rec.executionArn, startDate: rec.startDate };
    },
    async whenDone(executionArn) {
      const rec = await engine.whenDone(executionArn);
      return {
        status: rec.status, output: textOf(rec.outputText), error: rec.error, cause: rec.cause, startDate: rec.startDate,
        stopDate: rec.stopDate, stateMachineArn: rec.stateMachineArn, name: rec.name, inputText: rec.inputText,
      };
    },
    stopExecution(executionArn, error, cause) {
      void engine.stop(executionArn, error, cause);
    },
  };
}
