import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileJsonPath, queryJsonPath } from './jsonpath.js';

const PEOPLE = [
  { name: 'ann', age: 31, tags: ['a', 'b'], nick: null, score: '7' },
  { name: 'bob', age: 17, tags: [], team: { lead: true } },
  { name: 'cy', age: 45, tags: ['b'], score: 7 },
  { name: 'Dee', age: '30' },
];
const DOC = { people: PEOPLE, limit: 30, allowed: ['ann', 'cy'] };

/** names of the people a filter keeps */
function keep(filter: string, doc: unknown = DOC): string[] {
  const r = queryJsonPath(`$.people[?(${filter})]`, doc);
  assert.equal(r.found, true);
  return (r.value as { name: string }[]).map((p) => p.name);
}

describe('filter comparisons', () => {
  it('compares numbers', () => {
    assert.deepEqual(keep('@.age > 30'), ['ann', 'cy']);
    assert.deepEqual(keep('@.age >= 31'), ['ann', 'cy']);
    assert.deepEqual(keep('@.age < 31'), ['bob', 'Dee']);
    assert.deepEqual(keep('@.age <= 17'), ['bob']);
    assert.deepEqual(keep('@.age == 45'), ['cy']);
    assert.deepEqual(keep('@.age == 45.0'), ['cy']);
    assert.deepEqual(keep('@.age != 45'), ['ann', 'bob', 'Dee']);
    // Dee's age is the string '30', compared lexically with '-15'
    assert.deepEqual(keep('@.age > -1.5e1'), ['ann', 'bob', 'cy', 'Dee']);
  });

  it('compares strings, and strings with numbers as Jayway does', () => {
    assert.deepEqual(keep("@.name == 'bob'"), ['bob']);
    assert.deepEqual(keep('@.name == "bob"'), ['bob']);
    assert.deepEqual(keep("@.name > 'b'"), ['bob', 'cy']);
    // a string equals a number whose text it is, either way round
    assert.deepEqual(keep('@.age == 30'), ['Dee']);
    assert.deepEqual(keep("@.age == '45'"), ['cy']);
    assert.deepEqual(keep("@.score == '7'"), ['ann', 'cy']);
    // string against number orders lexically: '30' < '4'
    assert.deepEqual(keep('@.age < 4'), ['Dee']);
    // === also requires the same kind
    assert.deepEqual(keep('@.score === 7'), ['cy']);
    assert.deepEqual(keep('@.score !== 7'), ['ann', 'bob', 'Dee']);
  });

  it('compares booleans, null and JSON literals', () => {
    assert.deepEqual(keep('@.team.lead == true'), ['bob']);
    assert.deepEqual(keep('@.nick == null'), ['ann']);
    assert.deepEqual(keep("@.tags == ['a','b']"), ['ann']);
    assert.deepEqual(keep('@.team == {"lead": true}'), ['bob']);
    assert.deepEqual(keep('@.team == {lead: true}'), ['bob']);
  });

  it('treats a missing value as equal to nothing and unordered', () => {
    assert.deepEqual(keep('@.nope == null'), []);
    assert.deepEqual(keep('@.nope < 5'), []);
    assert.deepEqual(keep('@.nope != 5'), ['ann', 'bob', 'cy', 'Dee']);
  });

  it('compares with the document root', () => {
    assert.deepEqual(keep('@.age > $.limit'), ['ann', 'cy']);
    assert.deepEqual(keep("@.age > $['limit']"), ['ann', 'cy']);
    assert.deepEqual(keep('@.name in $.allowed'), ['ann', 'cy']);
  });

  it('unescapes string literals', () => {
    const doc = { people: [{ name: "it's" }, { name: 'a"b' }, { name: 'tab\there' }] };
    assert.deepEqual(keep("@.name == 'it\\'s'", doc), ["it's"]);
    assert.deepEqual(keep('@.name == "a\\"b"', doc), ['a"b']);
    assert.deepEqual(keep("@.name == 'tab\\there'", doc), ['tab\there']);
  });
});

