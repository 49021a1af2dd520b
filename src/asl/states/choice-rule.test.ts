import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../parse/diagnostic.js';
import { StatesError } from '../errors/states-error.js';
import { evaluateChoiceRule, noChoiceMatched, parseChoiceRule, selectChoiceRule, type ChoiceRule, type Resolve } from './choice-rule.js';
import { parseTimestamp } from './choice-rule-timestamp.js';

/** Resolves `$.name` against a flat object; `$` is the object itself. */
function flat(input: Record<string, unknown>): Resolve {
  return (path) => {
    if (path === '$') return { found: true, value: input };
    const key = path.replace(/^\$\.?/, '');
    return key in input ? { found: true, value: input[key] } : { found: false, value: undefined };
  };
}

function rule(raw: Record<string, unknown>, topLevel = false): ChoiceRule {
  const diags: Diagnostic[] = [];
  const r = parseChoiceRule(raw, '/States/C/Choices/0', diags, topLevel);
  assert.deepEqual(diags, []);
  assert.ok(r);
  return r;
}

/** Evaluates `{Variable: '$.v', [op]: operand}` with `$.v` = value (absent when `undefined`). */
function check(op: string, operand: unknown, value: unknown, extra: Record<string, unknown> = {}): boolean {
  const input: Record<string, unknown> = { ...extra };
  if (value !== undefined) input.v = value;
  return evaluateChoiceRule(rule({ Variable: '$.v', [op]: operand }), flat(input));
}

const pathError = (path: string) => ({
  name: 'StatesError',
  error: 'States.Runtime',
  cause: `Invalid path '${path}': The choice state's condition path references an invalid value.`,
});

describe('String comparisons', () => {
  test('equality is exact', () => {
    assert.equal(check('StringEquals', 'Hello', 'Hello'), true);
    assert.equal(check('StringEquals', 'Hello', 'hello'), false);
    assert.equal(check('StringEquals', '\t\r\n', '\t\n'), false);
  });
  test('order is UTF-16 code-unit order, as Java String.compareTo', () => {
    assert.equal(check('StringLessThan', 'a', 'B'), true);
    assert.equal(check('StringLessThan', 'AB', 'A'), true);
    assert.equal(check('StringGreaterThanEquals', '', ''), true);
    // U+1F600 is the surrogate pair D83D DE00, below U+FFFF code unit by code unit
    assert.equal(check('StringLessThan', '\uFFFF', '😀'), true);
  });
  test('non-strings never compare', () => {
    for (const v of [null, 0, true, [], {}, ['a']]) assert.equal(check('StringEquals', 'a', v), false);
    assert.equal(check('StringEqualsPath', '$.w', 'a', { w: 1 }), false);
    assert.equal(check('StringEqualsPath', '$.w', 'a', { w: 'a' }), true);
  });
});

describe('StringMatches', () => {
  test('"*" matches any run of characters', () => {
    assert.equal(check('StringMatches', 'foo*.log', 'foo23.log'), true);
    assert.equal(check('StringMatches', '*.log', 'zebra.log'), true);
    assert.equal(check('StringMatches', 'foo*.*', 'foobar.zebra'), true);
    assert.equal(check('StringMatches', 'a*b*a', 'aba'), true);
    assert.equal(check('StringMatches', 'a*a', 'a'), false);
    assert.equal(check('StringMatches', '*', ''), true);
    assert.equal(check('StringMatches', 'x*', 'line\nbreak'), false);
    assert.equal(check('StringMatches', 'line*', 'line\nbreak'), true);
    assert.equal(check('StringMatches', 'a?c', 'abc'), false);
  });
  test('"\\*" and "\\\\" are literals; an open escape is a runtime error', () => {
    assert.equal(check('StringMatches', 'a\\*', 'a*'), true);
    assert.equal(check('StringMatches', 'a\\*', 'ab'), false);
    assert.equal(check('StringMatches', 'a\\\\*', 'a\\bc'), true);
    assert.throws(() => check('StringMatches', 'a\\b', 'ab'), { error: 'States.Runtime' });
    assert.throws(() => check('StringMatches', 'a\\', 'a'), { error: 'States.Runtime' });
  });
  test('non-strings do not match', () => {
    assert.equal(check('StringMatches', '*', 1), false);
    assert.equal(check('StringMatches', '*', null), false);
  });
});

