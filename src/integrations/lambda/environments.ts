// Execution environments for local handlers: each one a worker thread (or a
// child process) bound to one handler module, reused while warm, as Lambda
// reuses its execution environments. A handler that hangs, crashes or exits
// ends its own environment only; the server's event loop never runs handler
// code. At most `concurrency` environments exist; further invocations queue.
import { Worker } from 'node:worker_threads';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNTIME = fileURLToPath(new URL('./runtime.mjs', import.meta.url));
/** an idle environment is shut down after this long (Lambda recycles idle ones too) */
const IDLE_MS = 5 * 60_000;

export type Isolation = 'worker' | 'process';

export interface EnvironmentOptions {
  /** environments alive at once, all functions together */
  readonly concurrency: number;
  readonly isolation: Isolation;
  /** V8 old-space limit of a worker thread, as the function's memory size */
  readonly memoryMb?: number;
}

export interface InvokeJob {
  readonly file: string;
  readonly payload: string;
  readonly context: Record<string, unknown> & { deadline: number };
  readonly captureLogs: boolean;
}

export type RuntimeReply =
  | { readonly kind: 'payload'; readonly payload: string; readonly logs?: string }
  | { readonly kind: 'functionError'; readonly errorType: string; readonly payload: string; readonly logs?: string };

interface Env {
  readonly file: string;
  send(msg: unknown): void;
  kill(): void;
  busy: ((r: RuntimeReply) => void) | undefined;
  job?: InvokeJob;
  idleTimer?: NodeJS.Timeout;
  dead: boolean;
}

interface Waiting { readonly job: InvokeJob; readonly start: () => void }

export class ExecutionEnvironments {
  private readonly envs = new Set<Env>();
  private readonly queue: Waiting[] = [];
  private seq = 0;

  constructor(readonly opts: EnvironmentOptions) {}

  get size(): number { return this.envs.size; }

  /**
   * Runs one invocation. Resolves with the handler's reply, or a Lambda
   * runtime error when its environment dies or `timeoutMs` passes; on
   * `signal` the environment is destroyed (a hung handler cannot be interrupted).
   */
  run(job: InvokeJob, timeoutMs: number, signal?: AbortSignal): Promise<RuntimeReply> {
    return new Promise((resolve) => {
      const start = (): void => {
        if (signal?.aborted) { resolve(exitError(job, 'invocation cancelled')); this.drain(); return; }
        const env = this.acquire(job.file);
        const id = ++this.seq;
        const done = (r: RuntimeReply): void => {
          if (!env.busy) return;
          env.busy = undefined;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
          this.release(env);
        };
        const onAbort = (): void => { this.destroy(env); done(exitError(job, 'invocation cancelled')); };
        env.busy = done;
        env.job = job;
        const timer = setTimeout(() => {
          this.destroy(env);
          done(timedOut(job, timeoutMs));
        }, timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        env.send({ type: 'invoke', id, ...job });
      };
      if (this.hasRoom(job.file)) start();
      else this.queue.push({ job, start });
    });
  }

  /** Stops every environment (server shutdown). */
  close(): void {
    for (const env of [...this.envs]) this.destroy(env);
  }

  private idle(file?: string): Env | undefined {
    for (const env of this.envs) if (!env.busy && !env.dead && (file === undefined || env.file === file)) return env;
    return undefined;
  }

  private hasRoom(file: string): boolean {
    return this.envs.size < this.opts.concurrency || this.idle(file) !== undefined || this.idle() !== undefined;
  }

  private acquire(file: string): Env {
    const warm = this.idle(file);
    if (warm) { clearTimeout(warm.idleTimer); return warm; }
    if (this.envs.size >= this.opts.concurrency) {
      const other = this.idle();
      if (other) this.destroy(other);
    }
    const env = this.spawn(file);
    this.envs.add(env);
    return env;
  }

  private release(env: Env): void {
    if (!env.dead) {
      env.idleTimer = setTimeout(() => this.destroy(env), IDLE_MS);
      env.idleTimer.unref();
    }
    this.drain();
  }

  private drain(): void {
    for (let i = 0; i < this.queue.length; i++) {
      const w = this.queue[i]!;
      if (this.hasRoom(w.job.file)) { this.queue.splice(i, 1); i--; w.start(); }
    }
  }

  private destroy(env: Env): void {
    if (env.dead) return;
    env.dead = true;
    clearTimeout(env.idleTimer);
    this.envs.delete(env);
    env.kill();
    queueMicrotask(() => this.drain());
  }

  private spawn(file: string): Env {
    const onReply = (msg: any): void => {
      if (msg?.type !== 'result') return;
      env.busy?.(msg.kind === 'payload'
        ? { kind: 'payload', payload: msg.payload, logs: msg.logs }
        : { kind: 'functionError', errorType: msg.errorType, payload: msg.payload, logs: msg.logs });
    };
    const onDeath = (detail: string): void => {
      const busy = env.busy;
      const wasDead = env.dead;
      this.destroy(env);
      if (busy && !wasDead) busy(exitError(env.job, detail));
    };
    let env: Env;
    if (this.opts.isolation === 'process') {
      const child: ChildProcess = fork(RUNTIME, [file], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      // an environment alone never keeps the server process alive (a running call's timer does)
      child.unref();
      child.channel?.unref();
      child.on('message', onReply);
      child.on('exit', (code, sig) => onDeath(sig ? `signal: ${sig}` : `exit status ${code ?? 0}`));
      child.on('error', (e) => onDeath(e.message));
      env = { file, busy: undefined, dead: false, send: (m) => child.send(m as any), kill: () => child.kill('SIGKILL') };
    } else {
      const worker = new Worker(RUNTIME, {
        workerData: { file },
        resourceLimits: this.opts.memoryMb ? { maxOldGenerationSizeMb: this.opts.memoryMb } : undefined,
      });
      worker.on('message', onReply);
      worker.on('error', (e) => onDeath(`${e.name}: ${e.message}`));
      worker.on('exit', (code) => onDeath(`exit status ${code}`));
      worker.unref();
      env = { file, busy: undefined, dead: false, send: (m) => worker.postMessage(m), kill: () => { void worker.terminate(); } };
    }
    return env;
  }
}

/** What Lambda answers when the runtime exits mid-invocation. */
function exitError(job: InvokeJob | undefined, detail: string): RuntimeReply {
  const requestId = job?.context.awsRequestId ?? '';
  const errorMessage = `RequestId: ${String(requestId)} Error: Runtime exited with error: ${detail}`;
  return { kind: 'functionError', errorType: 'Runtime.ExitError', payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage }) };
}

/** What Lambda answers when a function runs past its own timeout. */
function timedOut(job: InvokeJob, timeoutMs: number): RuntimeReply {
  const errorMessage = `RequestId: ${String(job.context.awsRequestId)} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
  return { kind: 'functionError', errorType: 'Sandbox.Timedout', payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }) };
}