describe('filter logic', () => {
  it('checks existence, a null value existing', () => {
    assert.deepEqual(keep('@.team'), ['bob']);
    assert.deepEqual(keep('@.nick'), ['ann']);
    assert.deepEqual(keep('!@.tags'), ['Dee']);
    assert.deepEqual(keep('@.team.lead'), ['bob']);
    assert.deepEqual(keep('@.tags[0]'), ['ann', 'cy']);
  });

  it('gives && precedence over ||', () => {
    assert.deepEqual(keep("@.name == 'ann' || @.age > 40 && @.score == 7"), ['ann', 'cy']);
    assert.deepEqual(keep("@.age > 40 && @.score == 7 || @.name == 'ann'"), ['ann', 'cy']);
    assert.deepEqual(keep("(@.name == 'ann' || @.age > 40) && @.score == 7"), ['ann', 'cy']);
    assert.deepEqual(keep("(@.name == 'ann' || @.name == 'bob') && @.age < 20"), ['bob']);
  });

  it('negates a parenthesised group', () => {
    assert.deepEqual(keep('!(@.age > 30)'), ['bob', 'Dee']);
    assert.deepEqual(keep("!(@.name == 'ann' || @.name == 'bob')"), ['cy', 'Dee']);
  });

  it('tolerates blanks and their absence', () => {
    assert.deepEqual(keep('@.age>30&&@.score==7'), ['ann', 'cy']);
    assert.deepEqual(keep('@.age>30 && @.score==7'), ['ann', 'cy']);
    assert.deepEqual(queryJsonPath('$.people[ ?( @.age == 17 ) ].name', DOC).value, ['bob']);
  });

  it('compares two literals', () => {
    assert.deepEqual(keep('1 == 1'), ['ann', 'bob', 'cy', 'Dee']);
    assert.deepEqual(keep("'a' == 'b'"), []);
  });

  it('filters on the item itself', () => {
    assert.deepEqual(queryJsonPath('$.n[?(@ > 2)]', { n: [1, 3, 5] }).value, [3, 5]);
    assert.deepEqual(queryJsonPath("$.n[?(@ == 'x')]", { n: ['x', 'y'] }).value, ['x']);
  });

  it('chains filters and nests them', () => {
    assert.deepEqual(keep('@.tags[?(@ == \'b\')] size 1'), ['ann', 'cy']);
    assert.deepEqual(queryJsonPath("$.people[?(@.age > 20)][?(@.score)].name", DOC).value, ['ann', 'cy']);
  });

  it('scans with a filter', () => {
    const doc = { a: { price: 5 }, b: [{ price: 20 }, { price: 1, c: { price: 2 } }] };
    assert.deepEqual(queryJsonPath('$..[?(@.price < 10)]', doc).value, [{ price: 5 }, { price: 1, c: { price: 2 } }, { price: 2 }]);
  });

  it('existence of an indefinite path fails on any object missing a name (Jayway REQUIRE_PROPERTIES)', () => {
    const doc = { people: [{ name: 'x', a: [{ v: 1 }, { v: 2 }] }, { name: 'y', a: [{ v: 1 }, {}] }, { name: 'z', a: [] }] };
    assert.deepEqual(keep('@.a[*].v', doc), ['x', 'z']);
  });
});

describe('filter operators', () => {
  it('matches a whole value against a regular expression', () => {
    assert.deepEqual(keep('@.name =~ /b.b/'), ['bob']);
    assert.deepEqual(keep('@.name =~ /b/'), []);
    assert.deepEqual(keep('@.name =~ /d.*/i'), ['Dee']);
    assert.deepEqual(keep('@.age =~ /4\\d/'), ['cy']);
    assert.deepEqual(keep('@.tags =~ /b/'), ['ann', 'cy']);
    assert.deepEqual(keep('@.name =~ /.*(n|y)$/'), ['ann', 'cy']);
  });

  it('in / nin', () => {
    assert.deepEqual(keep("@.name in ['bob', 'cy']"), ['bob', 'cy']);
    assert.deepEqual(keep("@.name IN ['bob']"), ['bob']);
    assert.deepEqual(keep("@.name nin ['bob', 'cy']"), ['ann', 'Dee']);
    assert.deepEqual(keep('@.age in [17, 45]'), ['bob', 'cy']);
    assert.deepEqual(keep("@.name in 'bob'"), []);
    assert.deepEqual(keep("@.name nin 'bob'"), []);
  });

  it('contains, subsetof, anyof, noneof', () => {
    assert.deepEqual(keep("@.name contains 'e'"), ['Dee']);
    assert.deepEqual(keep("@.tags contains 'b'"), ['ann', 'cy']);
    assert.deepEqual(keep("@.tags subsetof ['a', 'b', 'c']"), ['ann', 'bob', 'cy']);
    assert.deepEqual(keep("@.tags anyof ['a', 'z']"), ['ann']);
    assert.deepEqual(keep("@.tags noneof ['a']"), ['bob', 'cy']);
    assert.deepEqual(keep("@.tags all ['a']"), []);
  });

  it('size and empty', () => {
    assert.deepEqual(keep('@.tags size 2'), ['ann']);
    assert.deepEqual(keep('@.name size 3'), ['ann', 'bob', 'Dee']);
    assert.deepEqual(keep('@.tags empty true'), ['bob']);
    assert.deepEqual(keep('@.tags empty false'), ['ann', 'cy']);
  });

  it('uses path functions', () => {
    assert.deepEqual(keep('@.tags.length() > 1'), ['ann']);
    assert.deepEqual(keep('@.tags.length() == 0'), ['bob']);
  });

  it('rejects malformed filters', () => {
    for (const f of ['@.a ==', '@.a == 1 ||', '(@.a == 1', "@.a == 'x", '@.a =~ /x', '1', '@.a in [1, 2', '!1']) {
      assert.throws(() => compileJsonPath(`$.people[?(${f})]`), /Could not compile inline filter|Invalid JSONPath/, f);
    }
  });
});
