// Optimized integrations that are plain AWS API calls: SQS sendMessage,
// SNS publish, DynamoDB item operations, EventBridge putEvents. The answer
// carries the SDK's HTTP metadata and errors are named as the AWS SDK for
// Java v1 names them (Step Functions' own client for these integrations).
import type { AwsClients } from './clients.js';
import { clientFailure, isServiceError, sdkErrorCause, sdkErrorName } from './errors.js';
import { jsonText, sdkHttpMetadata, toJson } from './shapes.js';
import type { Outcome } from '../outcome.js';

interface Optimized {
  /** `aws-sdk` service name of the client */
  readonly service: string;
  /** error prefix (Java v1) */
  readonly prefix: string;
  readonly actions: readonly string[];
  readonly prepare?: (action: string, p: Record<string, any>) => Record<string, any>;
}

const OPTIMIZED: Record<string, Optimized> = {
  sqs: { service: 'sqs', prefix: 'SQS', actions: ['sendMessage'], prepare: (_a, p) => ({ ...p, MessageBody: jsonText(p.MessageBody) }) },
  sns: { service: 'sns', prefix: 'SNS', actions: ['publish'], prepare: (_a, p) => ({ ...p, Message: jsonText(p.Message) }) },
  dynamodb: { service: 'dynamodb', prefix: 'DynamoDB', actions: ['getItem', 'putItem', 'updateItem', 'deleteItem'] },
  events: {
    service: 'eventbridge', prefix: 'EventBridge', actions: ['putEvents'],
    prepare: (_a, p) => ({ ...p, Entries: Array.isArray(p.Entries) ? p.Entries.map((e: any) => ({ ...e, Detail: jsonText(e?.Detail) })) : p.Entries }),
  },
};

export function isOptimized(resourceType: string, action: string): boolean {
  return OPTIMIZED[resourceType]?.actions.includes(action) ?? false;
}

export async function invokeOptimized(clients: AwsClients, resourceType: string, action: string, parameters: unknown, signal: AbortSignal): Promise<Outcome> {
  const o = OPTIMIZED[resourceType]!;
  const params = (parameters !== null && typeof parameters === 'object' ? parameters : {}) as Record<string, any>;
  try {
    const out = await clients.call(o.service, action, o.prepare ? o.prepare(action, params) : params, signal);
    const json = await toJson(out) as Record<string, unknown>;
    return { kind: 'success', output: { ...json, ...sdkHttpMetadata(out) } };
  } catch (e) {
    if (isServiceError(e)) return { kind: 'failure', error: sdkErrorName(o.prefix, e, 'v1'), cause: sdkErrorCause(o.prefix, e, 'v1') };
    return { kind: 'failure', ...clientFailure(o.prefix, e) };
  }
}
