// Who answers bedrock:invokeModel: an OpenAI-compatible HTTP endpoint (vLLM,
// llama.cpp server, Ollama, hosted APIs), Amazon Bedrock itself through the
// AWS SDK, or a deterministic local provider for tests. Every answer reports
// its token counts.
import { createHash } from 'node:crypto';
import { type Family, type LlmRequest, type LlmResult, baseModelId, toRequest, toResponseBody, usageOf } from './bedrock-shapes.js';

export interface LlmConfig {
  readonly provider: 'openai' | 'bedrock' | 'local';
  /** OpenAI-compatible base URL (e.g. http://127.0.0.1:11434/v1), or a Bedrock runtime endpoint */
  readonly endpoint?: string;
  readonly apiKey?: string;
  /** Bedrock model id -> the provider's model name */
  readonly models?: Readonly<Record<string, string>>;
  /** provider model for ids `models` does not list (default: the Bedrock id itself) */
  readonly defaultModel?: string;
  readonly region?: string;
  /** per-call limit in seconds (default 600) */
  readonly timeoutSeconds?: number;
}

export interface LlmAnswer {
  readonly body: Record<string, unknown>;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A failure named as Bedrock names it (ValidationException, ThrottlingException, ...). */
export class LlmError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) { super(message); }
}

export interface LlmProvider {
  invoke(modelId: string, family: Family, body: Record<string, any>, signal: AbortSignal): Promise<LlmAnswer>;
}

function providerModel(cfg: LlmConfig, modelId: string): string {
  return cfg.models?.[modelId] ?? cfg.models?.[baseModelId(modelId)] ?? cfg.defaultModel ?? baseModelId(modelId);
}

/** Generic providers answer the neutral request; the family shapes the body. */
abstract class NeutralProvider implements LlmProvider {
  abstract run(model: string, req: LlmRequest, signal: AbortSignal): Promise<LlmResult>;
  constructor(protected readonly cfg: LlmConfig) {}

  async invoke(modelId: string, family: Family, body: Record<string, any>, signal: AbortSignal): Promise<LlmAnswer> {
    const r = await this.run(providerModel(this.cfg, modelId), toRequest(family, body), signal);
    return { body: toResponseBody(family, modelId, r), inputTokens: r.inputTokens, outputTokens: r.kind === 'chat' ? r.outputTokens : 0 };
  }
}

const BEDROCK_CODE: Record<number, string> = {
  400: 'ValidationException', 401: 'AccessDeniedException', 403: 'AccessDeniedException', 404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException', 413: 'ValidationException', 422: 'ValidationException', 429: 'ThrottlingException',
  503: 'ServiceUnavailableException',
};

