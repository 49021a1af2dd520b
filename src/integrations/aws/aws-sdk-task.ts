// `arn:aws:states:::aws-sdk:SERVICE:ACTION`: the call forwarded to the AWS
// SDK v3 client of SERVICE, parameters as the API names them (PascalCase),
// errors named as Step Functions names them for SDK integrations.
import type { AwsClients } from './clients.js';
import { UnknownAction, serviceInfo } from './clients.js';
import { clientFailure, isServiceError, sdkErrorCause, sdkErrorName } from './errors.js';
import { jsonText, toJson } from './shapes.js';
import type { Outcome } from '../outcome.js';

/** Parameters that are strings in the API but that Step Functions serialises when given JSON. */
const SERIALISED: Record<string, readonly string[]> = {
  'sfn:startExecution': ['Input'], 'sfn:startSyncExecution': ['Input'], 'sfn:sendTaskSuccess': ['Output'],
  'sqs:sendMessage': ['MessageBody'], 'sns:publish': ['Message'], 's3:putObject': ['Body'], 'lambda:invoke': ['Payload'],
};

/**
 * Services whose API members are camelCase on the wire (and so in SDK v3
 * inputs and outputs), where Step Functions names them in PascalCase, as the
 * AWS SDK for Java v2 does.
 */
const CAMEL_CASE = new Set(['sfn', 'ecs', 'eks', 'batch', 'apigateway', 'bedrockruntime', 'bedrock', 'mediaconvert', 'emrcontainers']);

function recase(v: unknown, first: (c: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => recase(x, first));
  if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof Uint8Array) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [first(k.charAt(0)) + k.slice(1), recase(x, first)]));
}

export function prepareInput(service: string, action: string, parameters: unknown): unknown {
  const fields = SERIALISED[`${service}:${action}`];
  let out: unknown = parameters ?? {};
  if (fields && out !== null && typeof out === 'object') {
    const o: Record<string, unknown> = { ...(out as Record<string, unknown>) };
    for (const f of fields) if (f in o) o[f] = jsonText(o[f]);
    out = o;
  }
  return CAMEL_CASE.has(service) ? recase(out, (c) => c.toLowerCase()) : out;
}

export async function invokeAwsSdk(clients: AwsClients, service: string, action: string, parameters: unknown, signal: AbortSignal): Promise<Outcome> {
  const prefix = serviceInfo(service).prefix;
  try {
    const out = await clients.call(service, action, prepareInput(service, action, parameters), signal);
    const json = await toJson(out);
    return { kind: 'success', output: CAMEL_CASE.has(service) ? recase(json, (c) => c.toUpperCase()) : json };
  } catch (e) {
    if (e instanceof UnknownAction) return { kind: 'failure', error: 'States.Runtime', cause: e.message };
    if ((e as { code?: string })?.code === 'ERR_MODULE_NOT_FOUND') {
      return { kind: 'failure', error: 'States.Runtime', cause: `The service '${service}' needs the package ${serviceInfo(service).pkg}, which is not installed` };
    }
    if (isServiceError(e)) return { kind: 'failure', error: sdkErrorName(prefix, e, 'v2'), cause: sdkErrorCause(prefix, e, 'v2') };
    return { kind: 'failure', ...clientFailure(prefix, e) };
  }
}
