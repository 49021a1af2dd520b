// Bedrock InvokeModel request and response bodies per model family (Amazon
// Bedrock User Guide, "Inference request parameters and response fields for
// foundation models"), mapped to and from one neutral request/result so that
// any provider can serve any family.

export type Message = { readonly role: 'user' | 'assistant'; readonly content: string };

export type LlmRequest =
  | { readonly kind: 'chat'; readonly system?: string; readonly messages: readonly Message[]; readonly maxTokens?: number;
    readonly temperature?: number; readonly topP?: number; readonly stop?: readonly string[] }
  | { readonly kind: 'embed'; readonly texts: readonly string[] };

export type LlmResult =
  | { readonly kind: 'chat'; readonly text: string; readonly inputTokens: number; readonly outputTokens: number;
    readonly stop: 'stop' | 'length'; readonly model?: string }
  | { readonly kind: 'embed'; readonly embeddings: readonly (readonly number[])[]; readonly inputTokens: number };

export type Family = 'anthropic' | 'anthropic-text' | 'titan-text' | 'titan-embed' | 'nova' | 'llama' | 'mistral' | 'cohere-embed';

export class ShapeError extends Error {}

/** The model id without ARN prefix or cross-region inference profile prefix. */
export function baseModelId(modelId: string): string {
  const id = modelId.includes('/') ? modelId.slice(modelId.lastIndexOf('/') + 1) : modelId;
  return id.replace(/^(us|eu|apac|global|us-gov|jp|au|ca)\./, '');
}

export function familyOf(modelId: string, body: Record<string, any>): Family {
  const id = baseModelId(modelId);
  if (id.startsWith('anthropic.')) return typeof body.prompt === 'string' ? 'anthropic-text' : 'anthropic';
  if (id.startsWith('amazon.titan-embed')) return 'titan-embed';
  if (id.startsWith('amazon.titan')) return 'titan-text';
  if (id.startsWith('amazon.nova')) return 'nova';
  if (id.startsWith('meta.')) return 'llama';
  if (id.startsWith('mistral.')) return 'mistral';
  if (id.startsWith('cohere.embed')) return 'cohere-embed';
  if (Array.isArray(body.messages)) return 'anthropic';
  if (typeof body.inputText === 'string') return 'titan-text';
  if (typeof body.prompt === 'string') return 'llama';
  throw new ShapeError(`The model '${modelId}' is not a model family Switchyard can serve`);
}

/** Text of an Anthropic/Nova content value: a string or a list of blocks. */
function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((b) => (typeof b === 'string' ? b : typeof b?.text === 'string' ? b.text : '')).join('');
  return '';
}

function messages(raw: unknown): Message[] {
  if (!Array.isArray(raw) || !raw.length) throw new ShapeError('messages: must be a non-empty list');
  return raw.map((m, i) => {
    if (m?.role !== 'user' && m?.role !== 'assistant') throw new ShapeError(`messages.${i}.role: must be 'user' or 'assistant'`);
    return { role: m.role, content: text(m.content) };
  });
}

