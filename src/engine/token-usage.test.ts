import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenLedger } from './token-usage.js';
import { MemoryStore } from '../store/memory/memory-store.js';

test('token usage adds up per state and model and is read back by a new ledger on the same store', async () => {
  const store = new MemoryStore();
  const ledger = new TokenLedger(store);
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:x';
  ledger.record(arn, 'Summarise', { modelId: 'm1', inputTokens: 10, outputTokens: 3 });
  ledger.record(arn, 'Summarise', { modelId: 'm1', inputTokens: 5, outputTokens: 2 });
  ledger.record(arn, 'Embed', { modelId: 'm2', inputTokens: 7, outputTokens: 0 });
  const expected = [
    { stateName: 'Summarise', modelId: 'm1', inputTokens: 15, outputTokens: 5, calls: 2 },
    { stateName: 'Embed', modelId: 'm2', inputTokens: 7, outputTokens: 0, calls: 1 },
  ];
  assert.deepEqual(await ledger.of(arn), expected);
  assert.deepEqual(await new TokenLedger(store).of(arn), expected, 'a restarted engine reads the stored usage');
  assert.deepEqual(await ledger.of('arn:aws:states:us-east-1:123456789012:execution:m:none'), []);
});
