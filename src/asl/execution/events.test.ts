// Payload texts as history writes them, and AWS's 256 KiB payload quota.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeferredText, exceedsPayloadLimit, keepRawText, MAX_PAYLOAD_BYTES, payloadText, surelyFits, utf8Length } from './events.js';
import { runDefinition } from './test-driver.js';
import { parseDefinition } from '../parse/parse.js';
import { start } from '../step.js';

test('the payload quota counts UTF-8 bytes: at the limit passes, one byte over fails', () => {
  assert.equal(MAX_PAYLOAD_BYTES, 262_144);
  const cases: [string, boolean][] = [
    ['a'.repeat(262_144), false], ['a'.repeat(262_145), true],
    ['é'.repeat(131_072), false], ['é'.repeat(131_072) + 'a', true],
    ['€'.repeat(87_381), false], ['€'.repeat(87_381) + 'a', false], ['€'.repeat(87_381) + 'ab', true],
    ['😀'.repeat(65_536), false], ['😀'.repeat(65_536) + 'a', true],
  ];
  for (const [text, over] of cases) {
    assert.equal(exceedsPayloadLimit(text), over, `${text.length} units, ${utf8Length(text)} bytes`);
    assert.equal(exceedsPayloadLimit(text), utf8Length(text) > MAX_PAYLOAD_BYTES);
  }
});

test('surelyFits never passes a value whose text is over the quota, and passes small values without writing them', () => {
  const over = [
    { text: 'a'.repeat(262_200) }, ['é'.repeat(131_100)], { list: Array.from({ length: 30_000 }, (_, i) => ({ i })) },
    { ctl: '\u0001'.repeat(43_700) }, Array.from({ length: 70_000 }, () => 1234),
  ];
  for (const v of over) {
    assert.equal(utf8Length(payloadText(v)) > MAX_PAYLOAD_BYTES, true);
    assert.equal(surelyFits(v), false);
  }
  const small = [{ a: 1, b: [true, null, 'x'] }, 'plain', 42, { doc: 'x'.repeat(40_000), ids: Array.from({ length: 500 }, (_, i) => `id-${i}`) }];
  for (const v of small) assert.equal(surelyFits(v), true);
  // a value kept with its text is bounded by that text
  const kept = { a: 1 };
  keepRawText(kept, '{ "a": 1 }');
  assert.equal(surelyFits([kept]), true);
});

test('a Distributed Map child whose output is over the quota still fails (its text is never written)', () => {
  const definition = (copies: number): object => ({ StartAt: 'M', States: { M: {
    Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Grow',
      States: {
        // 20 arrays of 1,000 numbers (~78 KB), then `copies` of those (4: ~312 KB, over 256 KiB)
        Grow: { Type: 'Pass', Parameters: { 'a.$': 'States.ArrayRange(1, 1000, 1)' }, Next: 'Wide' },
        Wide: { Type: 'Pass', Parameters: { 'x.$': 'States.Array($.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a, $.a)' }, Next: 'Big' },
        Big: { Type: 'Pass', Parameters: { 'y.$': `States.Array(${Array(copies).fill('$.x').join(', ')})` }, End: true },
      } },
    End: true,
  } } });
  assert.equal(runDefinition(definition(2), [1]).status, 'SUCCEEDED');
  const r = runDefinition(definition(4), [1]);
  assert.equal(r.status, 'FAILED');
  // the child's States.DataLimitExceeded fails the run (no tolerated failures)
  assert.match(JSON.stringify(r.events.at(-1)), /States.ExceedToleratedFailureThreshold/);
});

test('the text given to StartExecution is written while the input passes through untouched; an object built around it is compact', () => {
  const program = parseDefinition(JSON.stringify({ StartAt: 'A', States: {
    A: { Type: 'Pass', Next: 'B' },
    B: { Type: 'Pass', Parameters: { 'list.$': '$' }, End: true },
  } })).program!;
  const input = [1, 2];
  const r = start(program, {
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:sm:x', name: 'x', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:sm',
    stateMachineName: 'sm', roleArn: 'arn:aws:iam::123456789012:role/r', startTime: '2024-01-01T00:00:00.000Z', input, inputText: '[1, 2]',
    redriveCount: 0, region: 'us-east-1', account: '123456789012', type: 'STANDARD',
  }, { now: 0, uuid: () => 'u', random: () => 0.5 });
  const texts = r.events.map((e) => Object.values(e).find((v): v is { input?: string; output?: string } => typeof v === 'object' && v !== null));
  assert.deepEqual(texts.map((d) => d?.input ?? d?.output), ['[1, 2]', '[1, 2]', '[1, 2]', '[1, 2]', '{"list":[1,2]}', '{"list":[1,2]}']);
});