/** Bedrock request body -> neutral request. */
export function toRequest(family: Family, b: Record<string, any>): LlmRequest {
  switch (family) {
    case 'anthropic':
      if (typeof b.max_tokens !== 'number') throw new ShapeError('max_tokens: field required');
      return { kind: 'chat', system: text(b.system) || undefined, messages: messages(b.messages), maxTokens: b.max_tokens,
        temperature: b.temperature, topP: b.top_p, stop: b.stop_sequences };
    case 'anthropic-text':
      return { kind: 'chat', messages: [{ role: 'user', content: String(b.prompt).replace(/^\s*Human:\s*/, '').replace(/\s*Assistant:\s*$/, '') }],
        maxTokens: b.max_tokens_to_sample, temperature: b.temperature, topP: b.top_p, stop: b.stop_sequences };
    case 'titan-text': {
      const c = b.textGenerationConfig ?? {};
      return { kind: 'chat', messages: [{ role: 'user', content: String(b.inputText ?? '') }], maxTokens: c.maxTokenCount,
        temperature: c.temperature, topP: c.topP, stop: c.stopSequences };
    }
    case 'titan-embed':
      if (typeof b.inputText !== 'string') throw new ShapeError('inputText: field required');
      return { kind: 'embed', texts: [b.inputText] };
    case 'cohere-embed':
      if (!Array.isArray(b.texts)) throw new ShapeError('texts: field required');
      return { kind: 'embed', texts: b.texts.map(String) };
    case 'nova': {
      const c = b.inferenceConfig ?? {};
      return { kind: 'chat', system: Array.isArray(b.system) ? text(b.system) : undefined, messages: messages(b.messages),
        maxTokens: c.maxTokens ?? c.max_new_tokens, temperature: c.temperature, topP: c.topP ?? c.top_p, stop: c.stopSequences };
    }
    case 'llama':
    case 'mistral':
      if (typeof b.prompt !== 'string') throw new ShapeError('prompt: field required');
      return { kind: 'chat', messages: [{ role: 'user', content: b.prompt }], maxTokens: b.max_gen_len ?? b.max_tokens,
        temperature: b.temperature, topP: b.top_p, stop: b.stop };
  }
}

/** Neutral result -> the body Bedrock returns for this family. */
export function toResponseBody(family: Family, modelId: string, r: LlmResult): Record<string, unknown> {
  if (r.kind === 'embed') {
    if (family === 'cohere-embed') return { embeddings: r.embeddings, id: crypto.randomUUID(), response_type: 'embeddings_floats', texts: [] };
    return { embedding: r.embeddings[0] ?? [], inputTextTokenCount: r.inputTokens };
  }
  const stopped = r.stop === 'length';
  switch (family) {
    case 'anthropic':
      return { id: `msg_bdrk_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`, type: 'message', role: 'assistant',
        model: baseModelId(modelId), content: [{ type: 'text', text: r.text }], stop_reason: stopped ? 'max_tokens' : 'end_turn',
        stop_sequence: null, usage: { input_tokens: r.inputTokens, output_tokens: r.outputTokens } };
    case 'anthropic-text':
      return { type: 'completion', completion: r.text, stop_reason: stopped ? 'max_tokens' : 'stop_sequence', stop: null };
    case 'titan-text':
      return { inputTextTokenCount: r.inputTokens,
        results: [{ tokenCount: r.outputTokens, outputText: r.text, completionReason: stopped ? 'LENGTH' : 'FINISH' }] };
    case 'nova':
      return { output: { message: { content: [{ text: r.text }], role: 'assistant' } }, stopReason: stopped ? 'max_tokens' : 'end_turn',
        usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens, totalTokens: r.inputTokens + r.outputTokens } };
    case 'llama':
      return { generation: r.text, prompt_token_count: r.inputTokens, generation_token_count: r.outputTokens, stop_reason: stopped ? 'length' : 'stop' };
    case 'mistral':
      return { outputs: [{ text: r.text, stop_reason: stopped ? 'length' : 'stop' }] };
    default:
      throw new ShapeError(`The model '${modelId}' does not generate text`);
  }
}

/** Token counts in a Bedrock response body (for the real Bedrock provider). */
export function usageOf(family: Family, b: Record<string, any>): { inputTokens: number; outputTokens: number } {
  const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
  switch (family) {
    case 'anthropic': return { inputTokens: n(b.usage?.input_tokens), outputTokens: n(b.usage?.output_tokens) };
    case 'nova': return { inputTokens: n(b.usage?.inputTokens), outputTokens: n(b.usage?.outputTokens) };
    case 'titan-text': return { inputTokens: n(b.inputTextTokenCount), outputTokens: n(b.results?.[0]?.tokenCount) };
    case 'titan-embed': return { inputTokens: n(b.inputTextTokenCount), outputTokens: 0 };
    case 'llama': return { inputTokens: n(b.prompt_token_count), outputTokens: n(b.generation_token_count) };
    default: return { inputTokens: 0, outputTokens: 0 };
  }
}
