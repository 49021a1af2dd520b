// The scenarios compare like with like: both contenders accept every bench
// definition and produce the same output for the same input.
// Run: node scripts/test.mjs bench/scenarios.test.ts (not part of npm test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SwitchyardContender } from './contenders/switchyard.js';
import { ReferenceContender } from './contenders/reference.js';
import type { Contender, Handlers } from './contenders/contender.js';
import { CHAIN_INPUT, chainDefinition } from './scenarios/chain.js';
import { mapItems, passChoiceMapDefinition, taskMapDefinition, workHandler } from './scenarios/map.js';
import { largeInput, parametersDefinition } from './scenarios/parameters.js';
import { callbackDefinition, waitDefinition } from './scenarios/parked.js';

async function both(definition: object, input: unknown, handlers?: Handlers): Promise<[unknown, unknown]> {
  const sy = new SwitchyardContender();
  const contenders: Contender[] = [sy, new ReferenceContender()];
  try {
    const [a, b] = await Promise.all(contenders.map((c) => c.machine(definition, handlers).run(input, JSON.stringify(input))));
    return [a, b];
  } finally {
    await sy.close();
  }
}

test('10-state Pass chain: the input comes out unchanged', async () => {
  const [sy, ref] = await both(chainDefinition(), CHAIN_INPUT);
  assert.deepEqual(sy, CHAIN_INPUT);
  assert.deepEqual(ref, CHAIN_INPUT);
});

test('Map with Pass and Choice: the same results in item order', async () => {
  const input = { items: [{ v: 4999 }, { v: 5000 }, ...mapItems(3).items] };
  const [sy, ref] = await both(passChoiceMapDefinition(), input);
  assert.deepEqual(sy, ref);
  assert.deepEqual(sy, [{ small: 4999 }, { big: 5000 }, { small: 0 }, { small: 1 }, { small: 2 }]);
});

test('the 10,000-item Maps stay under the 256 KiB payload limit and run Distributed', async () => {
  const [out, ref] = await both(passChoiceMapDefinition('DISTRIBUTED'), mapItems(10_000));
  assert.deepEqual(out, ref);
  assert.ok(JSON.stringify(mapItems(10_000)).length < 256 * 1024);
  assert.ok(JSON.stringify(out).length < 256 * 1024);
  assert.ok(JSON.stringify(Array.from({ length: 10_000 }, (_, v) => workHandler({ v }))).length < 256 * 1024);
});

test('Map of Tasks: every item goes through the local handler, inline and Distributed', async () => {
  for (const mode of ['INLINE', 'DISTRIBUTED'] as const) {
    const [sy, ref] = await both(taskMapDefinition(mode), mapItems(5), { Work: workHandler });
    assert.deepEqual(sy, [0, 2, 4, 6, 8].map((doubled) => ({ doubled })));
    assert.deepEqual(ref, sy);
  }
});

test('the inline Maps of 2,500 items stay under the 25,000-event history quota', async () => {
  const [sy] = await both(passChoiceMapDefinition('INLINE'), mapItems(2_500));
  assert.equal((sy as unknown[]).length, 2_500);
  const [tasks] = await both(taskMapDefinition('INLINE'), mapItems(2_500), { Work: workHandler });
  assert.equal((tasks as unknown[]).length, 2_500);
});

test('20 .$ Parameters over the 50 KB input select the same values', async () => {
  const input = largeInput();
  assert.ok(JSON.stringify(input).length >= 50_000);
  const [sy, ref] = await both(parametersDefinition(), input);
  assert.equal(Object.keys(sy as object).length, 20);
  assert.deepEqual(sy, ref);
  assert.deepEqual(input, largeInput(), 'neither engine changes the input it is given');
});

test('Wait on TimestampPath: a past timestamp continues at once into the Task', async () => {
  const seen: unknown[] = [];
  const input = { i: 1, at: new Date(Date.now() - 60_000).toISOString() };
  const [sy, ref] = await both(waitDefinition(), input, { Mark: (e) => { seen.push(e); return { marked: true }; } });
  assert.deepEqual(sy, { marked: true });
  assert.deepEqual(ref, sy);
  assert.deepEqual(seen, [input, input]);
});

test('waitForTaskToken: Switchyard parks until the token is sent back; the reference until its promise resolves', async () => {
  const sy = new SwitchyardContender();
  try {
    const tokens: string[] = [];
    const run = sy.machine(callbackDefinition(sy), { Park: (p: { taskToken: string }) => { tokens.push(p.taskToken); } }).run({ i: 7 });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.equal(tokens.length, 1);
    await sy.sendTaskSuccess(tokens[0]!, { ok: true });
    assert.deepEqual(await run, { ok: true });
  } finally {
    await sy.close();
  }
  const ref = new ReferenceContender();
  let release!: (v: unknown) => void;
  const run = ref.machine(callbackDefinition(ref), { Park: () => new Promise((r) => { release = r; }) }).run({ i: 7 });
  await new Promise((r) => setImmediate(r));
  release({ ok: true });
  assert.deepEqual(await run, { ok: true });
});
