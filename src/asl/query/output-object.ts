// The object a template (Parameters, ResultSelector, ItemSelector, Arguments,
// Output...) evaluates to, made with every key of the template in place.
//
// Filled key by key with computed names, V8 turns an object into a dictionary
// once it has more than about a dozen properties: slower to read and to
// serialise, and several times larger (832 bytes instead of 160 for 20 fields),
// for as long as the value lives (in a history, say). A copy of an object that
// already has the keys keeps fast properties. The copy also makes `__proto__`
// an ordinary field, as it is in JSON, instead of setting the prototype.

/** keys a plain {} takes as fast properties however they are added */
const FEW_KEYS = 8;

/** per template object (part of a definition, never mutated): its keys with null values, or null when {} will do */
const blanks = new WeakMap<object, Readonly<Record<string, null>> | null>();

/**
 * A new object to fill, in order, with the output `keys` of `template` (a key
 * given twice keeps its first place, as assignment does).
 */
export function outputObject(template: object, keys: (template: object) => readonly string[]): Record<string, unknown> {
  let blank = blanks.get(template);
  if (blank === undefined) {
    const ks = keys(template);
    blank = ks.length > FEW_KEYS || ks.includes('__proto__') ? Object.fromEntries(ks.map((k) => [k, null])) : null;
    blanks.set(template, blank);
  }
  return blank === null ? {} : { ...blank };
}
