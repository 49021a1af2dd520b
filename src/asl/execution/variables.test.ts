// Workflow variables (AWS, "Passing data between states with variables"):
// Assign and Output see the state's input/result and the variables as they
// were when the state was entered; Parallel branches and Map iterations read
// the scopes around them, keep their own assignments to themselves, and
// cannot assign a variable of an outer scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignments, runDefinition } from './test-driver.js';

test('Assign and Output of one state both see the old values and the state result', () => {
  const r = runDefinition({
    QueryLanguage: 'JSONata', StartAt: 'A', States: {
      A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
      B: { Type: 'Pass', Output: { seen: '{% $x %}', input: '{% $states.input %}' },
        Assign: { x: '{% $x + 1 %}', old: '{% $x %}', result: '{% $states.result %}' }, Next: 'C' },
      C: { Type: 'Pass', Output: { x: '{% $x %}', old: '{% $old %}', result: '{% $result %}' }, End: true },
    },
  }, { in: true });
  assert.equal(r.status, 'SUCCEEDED');
  assert.deepEqual(r.output, { x: 2, old: 1, result: { in: true } });
  assert.deepEqual(assignments(r.events)[1], { name: 'B', vars: { x: 2, old: 1, result: { in: true } } });
});

test('JSONPath: Assign reads the raw result, $name paths read variables in every path field', () => {
  const r = runDefinition({
    StartAt: 'A', States: {
      A: { Type: 'Pass', Result: { v: 7 }, Assign: { 'a.$': '$.v', list: [1, 2], k: 'v' }, ResultPath: '$.r', Next: 'M' },
      M: { Type: 'Map', ItemsPath: '$list', ItemSelector: { 'i.$': '$$.Map.Item.Value', 'a.$': '$a' },
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.i, $a)' }, End: true } } },
        OutputPath: '$', End: true },
    },
  });
  assert.equal(r.status, 'SUCCEEDED');
  assert.deepEqual(r.output, [{ sum: 8 }, { sum: 9 }]);
});

const nested = {
  QueryLanguage: 'JSONata', StartAt: 'Outer', States: {
    Outer: { Type: 'Pass', Assign: { base: 10 }, Next: 'P' },
    P: {
      Type: 'Parallel', Next: 'After', Assign: { results: '{% $states.result %}' },
      Branches: [
        { StartAt: 'B1', States: {
          B1: { Type: 'Pass', Assign: { mine: 'b1' }, Next: 'M' },
          M: { Type: 'Map', Items: [1, 2, 3], MaxConcurrency: 1, End: true,
            ItemProcessor: { StartAt: 'I1', States: {
              I1: { Type: 'Pass', Assign: { item: '{% $states.input %}', before: '{% $exists($item) %}' }, Next: 'I2' },
              I2: { Type: 'Pass', Output: '{% [$base, $mine, $item, $before] %}', End: true },
            } } },
        } },
        { StartAt: 'B2', States: { B2: { Type: 'Pass', Output: '{% $exists($mine) %}', End: true } } },
      ],
    },
    After: { Type: 'Pass', Output: { results: '{% $results %}', leaked: '{% $exists($mine) or $exists($item) %}' }, End: true },
  },
};

test('nested Map in Parallel: inner scopes read outer variables; iterations and branches do not share theirs', () => {
  const r = runDefinition(nested);
  assert.equal(r.status, 'SUCCEEDED');
  assert.deepEqual(r.output, {
    results: [[[10, 'b1', 1, false], [10, 'b1', 2, false], [10, 'b1', 3, false]], false],
    leaked: false,
  });
});

test('an inner scope cannot assign a variable of an outer scope', () => {
  const r = runDefinition({
    StartAt: 'A', States: {
      A: { Type: 'Pass', Assign: { x: 1 }, Next: 'M' },
      M: { Type: 'Map', ItemsPath: '$.items', End: true,
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Assign: { x: 2 }, End: true } } } },
    },
  }, { items: [1] });
  assert.equal(r.status, 'FAILED');
  assert.equal(r.error, 'States.Runtime');
  assert.match(r.cause!, /The variable 'x' belongs to an outer scope/);
});

test('one Assign may hold at most 256 KiB', () => {
  const big = 'x'.repeat(200 * 1024);
  const r = runDefinition({
    StartAt: 'A', States: { A: { Type: 'Pass', Assign: { a: big, b: big }, End: true } },
  });
  assert.equal(r.status, 'FAILED');
  assert.equal(r.error, 'States.DataLimitExceeded');
  const ok = runDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Assign: { a: big }, End: true } } });
  assert.equal(ok.status, 'SUCCEEDED');
});

test('Choice: a matched rule brings its own Assign and Output; the state-level ones belong to Default', () => {
  const def = (input: boolean) => runDefinition({
    QueryLanguage: 'JSONata', StartAt: 'C', States: {
      C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.go %}', Next: 'E' }], Default: 'E',
        Assign: { via: 'default' }, Output: { via: 'default' } },
      E: { Type: 'Pass', Output: { out: '{% $states.input %}', via: '{% $exists($via) ? $via : null %}' }, End: true },
    },
  }, { go: input });
  assert.deepEqual(def(true).output, { out: { go: true }, via: null });
  assert.deepEqual(def(false).output, { out: { via: 'default' }, via: 'default' });
});
