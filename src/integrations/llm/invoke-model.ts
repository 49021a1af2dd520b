// `arn:aws:states:::bedrock:invokeModel`: ModelId (id or ARN), Body (JSON or
// JSON text), ContentType, Accept. The answer is { Body, ContentType } with
// the body in the model family's shape; the call's token usage goes to the
// engine, which records it per state and execution.
import { randomUUID } from 'node:crypto';
import type { Outcome } from '../outcome.js';
import { ShapeError, familyOf } from './bedrock-shapes.js';
import { LlmError, type LlmProvider } from './providers.js';

function bedrockFailure(code: string, status: number, message: string): Outcome {
  return {
    kind: 'failure', error: `Bedrock.${code}`,
    cause: `${message} (Service: BedrockRuntime; Status Code: ${status}; Error Code: ${code}; Request ID: ${randomUUID()}; Proxy: null)`,
  };
}

export async function invokeModel(provider: LlmProvider, parameters: unknown, signal: AbortSignal): Promise<Outcome> {
  const p = (parameters ?? {}) as Record<string, any>;
  if (typeof p.ModelId !== 'string') return bedrockFailure('ValidationException', 400, "The field 'ModelId' is required");
  if (p.Input !== undefined || p.Output !== undefined) {
    return bedrockFailure('ValidationException', 400, 'Input and Output S3 locations are not supported by Switchyard; pass Body');
  }
  let body = p.Body;
  if (typeof body === 'string') {
    try { body = JSON.parse(body); } catch { return bedrockFailure('ValidationException', 400, 'Malformed input request, please reformat your input and try again.'); }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return bedrockFailure('ValidationException', 400, "The field 'Body' must be a JSON object");
  try {
    const family = familyOf(p.ModelId, body);
    const answer = await provider.invoke(p.ModelId, family, body, signal);
    return {
      kind: 'success', output: { Body: answer.body, ContentType: 'application/json' },
      usage: { modelId: p.ModelId, inputTokens: answer.inputTokens, outputTokens: answer.outputTokens },
    };
  } catch (e) {
    if (e instanceof ShapeError) return bedrockFailure('ValidationException', 400, `Malformed input request: ${e.message}, please reformat your input and try again.`);
    if (e instanceof LlmError) return bedrockFailure(e.code, e.status, e.message);
    return bedrockFailure('ServiceUnavailableException', 503, (e as Error).message);
  }
}