export class OpenAiProvider extends NeutralProvider {
  private async post(path: string, payload: unknown, signal: AbortSignal): Promise<any> {
    const base = (this.cfg.endpoint ?? 'http://127.0.0.1:11434/v1').replace(/\/+$/, '');
    const timeout = AbortSignal.timeout((this.cfg.timeoutSeconds ?? 600) * 1000);
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method: 'POST', signal: AbortSignal.any([signal, timeout]),
        headers: { 'content-type': 'application/json', ...(this.cfg.apiKey ? { authorization: `Bearer ${this.cfg.apiKey}` } : {}) },
        body: JSON.stringify(payload),
      });
    } catch (e) {
      if (timeout.aborted) throw new LlmError('ModelTimeoutException', 408, 'Model has timed out in processing the request.');
      throw new LlmError('ServiceUnavailableException', 503, `The model endpoint could not be reached: ${(e as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 500);
      try { message = JSON.parse(text)?.error?.message ?? message; } catch { /* not JSON */ }
      throw new LlmError(BEDROCK_CODE[res.status] ?? (res.status >= 500 ? 'ModelErrorException' : 'ValidationException'), res.status, message);
    }
    try { return JSON.parse(text); } catch { throw new LlmError('ModelErrorException', 424, 'The model endpoint returned a body that is not JSON'); }
  }

  async run(model: string, req: LlmRequest, signal: AbortSignal): Promise<LlmResult> {
    if (req.kind === 'embed') {
      const r = await this.post('/embeddings', { model, input: req.texts }, signal);
      const data = [...(r.data ?? [])].sort((a: any, b: any) => (a.index ?? 0) - (b.index ?? 0));
      return { kind: 'embed', embeddings: data.map((d: any) => d.embedding), inputTokens: r.usage?.prompt_tokens ?? 0 };
    }
    const msgs = [...(req.system ? [{ role: 'system', content: req.system }] : []), ...req.messages];
    const r = await this.post('/chat/completions', {
      model, messages: msgs, max_tokens: req.maxTokens, temperature: req.temperature, top_p: req.topP,
      ...(req.stop?.length ? { stop: req.stop } : {}),
    }, signal);
    const choice = r.choices?.[0];
    return {
      kind: 'chat', text: String(choice?.message?.content ?? ''), stop: choice?.finish_reason === 'length' ? 'length' : 'stop',
      inputTokens: r.usage?.prompt_tokens ?? 0, outputTokens: r.usage?.completion_tokens ?? 0, model: r.model,
    };
  }
}

/** Whitespace-separated words, the local provider's token measure. */
const tokens = (s: string): number => (s.match(/\S+/g) ?? []).length;

/** Deterministic answers for tests: the same request always gets the same reply and counts. */
export class LocalProvider extends NeutralProvider {
  async run(model: string, req: LlmRequest): Promise<LlmResult> {
    if (req.kind === 'embed') {
      const embeddings = req.texts.map((t) => [...createHash('sha256').update(t).digest().subarray(0, 8)].map((b) => (b - 128) / 128));
      return { kind: 'embed', embeddings, inputTokens: req.texts.reduce((n, t) => n + tokens(t), 0) };
    }
    const last = req.messages[req.messages.length - 1]?.content ?? '';
    let words = `[${model}] ${last}`.split(/\s+/).filter(Boolean);
    const stop = req.maxTokens !== undefined && words.length > req.maxTokens ? 'length' : 'stop';
    if (req.maxTokens !== undefined) words = words.slice(0, req.maxTokens);
    const input = tokens(req.system ?? '') + req.messages.reduce((n, m) => n + tokens(m.content), 0);
    return { kind: 'chat', text: words.join(' '), stop, inputTokens: input, outputTokens: words.length };
  }
}

/** Amazon Bedrock through the AWS SDK: the body goes as is, the counts are read from the answer. */
export class BedrockProvider implements LlmProvider {
  private client?: Promise<any>;
  constructor(private readonly cfg: LlmConfig, private readonly region: string) {}

  async invoke(modelId: string, family: Family, body: Record<string, any>, signal: AbortSignal): Promise<LlmAnswer> {
    const m = await import('@aws-sdk/client-bedrock-runtime');
    this.client ??= Promise.resolve(new m.BedrockRuntimeClient({ region: this.cfg.region ?? this.region, endpoint: this.cfg.endpoint, maxAttempts: 1 }));
    const client = await this.client;
    try {
      const out = await client.send(new m.InvokeModelCommand({
        modelId, body: Buffer.from(JSON.stringify(body)), contentType: 'application/json', accept: 'application/json',
      }), { abortSignal: signal });
      const parsed = JSON.parse(Buffer.from(out.body).toString('utf8'));
      return { body: parsed, ...usageOf(family, parsed) };
    } catch (e) {
      const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      if (err.$metadata?.httpStatusCode) throw new LlmError(err.name ?? 'ValidationException', err.$metadata.httpStatusCode, err.message ?? '');
      throw e;
    }
  }
}

export function createProvider(cfg: LlmConfig, region: string): LlmProvider {
  if (cfg.provider === 'openai') return new OpenAiProvider(cfg);
  if (cfg.provider === 'bedrock') return new BedrockProvider(cfg, region);
  return new LocalProvider(cfg);
}
