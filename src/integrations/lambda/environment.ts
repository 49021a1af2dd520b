// One execution environment: a worker thread (or a child process) running
// runtime.mjs for ONE handler module, one invocation at a time, as a Lambda
// execution environment does. The pool in environments.ts decides which
// environment serves which invocation.
import { Worker } from 'node:worker_threads';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNTIME = fileURLToPath(new URL('./runtime.mjs', import.meta.url));

export type Isolation = 'worker' | 'process';

export interface InvokeJob {
  readonly file: string;
  readonly payload: string;
  readonly context: Record<string, unknown> & { deadline: number };
  readonly captureLogs: boolean;
}

export type RuntimeReply =
  | { readonly kind: 'payload'; readonly payload: string; readonly logs?: string }
  | { readonly kind: 'functionError'; readonly errorType: string; readonly payload: string; readonly logs?: string };

/** The runtime's answer to `{type:'invoke', id, ...}`: a reply tagged with the invocation id. */
export type RuntimeMessage = RuntimeReply & { readonly type: 'result'; readonly id: number };

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
 * Starts the runtime for `file`. `onResult` gets each result message;
 * `onDeath` is called when the runtime exits or fails, possibly more than
 * once (an error then an exit).
 */
export function openChannel(file: string, opts: ChannelOptions, onResult: (msg: RuntimeMessage) => void, onDeath: (detail: string) => void): Channel {
  const onMessage = (msg: { type?: unknown } | null): void => {
    // the runtime's messages are plain objects of the RuntimeMessage shape; the first one is {type:'ready'}
    if (msg?.type === 'result') onResult(msg as RuntimeMessage);
  };
  if (opts.isolation === 'process') {
    const child = fork(RUNTIME, [file], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
    workerData: { file },
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

/** The runtime knows its module (workerData or argv), so `file` is not sent with every call. */
function invokeMessage(id: number, job: InvokeJob): { type: 'invoke'; id: number; payload: string; context: InvokeJob['context']; captureLogs: boolean } {
  return { type: 'invoke', id, payload: job.payload, context: job.context, captureLogs: job.captureLogs };
}
