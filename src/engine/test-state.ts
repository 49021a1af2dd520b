// TestState: one state through the pure interpreter (asl/test-state), with
// the one task call an unmocked Task needs made through the engine's task
// runner, as an execution would make it.
import { randomUUID } from 'node:crypto';
import {
  PreparedTestState, prepareTestState, type TaskOutcome, type TestStateProblem, type TestStateRequest, type TestStateResult,
} from '../asl/test-state/test-state.js';
import type { Engine } from './engine.js';

export type { TestStateProblem, TestStateRequest, TestStateResult } from '../asl/test-state/test-state.js';

export async function testState(engine: Engine, req: TestStateRequest): Promise<TestStateResult | TestStateProblem> {
  const prepared = prepareTestState(req, { now: engine.opts.clock.now(), uuid: randomUUID, random: Math.random });
  if (!(prepared instanceof PreparedTestState)) return prepared;
  const inv = prepared.invocation;
  let outcome: TaskOutcome | undefined;
  if (inv) {
    const info = prepared.info;
    try {
      const r = await engine.opts.tasks.invoke(inv, {
        executionArn: info.executionArn, stateMachineArn: info.stateMachineArn, region: info.region, account: info.account,
        signal: new AbortController().signal, cancelled: false, taskToken: inv.taskToken, engine: engine.engineCalls,
      });
      outcome = r.kind === 'pending'
        ? { kind: 'failure', error: 'States.Runtime', cause: 'TestState does not wait for a task token: mock the result of this state to test it' }
        : r.kind === 'success' ? { kind: 'success', output: r.output } : { kind: 'failure', error: r.error, cause: r.cause };
    } catch (e) {
      outcome = { kind: 'failure', error: 'States.TaskFailed', cause: String(e) };
    }
  }
  return prepared.finish(outcome);
}