describe('Numeric comparisons', () => {
  test('integers and floats compare by value', () => {
    assert.equal(check('NumericEquals', 1, 1.0), true);
    assert.equal(check('NumericEquals', 2.22, 2.22), true);
    assert.equal(check('NumericEquals', 1, 1.1), false);
    assert.equal(check('NumericLessThan', 1, 0.5), true);
    assert.equal(check('NumericGreaterThan', -1, 0), true);
    assert.equal(check('NumericLessThanEquals', 0, -0), true);
    assert.equal(check('NumericGreaterThanEquals', 3, 2.999), false);
  });
  test('non-numbers are false, not errors', () => {
    for (const v of ['1', '', null, true, false, [1], { A: 1 }]) assert.equal(check('NumericEquals', 1, v), false);
    assert.equal(check('NumericEqualsPath', '$.w', 1, { w: '1' }), false);
    assert.equal(check('NumericLessThanPath', '$.w', 0, { w: 1 }), true);
  });
});

describe('BooleanEquals', () => {
  test('only booleans compare', () => {
    assert.equal(check('BooleanEquals', false, false), true);
    assert.equal(check('BooleanEquals', true, false), false);
    for (const v of [0, 1, 'true', null, []]) assert.equal(check('BooleanEquals', true, v), false);
  });
  test('the Path form is false when the other value is not a boolean', () => {
    assert.equal(check('BooleanEqualsPath', '$.w', true, { w: true }), true);
    assert.equal(check('BooleanEqualsPath', '$.w', false, { w: 0 }), false);
    assert.equal(check('BooleanEqualsPath', '$.w', null, { w: null }), false);
  });
});

describe('Timestamp comparisons', () => {
  const T0 = '2012-10-09T19:00:55Z';
  test('compare instants, offsets and fractions included', () => {
    assert.equal(check('TimestampEquals', T0, T0), true);
    assert.equal(check('TimestampEquals', T0, '2012-10-09T20:00:55+01:00'), true);
    assert.equal(check('TimestampEquals', T0, '2012-10-09T19:00:55.000000000Z'), true);
    assert.equal(check('TimestampLessThan', T0, '2012-10-09T19:00:54.999999999Z'), true);
    assert.equal(check('TimestampGreaterThan', T0, '2012-10-09T19:00:55.000000001Z'), true);
    assert.equal(check('TimestampLessThanEquals', '2012-10-09T19:00:56Z', T0), true);
    assert.equal(check('TimestampGreaterThanEqualsPath', '$.w', T0, { w: '2012-10-09T19:00:56Z' }), false);
  });
  test('Java ISO_OFFSET_DATE_TIME forms: lowercase t/z, no seconds, +HH:MM:SS offsets', () => {
    assert.equal(check('TimestampEquals', T0, '2012-10-09t19:00:55z'), true);
    assert.equal(check('TimestampEquals', '2012-10-09T19:00:00Z', '2012-10-09T19:00Z'), true);
    assert.ok(parseTimestamp('2016-03-05T21:29:29.243167252Z'));
    assert.ok(parseTimestamp('2016-03-05T21:29:29+05:30:15'));
    assert.ok(parseTimestamp('2016-02-29T00:00:00-18:00'));
  });
  test('strings that are not such timestamps are false', () => {
    for (const v of ['2012-10-09T19:00:55', '2012-10-09 19:00:55Z', '2023-02-24', '', '2016-12-05T25:29:29Z',
      '2015-02-29T00:00:00Z', '2016-04-31T00:00:00Z', '2016-13-05T21:29:29Z', '2016-01-01T24:00:00Z',
      '2016-01-01T23:59:60Z', '2016-01-01T00:00:00.1234567890Z', '2016-01-01T00:00:00+19:00', '2016-01-01T00:00:00+0100']) {
      assert.equal(check('TimestampEquals', T0, v), false, v);
    }
    for (const v of [0, null, true, [T0]]) assert.equal(check('TimestampEquals', T0, v), false);
    assert.equal(check('TimestampEqualsPath', '$.w', T0, { w: 'nope' }), false);
  });
});

