// Parameter values drawn from the parameter table: anywhere in a row's range (its ends and
// default included), bare or with the unit spelled any way the validator folds to the same.
import fc from 'fast-check';
import type { ParamSpec } from '../../../src/model/param-spec.ts';
import type { NumberRule } from '../../../src/model/validation.ts';
import type { Json } from './json-tree.ts';

export function numberIn(rule: NumberRule & { readonly default?: number }): fc.Arbitrary<number> {
  if (rule.integer) return fc.integer({ min: rule.min, max: rule.max });
  const ends = [rule.min, rule.max, ...(rule.default !== undefined && rule.default >= rule.min ? [rule.default] : [])];
  return fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: rule.min, max: rule.max, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(...ends) },
  );
}

/** Spellings of a unit the validator reads as the same: µ as u or Greek mu, ² as ^2 or 2, spaces. */
function unitSpellings(unit: string): string[] {
  return [...new Set([
    unit, unit.replace(/µ/g, 'u'), unit.replace(/µ/g, 'μ'), unit.replace(/²/g, '^2'), unit.replace(/²/g, '2'), ` ${unit.split('').join(' ')} `,
  ])];
}

/** A value as a scenario may give it: a bare number in the table's unit, or {value, unit}. */
export function paramValue(spec: ParamSpec): fc.Arbitrary<Json> {
  return numberIn(spec).chain((value) => fc.oneof(
    { weight: 3, arbitrary: fc.constant(value) },
    { weight: 1, arbitrary: fc.constantFrom(...unitSpellings(spec.unit)).map((unit) => ({ value, unit })) },
  ));
}

/**
 * Grid sizes the multigrid takes, written from its rule rather than read from the validator:
 * multiples of 8 that halve down to at most 16 (c·2^k, c ≤ 16), from 16 to `max`.
 */
export function gridSize(max: number): fc.Arbitrary<number> {
  const sizes: number[] = [];
  for (let n = 16; n <= max; n += 8) {
    let c = n;
    while (c > 16 && c % 2 === 0) c /= 2;
    if (c <= 16) sizes.push(n);
  }
  return fc.constantFrom(...sizes);
}
