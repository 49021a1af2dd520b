// Nested workflows: `arn:aws:states:::states:startExecution` (starts the
// child and returns at once), `.sync` (waits; Input and Output as JSON text),
// `.sync:2` (waits; Input and Output as JSON). `.waitForTaskToken` is the
// plain call followed by a wait for the token (see ../index.ts).
// Recorded shapes: shared/conformance cases `callback/test_callback/test_start_execution_sync*`.
import { randomUUID } from 'node:crypto';
import type { ChildDescription, EngineCalls, Invocation, LateOutcome, Outcome, TaskCtx } from '../outcome.js';
import { V1_SERVICE } from '../aws/errors.js';

/** The error a StartExecution call failed with (the API's exception code and message). */
interface ApiFailure { readonly code: string; readonly message: string; readonly status?: number }

function isApiFailure(e: unknown): e is ApiFailure {
  return typeof e === 'object' && e !== null && typeof (e as ApiFailure).code === 'string' && typeof (e as ApiFailure).message === 'string';
}

function childInput(input: unknown): string | undefined {
  if (input === undefined || input === null) return undefined;
  return typeof input === 'string' ? input : JSON.stringify(input);
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try { return JSON.parse(text); } catch { return text; }
}

function httpMetadata(requestId: string, length: number): Record<string, unknown> {
  const date = new Date().toUTCString();
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: { 'x-amzn-RequestId': [requestId], connection: ['keep-alive'], 'Content-Length': [String(length)], Date: [date], 'Content-Type': ['application/x-amz-json-1.0'] },
      HttpHeaders: { connection: 'keep-alive', 'Content-Length': String(length), 'Content-Type': 'application/x-amz-json-1.0', Date: date, 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** DescribeExecution of the child as `.sync` (`asJson` false) or `.sync:2` (true) return it. */
export function describeChild(arn: string, d: ChildDescription, asJson: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ExecutionArn: arn, Input: asJson ? parsed(d.inputText) : d.inputText, InputDetails: { Included: true }, Name: d.name,
  };
  if (d.status === 'SUCCEEDED') { out.Output = asJson ? parsed(d.output) : d.output; out.OutputDetails = { Included: true }; }
  out.StartDate = d.startDate;
  out.StateMachineArn = d.stateMachineArn;
  out.Status = d.status;
  if (d.stopDate !== undefined) out.StopDate = d.stopDate;
  if (d.error !== undefined) out.Error = d.error;
  if (d.cause !== undefined) out.Cause = d.cause;
  return out;
}

export async function invokeStartExecution(inv: Invocation, ctx: TaskCtx, late: LateOutcome | undefined): Promise<Outcome> {
  const engine: EngineCalls | undefined = ctx.engine;
  if (!engine) return { kind: 'failure', error: 'States.Runtime', cause: 'Nested executions are not available in this server' };
  const p = (inv.parameters ?? {}) as Record<string, unknown>;
  const action = inv.resource.split(':').slice(6).join(':');
  const sync = action.endsWith('.sync') ? 'json-text' : action.endsWith('.sync:2') ? 'json' : undefined;
  // started before a restart (its TaskSubmitted was written): the same child is waited for, none is started again
  const resumed = sync ? startedChild(inv.submitted) : undefined;
  if (sync && resumed) {
    awaitChild(engine, resumed, sync, inv, ctx, late);
    return { kind: 'pending' };
  }
  let started: { executionArn: string; startDate: number };
  try {
    started = await engine.startExecution({
      stateMachineArn: String(p.StateMachineArn ?? ''), name: typeof p.Name === 'string' ? p.Name : undefined,
      input: childInput(p.Input), parentExecutionArn: ctx.executionArn,
    });
  } catch (e) {
    if (!isApiFailure(e)) throw e;
    const name = e.code.endsWith('Exception') ? e.code : `${e.code}Exception`;
    return {
      kind: 'failure', error: `StepFunctions.${name}`,
      cause: `${e.message} (Service: ${V1_SERVICE.StepFunctions}; Status Code: ${e.status ?? 400}; Error Code: ${e.code}; Request ID: ${randomUUID()}; Proxy: null)`,
    };
  }
  const response = { ExecutionArn: started.executionArn, StartDate: started.startDate };
  const output = { ...response, ...httpMetadata(randomUUID(), JSON.stringify(response).length) };
  if (!sync) return { kind: 'success', output };
  awaitChild(engine, started.executionArn, sync, inv, ctx, late);
  return { kind: 'pending', submitted: output };
}

/** the child a `.sync` call started, from what the call answered (its TaskSubmitted output) */
function startedChild(submitted: unknown): string | undefined {
  const arn = typeof submitted === 'object' && submitted !== null ? (submitted as { ExecutionArn?: unknown }).ExecutionArn : undefined;
  return typeof arn === 'string' ? arn : undefined;
}

/** the child's end, delivered after the engine has written TaskSubmitted; stopping the task stops the child */
function awaitChild(engine: EngineCalls, child: string, sync: 'json' | 'json-text', inv: Invocation, ctx: TaskCtx, late: LateOutcome | undefined): void {
  void (async () => {
    const onAbort = (): void => engine.stopExecution(child);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const d = await engine.whenDone(child);
    ctx.signal.removeEventListener('abort', onAbort);
    await new Promise((r) => setImmediate(r));
    if (ctx.signal.aborted) return;
    const described = describeChild(child, d, sync === 'json');
    late?.(ctx.executionArn, inv.taskId, d.status === 'SUCCEEDED'
      ? { kind: 'success', output: described }
      : { kind: 'failure', error: 'States.TaskFailed', cause: JSON.stringify(described) });
  })().catch((e: unknown) => {
    late?.(ctx.executionArn, inv.taskId, { kind: 'failure', error: 'States.TaskFailed', cause: String(e) });
  });
}