describe('type tests', () => {
  const values: [string, unknown][] = [['null', null], ['0', 0], ['1.1', 1.1], ['""', ''], ['"x"', 'x'],
    ['ts', '2012-10-09T19:00:55Z'], ['true', true], ['false', false], ['[]', []], ['{}', {}]];
  const expect: Record<string, string[]> = {
    IsNull: ['null'], IsNumeric: ['0', '1.1'], IsString: ['""', '"x"', 'ts'], IsBoolean: ['true', 'false'], IsTimestamp: ['ts'],
  };
  for (const [op, yes] of Object.entries(expect)) {
    test(`${op}: true and false operands`, () => {
      for (const [label, v] of values) {
        assert.equal(check(op, true, v), yes.includes(label), `${op} true on ${label}`);
        assert.equal(check(op, false, v), !yes.includes(label), `${op} false on ${label}`);
      }
    });
  }
  test('IsPresent never raises', () => {
    assert.equal(check('IsPresent', true, null), true);
    assert.equal(check('IsPresent', true, undefined), false);
    assert.equal(check('IsPresent', false, undefined), true);
    assert.equal(check('IsPresent', false, 0), false);
  });
});

describe('paths that select nothing', () => {
  test('raise States.Runtime for every operator but IsPresent', () => {
    for (const [op, operand] of [['StringEquals', 'a'], ['NumericEquals', 1], ['BooleanEquals', true], ['IsNull', true],
      ['IsNull', false], ['IsString', false], ['TimestampEquals', '2012-10-09T19:00:55Z'], ['StringMatches', '*']] as const) {
      assert.throws(() => check(op, operand, undefined), pathError('$.v'), op);
    }
    assert.throws(() => check('StringEquals', 'a', undefined), StatesError);
  });
  test('a missing ...Path operand raises naming that path, after the Variable', () => {
    assert.throws(() => check('NumericEqualsPath', '$.w', 1), pathError('$.w'));
    assert.throws(() => check('NumericEqualsPath', '$.w', undefined), pathError('$.v'));
  });
  test('And/Or stop once decided, so later operands are not resolved', () => {
    const guarded = rule({ And: [{ Variable: '$.v', IsPresent: true }, { Variable: '$.v', NumericEquals: 3 }] });
    assert.equal(evaluateChoiceRule(guarded, flat({})), false);
    assert.equal(evaluateChoiceRule(guarded, flat({ v: 3 })), true);
    const or = rule({ Or: [{ Variable: '$.v', IsPresent: false }, { Variable: '$.v', NumericEquals: 3 }] });
    assert.equal(evaluateChoiceRule(or, flat({})), true);
    assert.throws(() => evaluateChoiceRule(rule({ Not: { Variable: '$.v', IsNull: true } }), flat({})), pathError('$.v'));
  });
});

describe('top-level rules', () => {
  test('carry Next, Assign and Comment; the first rule that holds is chosen', () => {
    const rules = [
      rule({ Variable: '$.v', NumericLessThan: 0, Next: 'Negative' }, true),
      rule({ Variable: '$.v', IsNumeric: true, Next: 'Number', Assign: { kind: 'number' }, Comment: 'c' }, true),
    ];
    assert.equal(rules[1]?.next, 'Number');
    assert.deepEqual(rules[1]?.assign, { kind: 'number' });
    assert.equal(rules[1]?.comment, 'c');
    assert.equal(selectChoiceRule(rules, flat({ v: 5 })), rules[1]);
    assert.equal(selectChoiceRule(rules, flat({ v: 'x' })), undefined);
  });
  test('no match and no Default', () => {
    assert.deepEqual({ ...noChoiceMatched() }, {
      name: 'StatesError', error: 'States.Runtime', location: undefined,
      cause: 'Failed to transition out of the state. The state does not point to a next state.',
    });
  });
});