test('a kept text is the one its value is written with, in arrays of results too', () => {
  const v = { a: 1 };
  keepRawText(v, '{ "a": 1 }');
  assert.equal(payloadText(v), '{ "a": 1 }');
  assert.equal(payloadText([v, { b: 2 }]), '[{ "a": 1 },{"b":2}]');
  const same = { a: 1 };
  keepRawText(same, '{"a":1}');
  assert.equal(payloadText([same, null]), '[{"a":1},null]');
});

test('a value changed by ResultPath is written anew in every later state, the unchanged input as given', () => {
  const r = runDefinition({ StartAt: 'A', States: {
    A: { Type: 'Pass', Result: 7, ResultPath: '$.r', Next: 'B' },
    B: { Type: 'Pass', Next: 'C' },
    C: { Type: 'Pass', InputPath: '$.r', End: true },
  } }, { x: 1 });
  const exited = r.events.filter((e) => e.type === 'PassStateExited').map((e) => (e.stateExitedEventDetails as { output: string }).output);
  const entered = r.events.filter((e) => e.type === 'PassStateEntered').map((e) => (e.stateEnteredEventDetails as { input: string }).input);
  assert.deepEqual(entered, ['{"x":1}', '{"x":1,"r":7}', '{"x":1,"r":7}']);
  assert.deepEqual(exited, ['{"x":1,"r":7}', '{"x":1,"r":7}', '7']);
});

test('deferred payload texts (a store that keeps values) write the same history as texts written at once', () => {
  const big = { doc: 'x'.repeat(100_000) };
  const definitions: [object, unknown, Record<string, (p: any) => { output: unknown }>?][] = [
    [{ StartAt: 'P', States: {
      P: { Type: 'Pass', Parameters: { 'a.$': '$.a', 'list.$': '$.list[1:]', b: { c: 1 } }, ResultPath: '$.r', Next: 'T' },
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$.r' }, ResultSelector: { 'v.$': '$.Payload' }, Assign: { 'kept.$': '$.v' }, Next: 'C' },
      C: { Type: 'Choice', Choices: [{ Variable: '$.v.a', NumericEquals: 1, Next: 'Par' }], Default: 'F' },
      Par: { Type: 'Parallel', Branches: [
        { StartAt: 'B1', States: { B1: { Type: 'Pass', Result: { one: 1 }, End: true } } },
        { StartAt: 'B2', States: { B2: { Type: 'Pass', End: true } } },
      ], Next: 'M' },
      M: { Type: 'Map', ItemsPath: '$[1].v.list', ItemSelector: { 'item.$': '$$.Map.Item.Value' }, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, Next: 'S' },
      S: { Type: 'Succeed' },
      F: { Type: 'Fail', Error: 'E' },
    } }, { a: 1, list: [{ x: 1 }, { y: 2 }, [3]] }, { f: (p) => ({ output: { Payload: p, StatusCode: 200 } }) }],
    [{ QueryLanguage: 'JSONata', StartAt: 'J', States: { J: { Type: 'Pass', Output: '{% {"sum": $sum($states.input.n), "n": $states.input.n} %}', End: true } } }, { n: [1, 2, 3] }],
    // over the quota: the deferred run fails the same way, with the same events
    [{ StartAt: 'Big', States: { Big: { Type: 'Pass', Parameters: { 'a.$': '$', 'b.$': '$', 'c.$': '$' }, End: true } } }, big],
  ];
  for (const [definition, input, tasks] of definitions) {
    const written = runDefinition(definition, input, { tasks });
    const deferred = runDefinition(definition, input, { tasks, deferTexts: true });
    assert.equal(deferred.status, written.status);
    assert.equal(JSON.stringify(deferred.events), JSON.stringify(written.events));
    // texts are the same strings once read
    const held = deferred.events.flatMap((e) => Object.values(e)).flatMap((d) => (typeof d === 'object' && d !== null ? Object.values(d) : []))
      .filter((v): v is DeferredText => v instanceof DeferredText);
    if (written.status === 'SUCCEEDED') assert.ok(held.length > 0, 'the deferred run holds values, not texts');
    for (const d of held) assert.equal(String(d), JSON.stringify(JSON.parse(d.text)));
  }
  assert.equal(runDefinition(definitions[2]![0], big, { deferTexts: true }).error, 'States.DataLimitExceeded');
});
