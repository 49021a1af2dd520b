// Lambda functions served from local handler modules: <dir>/<name>.mjs|.js|.ts
// exporting `handler(event, context)`. Results and errors take the shapes
// the Lambda Invoke API gives (see shared/conformance/README.md, "Lambda").
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';

export type LambdaResult =
  | { readonly kind: 'payload'; readonly payload: string; readonly requestId: string }
  | { readonly kind: 'functionError'; readonly errorType: string; readonly payload: string; readonly requestId: string }
  | { readonly kind: 'notFound'; readonly functionArn: string };

const EXTENSIONS = ['.mjs', '.js', '.ts', '.cjs'];

/** Function name from a name, a full/partial ARN, with or without a qualifier. */
export function functionName(ref: string): string {
  const parts = ref.split(':');
  if (parts.length >= 7 && parts[0] === 'arn') return parts[6]!;
  if (parts.length >= 3 && parts[1] === 'function') return parts[2]!; // ACCOUNT:function:NAME
  return parts[0]!;
}

export class LocalFunctions {
  private readonly modules = new Map<string, Promise<{ handler: (e: unknown, c: unknown) => unknown }>>();

  constructor(readonly dir: string | undefined, readonly region: string, readonly account: string) {}

  private find(name: string): string | undefined {
    if (!this.dir || !/^[A-Za-z0-9_.-]+$/.test(name)) return undefined;
    for (const ext of EXTENSIONS) {
      const p = resolve(join(this.dir, name + ext));
      if (existsSync(p)) return p;
    }
    return undefined;
  }

  functionArn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.account}:function:${name}`;
  }

  async invoke(ref: string, event: unknown, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<LambdaResult> {
    const name = functionName(ref);
    const file = this.find(name);
    if (!file) return { kind: 'notFound', functionArn: this.functionArn(name) };
    let mod = this.modules.get(file);
    if (!mod) { mod = import(pathToFileURL(file).href); this.modules.set(file, mod); }
    const requestId = randomUUID();
    const deadline = Date.now() + (opts.timeoutMs ?? 900_000);
    const context = {
      awsRequestId: requestId, functionName: name, functionVersion: '$LATEST', invokedFunctionArn: this.functionArn(name),
      memoryLimitInMB: '128', logGroupName: `/aws/lambda/${name}`, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    try {
      const m = await mod;
      const handler = m.handler ?? (m as any).default?.handler;
      if (typeof handler !== 'function') {
        return { kind: 'functionError', errorType: 'Runtime.HandlerNotFound', requestId,
          payload: JSON.stringify({ errorType: 'Runtime.HandlerNotFound', errorMessage: `${name}.handler is undefined or not exported` }) };
      }
      const value = await handler(structuredClone(event), context);
      if (value instanceof Uint8Array) return { kind: 'payload', payload: Buffer.from(value).toString('utf8'), requestId };
      return { kind: 'payload', payload: JSON.stringify(value ?? null), requestId };
    } catch (e) {
      const err = e as { name?: string; message?: string; lambdaErrorPayload?: unknown };
      const errorType = err?.name ?? 'Error';
      const payload = err?.lambdaErrorPayload !== undefined
        ? JSON.stringify(err.lambdaErrorPayload)
        : JSON.stringify({ errorMessage: err?.message ?? String(e), errorType });
      return { kind: 'functionError', errorType, payload, requestId };
    }
  }
}
