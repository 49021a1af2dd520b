// Lambda functions served from local handler modules: <dir>/<name>.mjs|.js|.ts
// exporting `handler(event, context)` (shared/conformance/README.md, "Lambda"),
// each invocation run in an isolated execution environment.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ExecutionEnvironments, type FunctionContext, type InvokeJob, type Isolation, type RuntimeReply } from './environments.js';
import { type LambdaBackend, type LambdaRequest, type LambdaResult, functionName, lambdaServiceCause } from './backend.js';
import { requestId as newRequestId } from './request-id.js';

const EXTENSIONS = ['.mjs', '.js', '.ts', '.cjs'];
/** Lambda keeps the last 4 KB of the log for LogType: Tail */
const LOG_TAIL_BYTES = 4096;
/** a function's file is looked up again after this long, so handlers added, renamed or removed while the server runs are seen */
const LOOKUP_TTL_MS = 1000;

interface Found {
  readonly file: string;
  readonly context: FunctionContext;
  readonly at: number;
}

export interface LocalFunctionOptions {
  readonly dir?: string;
  readonly region: string;
  readonly account: string;
  /** execution environments alive at once (default 32) */
  readonly concurrency?: number;
  readonly isolation?: Isolation;
  /** the function's own timeout (Lambda's Timeout setting; default 900 s, Lambda's maximum) */
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

export class LocalFunctions implements LambdaBackend {
  readonly environments: ExecutionEnvironments;
  /** handler files found, by function name (stat calls per invocation add up in a Map of thousands) */
  private readonly found = new Map<string, Found>();

  constructor(readonly opts: LocalFunctionOptions) {
    this.environments = new ExecutionEnvironments({
      concurrency: opts.concurrency ?? 32, isolation: opts.isolation ?? 'worker', memoryMb: opts.memoryMb,
    });
  }

  private find(name: string, now: number): Found | undefined {
    const known = this.found.get(name);
    if (known && now - known.at < LOOKUP_TTL_MS) return known;
    const file = this.lookup(name);
    if (!file) { this.found.delete(name); return undefined; }
    const context = known?.file === file ? known.context : {
      functionName: name, functionVersion: '$LATEST', invokedFunctionArn: this.functionArn(name),
      memoryLimitInMB: String(this.opts.memoryMb ?? 128), logGroupName: `/aws/lambda/${name}`,
    };
    const found = { file, context, at: now };
    this.found.set(name, found);
    return found;
  }

  private lookup(name: string): string | undefined {
    if (!this.opts.dir || !/^[A-Za-z0-9_.-]+$/.test(name)) return undefined;
    for (const ext of EXTENSIONS) {
      const p = resolve(join(this.opts.dir, name + ext));
      if (existsSync(p)) return p;
    }
    return undefined;
  }

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.opts.region}:${this.opts.account}:function:${name}`;
  }

  invoke(req: LambdaRequest): Promise<LambdaResult> {
    const name = functionName(req.functionRef);
    const started = Date.now();
    const fn = this.find(name, started);
    if (!fn) {
      return Promise.resolve({ kind: 'serviceError', error: 'Lambda.ResourceNotFoundException',
        cause: lambdaServiceCause(`Function not found: ${this.functionArn(name)}:$LATEST`, 404, 'ResourceNotFoundException', newRequestId()) });
    }
    try {
      if (!req.payloadIsJson) JSON.parse(req.payload);
    } catch (e) {
      return Promise.resolve({ kind: 'serviceError', error: 'Lambda.InvalidRequestContentException',
        cause: lambdaServiceCause(`Could not parse request body into json: ${(e as Error).message}`, 400, 'InvalidRequestContentException', newRequestId()) });
    }
    const requestId = newRequestId();
    // the function's own timeout ends it with Sandbox.Timedout; the state's
    // TimeoutSeconds is the engine's to enforce (it cancels the call), and only
    // shortens what getRemainingTimeInMillis reports
    const functionTimeoutMs = (this.opts.timeoutSeconds ?? 900) * 1000;
    const timeoutMs = Math.min(functionTimeoutMs, req.timeoutMs ?? functionTimeoutMs);
    if (req.invocationType === 'DryRun') return Promise.resolve({ kind: 'payload', payload: '', requestId, statusCode: 204, executedVersion: '$LATEST' });
    const job: InvokeJob = {
      file: fn.file, functionContext: fn.context, requestId, deadline: started + timeoutMs, payload: req.payload, captureLogs: req.logType === 'Tail',
    };
    // an asynchronous invocation is accepted at once; the handler runs on its own
    if (req.invocationType === 'Event') {
      this.environments.call(job, functionTimeoutMs, undefined, ignore, undefined);
      return Promise.resolve({ kind: 'payload', payload: '', requestId, statusCode: 202, executedVersion: '$LATEST' });
    }
    if (job.captureLogs) {
      const memoryMb = this.opts.memoryMb ?? 128;
      return new Promise((resolve) => { this.environments.call(job, functionTimeoutMs, req.cancel, answeredWithTail, { resolve, started, memoryMb }); });
    }
    return new Promise((resolve) => { this.environments.call(job, functionTimeoutMs, req.cancel, answered, resolve); });
  }

  close(): void { this.environments.close(); }
}

const ignore = (): void => {};

/** The Invoke result of a handler's reply. */
function answered(r: RuntimeReply, resolve: (r: LambdaResult) => void, job: InvokeJob): void {
  resolve(r.kind === 'payload'
    ? { kind: 'payload', payload: r.payload, requestId: job.requestId, statusCode: 200, executedVersion: '$LATEST' }
    : { kind: 'functionError', errorType: r.errorType, payload: r.payload, requestId: job.requestId, executedVersion: '$LATEST' });
}

/** ... with the log tail (LogType: Tail), its REPORT line timed from when the invocation was made */
function answeredWithTail(r: RuntimeReply, w: { resolve: (r: LambdaResult) => void; started: number; memoryMb: number }, job: InvokeJob): void {
  const logResult = logTail(job.requestId, r.logs ?? '', Date.now() - w.started, w.memoryMb);
  w.resolve(r.kind === 'payload'
    ? { kind: 'payload', payload: r.payload, requestId: job.requestId, statusCode: 200, executedVersion: '$LATEST', logResult }
    : { kind: 'functionError', errorType: r.errorType, payload: r.payload, requestId: job.requestId, executedVersion: '$LATEST', logResult });
}

/** The X-Amz-Log-Result header: base64 of the log's last 4 KB, START/END/REPORT lines included. */
function logTail(requestId: string, logs: string, durationMs: number, memoryMb: number): string {
  const text = `START RequestId: ${requestId} Version: $LATEST\n${logs}END RequestId: ${requestId}\n`
    + `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(durationMs))} ms\t`
    + `Memory Size: ${memoryMb} MB\tMax Memory Used: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB\t\n`;
  const bytes = Buffer.from(text, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString('base64');
}
