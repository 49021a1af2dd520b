// One execution environment: a worker thread (or a child process) running
// runtime.mjs for ONE handler module, one invocation at a time, as a Lambda
// execution environment does. The pool in environments.ts decides which
// environment serves which invocation.
import { Worker } from 'node:worker_threads';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNTIME = fileURLToPath(new URL('./runtime.mjs', import.meta.url));

export type Isolation = 'worker' | 'process';

/** Context fields that are the same for every call of one handler file: sent once, when its environment starts. */
export interface FunctionContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
}

export interface InvokeJob {
  readonly file: string;
  readonly functionContext: FunctionContext;
  readonly requestId: string;
  /** epoch ms when the call's time is up, for context.getRemainingTimeInMillis() */
  readonly deadline: number;
  /** the request payload, JSON text */
  readonly payload: string;
  readonly captureLogs: boolean;
}

export type RuntimeReply =
  | { readonly kind: 'payload'; readonly payload: string; readonly logs?: string }
  | { readonly kind: 'functionError'; readonly errorType: string; readonly payload: string; readonly logs?: string };

/**
 * The wire protocol with runtime.mjs; arrays, because structured clone
 * copies them in less than half the time of objects with named fields:
 * in  [id, payload, awsRequestId, deadline, captureLogs]
 * out [id, payload, errorType (null: success), logs (null: not captured)]
 */
type InvokeMessage = [number, string, string, number, boolean];
type ResultMessage = [number, string, string | null, string | null];

export interface ChannelOptions {
  readonly isolation: Isolation;
  /** V8 old-space limit of a worker thread, as the function's memory size */
  readonly memoryMb?: number;
}

export interface Channel {
  send(id: number, job: InvokeJob): void;
  kill(): void;
}

/**
 * Starts the runtime for `file`. `onResult` gets each call's id and reply;
 * `onDeath` is called when the runtime exits or fails, possibly more than
 * once (an error then an exit).
 */
export function openChannel(
  file: string, context: FunctionContext, opts: ChannelOptions,
  onResult: (id: number, reply: RuntimeReply) => void, onDeath: (detail: string) => void,
): Channel {
  const onMessage = (msg: ResultMessage): void => {
    const [id, payload, errorType, logs] = msg;
    onResult(id, errorType === null
      ? { kind: 'payload', payload, logs: logs ?? undefined }
      : { kind: 'functionError', errorType, payload, logs: logs ?? undefined });
  };
  if (opts.isolation === 'process') {
    const child = fork(RUNTIME, [file, JSON.stringify(context)], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // an environment alone never keeps the server process alive (a running call's timer does)
    child.unref();
    child.channel?.unref();
    child.on('message', onMessage);
    child.on('exit', (code, sig) => onDeath(sig ? `signal: ${sig}` : `exit status ${code ?? 0}`));
    child.on('error', (e) => onDeath(e.message));
    return {
      send: (id, job) => { child.send(invokeMessage(id, job)); },
      kill: () => { child.kill('SIGKILL'); },
    };
  }
  const worker = new Worker(RUNTIME, {
    workerData: { file, context },
    resourceLimits: opts.memoryMb ? { maxOldGenerationSizeMb: opts.memoryMb } : undefined,
  });
  worker.on('message', onMessage);
  worker.on('error', (e) => onDeath(`${e.name}: ${e.message}`));
  worker.on('exit', (code) => onDeath(`exit status ${code}`));
  worker.unref();
  return {
    send: (id, job) => { worker.postMessage(invokeMessage(id, job)); },
    kill: () => { void worker.terminate(); },
  };
}

/** The runtime knows its module and function context already: a call sends only what varies. */
function invokeMessage(id: number, job: InvokeJob): InvokeMessage {
  return [id, job.payload, job.requestId, job.deadline, job.captureLogs];
}