describe('parse diagnostics', () => {
  function diagnose(raw: unknown, topLevel = true): { message: string; location: string }[] {
    const diags: Diagnostic[] = [];
    const r = parseChoiceRule(raw, '/States/C/Choices/0', diags, topLevel);
    if (diags.length) assert.equal(r, undefined);
    for (const d of diags) assert.equal(d.code, 'SCHEMA_VALIDATION_FAILED');
    return diags.map(({ message, location }) => ({ message, location }));
  }
  const at = (p = '') => `/States/C/Choices/0${p}`;

  test('a valid rule has none', () => {
    assert.deepEqual(diagnose({ Variable: '$$.Execution.Input.x', NumericEquals: 0, Next: 'A' }), []);
    assert.deepEqual(diagnose({ Variable: '$myVar', StringEqualsPath: '$.y', Next: 'A' }), []);
    assert.deepEqual(diagnose({ Not: { Variable: '$', IsPresent: true, Comment: 'nested comment' }, Next: 'A' }), []);
  });
  test('operator count', () => {
    assert.match(diagnose({ Variable: '$.x', Next: 'A' })[0]?.message ?? '', /found none/);
    assert.match(diagnose({ Variable: '$.x', StringEquals: 'a', NumericEquals: 1, Next: 'A' })[0]?.message ?? '',
      /found StringEquals, NumericEquals/);
    assert.equal(diagnose({ And: [{ Variable: '$.x', IsNull: true }], Or: [], Next: 'A' }).length, 1);
  });
  test('operand types', () => {
    assert.deepEqual(diagnose({ Variable: '$.x', NumericEquals: '1', Next: 'A' }),
      [{ message: "The value for the field 'NumericEquals' must be a number", location: at('/NumericEquals') }]);
    assert.equal(diagnose({ Variable: '$.x', StringEquals: 1, Next: 'A' })[0]?.location, at('/StringEquals'));
    assert.equal(diagnose({ Variable: '$.x', BooleanEquals: 'true', Next: 'A' }).length, 1);
    assert.equal(diagnose({ Variable: '$.x', IsNull: 'true', Next: 'A' }).length, 1);
    assert.equal(diagnose({ Variable: '$.x', StringMatches: 1, Next: 'A' }).length, 1);
    assert.deepEqual(diagnose({ Variable: '$.x', TimestampEquals: '2016-12-05T21:29:29', Next: 'A' }),
      [{ message: 'String does not match RFC3339 timestamp', location: at('/TimestampEquals') }]);
    assert.deepEqual(diagnose({ Variable: '$.x', NumericEqualsPath: 'x', Next: 'A' }),
      [{ message: "The value for the field 'NumericEqualsPath' must be a valid JSONPath", location: at('/NumericEqualsPath') }]);
  });
  test('Variable', () => {
    assert.deepEqual(diagnose({ StringEquals: 'a', Next: 'A' }),
      [{ message: "The field 'Variable' is required but was missing", location: at() }]);
    assert.equal(diagnose({ Variable: 'x', StringEquals: 'a', Next: 'A' })[0]?.location, at('/Variable'));
    assert.equal(diagnose({ Variable: '$.x', And: [{ Variable: '$.x', IsNull: true }], Next: 'A' })[0]?.location, at('/Variable'));
  });
  test('And/Or/Not shapes', () => {
    assert.deepEqual(diagnose({ And: [], Next: 'A' }), [{ message: 'Value cannot be empty', location: at('/And') }]);
    assert.equal(diagnose({ Or: {}, Next: 'A' })[0]?.location, at('/Or'));
    assert.equal(diagnose({ Not: [], Next: 'A' })[0]?.location, at('/Not'));
    assert.deepEqual(diagnose({ And: [{ Variable: '$.x', IsNull: true }, { Variable: '$.y' }], Next: 'A' }).map((d) => d.location),
      [at('/And/1')]);
    assert.equal(diagnose('rule')[0]?.message, 'A Choice Rule must be a JSON object');
  });
  test('Next, Assign and unknown fields', () => {
    assert.deepEqual(diagnose({ Variable: '$.x', IsNull: true }),
      [{ message: "The field 'Next' is required but was missing", location: at() }]);
    assert.equal(diagnose({ Variable: '$.x', IsNull: true, Next: 7 })[0]?.location, at('/Next'));
    assert.deepEqual(diagnose({ Not: { Variable: '$.x', IsNull: true, Next: 'B' }, Next: 'A' }),
      [{ message: "Field 'Next' is not supported in a nested Choice Rule", location: at('/Not/Next') }]);
    assert.equal(diagnose({ Variable: '$.x', IsNull: true, Assign: { a: 1 } }, false)[0]?.location, at('/Assign'));
    assert.equal(diagnose({ Variable: '$.x', IsNull: true, Next: 'A', Assign: [] })[0]?.location, at('/Assign'));
    assert.deepEqual(diagnose({ Variable: '$.x', IsNull: true, Next: 'A', Condition: true, 'a/b': 1 }), [
      // AWS: "The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage"
      { message: "The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage", location: at() },
      { message: "Field 'a/b' is not supported", location: at('/a~1b') },
    ]);
  });
});
