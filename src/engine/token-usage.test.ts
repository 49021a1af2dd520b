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

test('usage recorded after a restart adds to the stored totals; nothing stays in memory; forget deletes it', async () => {
  const store = new MemoryStore();
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:m:y';
  const before = new TokenLedger(store);
  before.record(arn, 'Ask', { modelId: 'm1', inputTokens: 10, outputTokens: 4 });
  await before.of(arn);
  // a new engine (a restart) goes on with the same execution
  const after = new TokenLedger(store);
  after.record(arn, 'Ask', { modelId: 'm1', inputTokens: 1, outputTokens: 1 });
  assert.deepEqual(await after.of(arn), [{ stateName: 'Ask', modelId: 'm1', inputTokens: 11, outputTokens: 5, calls: 2 }]);
  const held = after as unknown as { rows: Map<string, unknown>; writes: Map<string, unknown> };
  await new Promise((r) => setImmediate(r));
  assert.equal(held.rows.size + held.writes.size, 0, 'no rows or writes kept once written');
  await after.forget([arn]);
  assert.equal(await store.getDocument(`usage:${arn}`), undefined);
  assert.deepEqual(await after.of(arn), []);
});
