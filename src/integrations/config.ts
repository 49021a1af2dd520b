// The integrations' configuration file (`switchyard serve --config FILE`),
// JSON. Every section is optional:
//   lambda:      { mode: "local"|"remote", endpoint, region, concurrency, isolation: "worker"|"process",
//                  timeoutSeconds, memoryMb }
//   resources:   { "<ARN, ${Token} or glob>": "<local function name or ARN>" }
//   services:    { "<aws-sdk service name, e.g. sqs>" | "*": { endpoint, region, forcePathStyle } }
//   llm:         { provider: "openai"|"bedrock"|"local", endpoint, apiKey, models: { "<Bedrock model id>": "<provider model>" },
//                  defaultModel, region }
//   connections: { "<EventBridge connection ARN>": { AuthParameters: { ApiKeyAuthParameters | BasicAuthParameters |
//                  OAuthParameters, InvocationHttpParameters } } }
// String values of the form "${env:NAME}" are read from the environment, so
// that secrets stay out of the file.
import { readFileSync } from 'node:fs';
import type { ServiceEndpoint } from './aws/clients.js';
import type { Isolation } from './lambda/environments.js';
import type { LlmConfig } from './llm/providers.js';
import type { ConnectionConfig } from './http/connections.js';

export interface IntegrationConfig {
  readonly lambda?: {
    readonly mode?: 'local' | 'remote';
    readonly endpoint?: string;
    readonly region?: string;
    readonly concurrency?: number;
    readonly isolation?: Isolation;
    readonly timeoutSeconds?: number;
    readonly memoryMb?: number;
  };
  readonly resources?: Readonly<Record<string, string>>;
  readonly services?: Readonly<Record<string, ServiceEndpoint>>;
  readonly llm?: LlmConfig;
  readonly connections?: Readonly<Record<string, ConnectionConfig>>;
}

/** Replaces "${env:NAME}" strings by the environment variable's value. */
export function resolveEnv<T>(v: T, env: NodeJS.ProcessEnv = process.env): T {
  if (typeof v === 'string') {
    const m = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(v);
    return (m ? env[m[1]!] ?? '' : v) as T;
  }
  if (Array.isArray(v)) return v.map((x) => resolveEnv(x, env)) as T;
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveEnv(x, env)])) as T;
  }
  return v;
}

export function loadConfig(path: string): IntegrationConfig {
  let json: unknown;
  try { json = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new Error(`cannot read the configuration ${path}: ${(e as Error).message}`); }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`the configuration ${path} must be a JSON object`);
  const c = resolveEnv(json) as IntegrationConfig;
  const iso = c.lambda?.isolation;
  if (iso !== undefined && iso !== 'worker' && iso !== 'process') throw new Error(`lambda.isolation must be "worker" or "process", got '${String(iso)}'`);
  const p = c.llm?.provider;
  if (p !== undefined && !['openai', 'bedrock', 'local'].includes(p)) throw new Error(`llm.provider must be "openai", "bedrock" or "local", got '${String(p)}'`);
  return c;
}
