// bedrock:invokeModel served by an OpenAI-compatible endpoint (a fake on
// 127.0.0.1 written here): a document pipeline maps over 50 documents, and
// the token usage Switchyard records must equal what the endpoint reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { harness, fakeServer, type Harness } from './harness.js';
import { loadConfig } from '../../src/integrations/index.js';

const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';
const reported = { prompt: 0, completion: 0, chatCalls: 0, embedCalls: 0, models: new Set<string>(), auth: new Set<string>() };
let fake: Awaited<ReturnType<typeof fakeServer>>;
let h: Harness;

before(async () => {
  fake = await fakeServer((req, body, res) => {
    reported.auth.add(String(req.headers.authorization));
    const r = JSON.parse(body);
    reported.models.add(r.model);
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/embeddings') {
      reported.embedCalls++;
      const prompt = r.input.join(' ').length;
      reported.prompt += prompt;
      res.end(JSON.stringify({ object: 'list', data: r.input.map((_: string, i: number) => ({ object: 'embedding', index: i, embedding: [i, 0.5, -0.5] })),
        model: r.model, usage: { prompt_tokens: prompt, total_tokens: prompt } }));
      return;
    }
    if (req.url !== '/v1/chat/completions') { res.statusCode = 404; res.end('{}'); return; }
    reported.chatCalls++;
    const text = r.messages.map((m: { content: string }) => m.content).join('\n');
    const prompt = text.length % 97 + 10;
    const summary = `summary of ${text.slice(text.indexOf('#'))}`;
    const completion = summary.split(' ').length;
    reported.prompt += prompt;
    reported.completion += completion;
    res.end(JSON.stringify({
      id: 'chatcmpl-1', object: 'chat.completion', model: r.model,
      choices: [{ index: 0, message: { role: 'assistant', content: summary }, finish_reason: 'stop' }],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    }));
  });
  const file = join(mkdtempSync(join(tmpdir(), 'switchyard-llm-')), 'config.json');
  writeFileSync(file, JSON.stringify({
    llm: { provider: 'openai', endpoint: `${fake.url}/v1`, apiKey: '${env:SWITCHYARD_TEST_LLM_KEY}', models: { [CLAUDE]: 'local-llama' }, defaultModel: 'local-embed' },
  }));
  process.env.SWITCHYARD_TEST_LLM_KEY = 'sk-test';
  h = await harness({ integrations: loadConfig(file) });
});
after(async () => { await h.close(); await fake.close(); });

test('a Map over 50 documents calls invokeModel; recorded token totals equal what the endpoint reported', async () => {
  const documents = Array.from({ length: 50 }, (_, i) => ({ id: i, text: `#${i} ${'lorem ipsum '.repeat(i % 7)}` }));
  const arn = await h.create('doc-pipeline', {
    StartAt: 'Summarize',
    States: {
      Summarize: {
        Type: 'Map', ItemsPath: '$.documents', MaxConcurrency: 8, ResultPath: '$.summaries',
        ItemProcessor: {
          StartAt: 'Invoke',
          States: {
            Invoke: {
              Type: 'Task', Resource: 'arn:aws:states:::bedrock:invokeModel',
              Parameters: {
                ModelId: CLAUDE,
                Body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 200, system: 'You summarize documents.',
                  messages: [{ role: 'user', 'content.$': "States.Format('Summarize: {}', $.text)" }] },
              },
              ResultSelector: { 'summary.$': '$.Body.content[0].text', 'usage.$': '$.Body.usage', 'stop.$': '$.Body.stop_reason' },
              End: true,
            },
          },
        },
        Next: 'Embed',
      },
      Embed: {
        Type: 'Task', Resource: 'arn:aws:states:::bedrock:invokeModel',
        Parameters: { ModelId: `arn:aws:bedrock:us-east-1::foundation-model/${TITAN_EMBED}`, Body: { 'inputText.$': '$.summaries[0].summary' } },
        ResultSelector: { 'embedding.$': '$.Body.embedding', 'tokens.$': '$.Body.inputTextTokenCount' }, ResultPath: '$.embedding',
        End: true,
      },
    },
  });
  const { describe, executionArn } = await h.run(arn, { documents });
  assert.equal(describe.status, 'SUCCEEDED', describe.cause);
  const out = JSON.parse(describe.output!);
  assert.equal(out.summaries.length, 50);
  assert.equal(out.summaries[8].summary, `summary of #8 ${'lorem ipsum '.repeat(1)}`);
  assert.equal(out.summaries[7].stop, 'end_turn');
  assert.deepEqual(out.embedding.embedding, [0, 0.5, -0.5]);
  assert.equal(reported.chatCalls, 50);
  assert.equal(reported.embedCalls, 1);
  assert.deepEqual([...reported.models].sort(), ['local-embed', 'local-llama']);
  assert.deepEqual([...reported.auth], ['Bearer sk-test']);

  const usage = await h.call('GetExecutionTokenUsage', { executionArn });
  assert.equal(usage.inputTokens, reported.prompt);
  assert.equal(usage.outputTokens, reported.completion);
  assert.equal(usage.calls, 51);
  const invoke = usage.states.find((s: { stateName: string }) => s.stateName === 'Invoke');
  assert.equal(invoke.modelId, CLAUDE);
  assert.equal(invoke.calls, 50);
  assert.equal(invoke.inputTokens + usage.states.find((s: { stateName: string }) => s.stateName === 'Embed').inputTokens, reported.prompt);
  // the Bedrock body carries the same counts per call
  assert.equal(out.summaries.reduce((n: number, s: { usage: { output_tokens: number } }) => n + s.usage.output_tokens, 0), reported.completion);
});

test('endpoint errors are Bedrock errors; Retry sees them', async () => {
  const arn = await h.create('llm-error', {
    StartAt: 'Invoke',
    States: {
      Invoke: {
        Type: 'Task', Resource: 'arn:aws:states:::bedrock:invokeModel',
        Parameters: { ModelId: 'meta.llama3-8b-instruct-v1:0', Body: { max_gen_len: 10 } },
        Catch: [{ ErrorEquals: ['Bedrock.ValidationException'], Next: 'Caught' }], End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  });
  const { describe, events } = await h.run(arn);
  assert.equal(describe.status, 'SUCCEEDED');
  const failed = events.find((e) => e.type === 'TaskFailed')!.taskFailedEventDetails!;
  assert.equal(failed.error, 'Bedrock.ValidationException');
  assert.match(failed.cause!, /prompt: field required.*\(Service: BedrockRuntime; Status Code: 400; Error Code: ValidationException;/);
});
