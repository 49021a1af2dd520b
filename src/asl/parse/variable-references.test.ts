// variableReferences as DescribeStateMachine returns it; the expected answers
// are those AWS recorded for these definitions (Nov 2024).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition } from './parse.js';
import { variableReferences } from './variable-references.js';

function refs(definition: unknown): Record<string, string[]> {
  const r = parseDefinition(JSON.stringify(definition));
  assert.ok(r.program, JSON.stringify(r.diagnostics));
  return variableReferences(r.program);
}

test('JSONPath .$ fields and path fields name variables; literal "$x" does not', () => {
  assert.deepEqual(refs({
    StartAt: 'State0', States: {
      State0: { Type: 'Pass', Parameters: { result: '$result' }, Assign: { result: 'foobar' }, Next: 'State1' },
      State1: { Type: 'Pass', ResultPath: '$.result', Parameters: { 'result.$': '$result' }, End: true },
    },
  }), { State1: ['result'] });
  assert.deepEqual(refs({
    StartAt: 'P', States: {
      P: { Type: 'Pass', Assign: { errorVar: 'Exception', causeVar: 'x' }, Next: 'Fail' },
      Fail: { Type: 'Fail', CausePath: '$causeVar', ErrorPath: '$errorVar' },
    },
  }), { Fail: ['causeVar', 'errorVar'] });
});

test('Choice rule operands and Assign read from input paths are counted per state, sorted', () => {
  assert.deepEqual(refs({
    StartAt: 'Setup', States: {
      Setup: { Type: 'Pass', Assign: { guess: 'g', answer: 'a' }, Next: 'CheckAnswer' },
      CheckAnswer: { Type: 'Choice', Choices: [{ Variable: '$guess', StringEqualsPath: '$answer', Next: 'Correct' }], Default: 'Wrong' },
      Correct: { Type: 'Pass', End: true },
      Wrong: { Type: 'Pass', Assign: { 'guess.$': '$answer' }, Next: 'CheckAnswer' },
    },
  }), { CheckAnswer: ['answer', 'guess'], Wrong: ['answer'] });
  assert.deepEqual(refs({
    StartAt: 'S', States: { S: { Type: 'Pass', Result: { a: 1 }, Assign: { 'x.$': 'States.MathAdd($.a, 1)' }, End: true } },
  }), {});
});

test('intrinsic arguments, Map fields and nested states', () => {
  assert.deepEqual(refs({
    StartAt: 'Start', States: {
      Start: { Type: 'Pass', Assign: { AnswerTemplate: "It's {}!", Question: 'q' }, Result: ['a'], Next: 'MapIterateState' },
      MapIterateState: {
        Type: 'Map', MaxConcurrency: 1,
        ItemSelector: { 'AnnouncePokemon.$': 'States.Format($AnswerTemplate, $$.Map.Item.Value)' },
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Pass', States: {
          Pass: { Type: 'Pass', Parameters: { 'Question.$': '$Question', 'Answer.$': '$.AnnouncePokemon' }, End: true },
        } },
        End: true,
      },
    },
  }), { MapIterateState: ['AnswerTemplate'], Pass: ['Question'] });
  assert.deepEqual(refs({
    StartAt: 'M', States: {
      M: { Type: 'Map', ItemsPath: '$.Values', MaxConcurrencyPath: '$maxConcurrency', ToleratedFailureCountPath: '$c',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItemsPath: '$maxItems' }, Parameters: { 'Bucket.$': '$.Bucket' } },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        End: true },
    },
  }), { M: ['c', 'maxConcurrency', 'maxItems'] });
});

test('JSONata: free variables only, not $states, functions or names bound in the expression', () => {
  assert.deepEqual(refs({
    QueryLanguage: 'JSONata', StartAt: 'C', States: {
      C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.result.done %}', Next: 'T' },
        { Condition: '{% $not($states.input.result.done) %}', Next: 'T' }], Default: 'D' },
      D: { Type: 'Pass', Output: { a: '{% ($v := $count($xs); $map($ys, function($i) { $i + $v + $k })) %}' },
        Assign: { z: '{% $string($w) %}' }, Next: 'T' },
      T: { Type: 'Pass', End: true },
    },
  }), { D: ['k', 'w', 'xs', 'ys'] });
});
