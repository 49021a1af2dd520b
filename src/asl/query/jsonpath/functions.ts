// Jayway JsonPath's argument-less path functions, applied to the value the
// path reached: `$.list.length()`, `$.prices.sum()`, `$.obj.keys()`.
import type { PathFunctionName } from './ast.js';
import { isPlainObject } from './compare.js';

/** An aggregation over no numbers; Jayway fails the whole evaluation. */
export class PathFunctionFailure extends Error {
  constructor(name: string) {
    super(`Aggregation function ${name}() attempted to calculate value using empty array`);
    this.name = 'PathFunctionFailure';
  }
}

export function isAggregation(name: PathFunctionName): boolean {
  return name === 'min' || name === 'max' || name === 'avg' || name === 'stddev' || name === 'sum';
}

/** The numbers an aggregation reads from a value: an array's number elements. */
export function numbersOf(model: unknown): number[] {
  return Array.isArray(model) ? model.filter((x): x is number => typeof x === 'number') : [];
}

export function aggregate(name: PathFunctionName, numbers: readonly number[]): number {
  if (numbers.length === 0) throw new PathFunctionFailure(name);
  switch (name) {
    case 'min': return numbers.reduce((a, b) => (b < a ? b : a));
    case 'max': return numbers.reduce((a, b) => (b > a ? b : a));
    case 'sum': return numbers.reduce((a, b) => a + b, 0);
    case 'avg': return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    default: {
      const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
      const meanOfSquares = numbers.reduce((a, b) => a + b * b, 0) / numbers.length;
      return Math.sqrt(meanOfSquares - mean * mean);
    }
  }
}

/** Applies a function to one value; null where Jayway returns null (length of a string, keys of an array). */
export function applyPathFunction(name: PathFunctionName, model: unknown): unknown {
  if (isAggregation(name)) return aggregate(name, numbersOf(model));
  switch (name) {
    case 'length':
    case 'size':
      if (Array.isArray(model)) return model.length;
      return isPlainObject(model) ? Object.keys(model).length : null;
    case 'keys':
      return isPlainObject(model) ? Object.keys(model) : null;
    case 'first':
      return Array.isArray(model) && model.length > 0 ? model[0] : null;
    case 'last':
      return Array.isArray(model) && model.length > 0 ? model[model.length - 1] : null;
    default:
      return null;
  }
}
