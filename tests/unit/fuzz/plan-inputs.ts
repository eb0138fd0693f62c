// Valid sweep plans, written from docs/sweeps.md: a base scenario (the default, a shipped file
// or a valid scenario inline), fixed parameters, factors as lists or linear, stepped and log
// ranges, named arms, seeds or replicates, and readouts. Parameters come from the table's
// ranges, leaving alone those that place the tumour and vessels, so every run stays valid.
import fc from 'fast-check';
import { PARAM_BY_KEY, PARAM_KEYS, type ParamKey } from '../../../src/model/params.ts';
import { readoutNames } from '../../../src/sweep/plan.ts';
import { compact, isObject, type Json } from './json-tree.ts';
import { numberIn } from './param-values.ts';
import { validScenario } from './scenario-inputs.ts';

/** Scenario files a plan in scenarios/plans/ may name; the fuzz lays them out the same way. */
export const SHIPPED_SCENARIOS = ['default.json', 'therapy.json', 'transwell.json', 'inclusion-soft.json', 'two-capillaries.json'];
const GEOMETRY: readonly ParamKey[] = ['nx', 'ny', 'dxMicrons', 'tumourRadiusMicrons', 'stromaWidthMicrons', 'capillarySpacingMicrons', 'capillaryRadiusMicrons', 'vesselWallPO2MmHg'];
const FREE_KEYS = PARAM_KEYS.filter((k) => !GEOMETRY.includes(k));
const MAX_SEED = 4294967295;
const REPLICATES_MAX = 3;

const text = (minLength: number, maxLength: number) => fc.string({ minLength, maxLength });

/** A base scenario whose seed leaves room for the replicates counted up from it. */
const baseScenario: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constantFrom<Json | undefined>(undefined, 'default', ...SHIPPED_SCENARIOS.map((f) => `../${f}`)),
  validScenario(256).map((s) => (isObject(s) && typeof s.seed === 'number' ? { ...s, seed: Math.min(s.seed, MAX_SEED - REPLICATES_MAX) } : s)),
);

/** Bare values: a plan's parameters are numbers in the table's unit. */
function parameterBlock(keys: readonly ParamKey[]): fc.Arbitrary<Record<string, Json>> {
  return fc.tuple(...keys.map((k) => numberIn(PARAM_BY_KEY[k]))).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]!])));
}

/** Values far enough apart that rounding to 12 digits keeps them distinct. */
function apart(a: number, b: number): boolean {
  return Math.abs(a - b) > 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

function factor(key: ParamKey): fc.Arbitrary<Json> {
  const rule = PARAM_BY_KEY[key];
  const list = fc.uniqueArray(numberIn(rule), { minLength: 1, maxLength: 4, comparator: (a, b) => !apart(a, b) });
  if (rule.integer) return list;
  const ends = fc.tuple(numberIn(rule), numberIn(rule)).filter(([from, to]) => apart(from, to));
  // Log ranges start above zero and within a million-fold of the top, so every ratio is finite.
  const positive = numberIn({ ...rule, min: Math.max(rule.min, rule.max / 1e6) });
  const logEnds = fc.tuple(positive, positive).filter(([from, to]) => apart(from, to));
  return fc.oneof(
    list,
    fc.tuple(ends, fc.integer({ min: 2, max: 4 })).map(([[from, to], count]) => ({ from, to, count })),
    fc.tuple(ends, fc.integer({ min: 1, max: 3 })).map(([[from, to], k]) => ({ from, to, step: (to - from) / k })),
    fc.tuple(logEnds, fc.integer({ min: 2, max: 4 })).map(([[from, to], count]) => ({ from, to, count, scale: 'log' })),
  );
}

/** Disjoint keys for the fixed parameters, the factors and the arms: a key is varied or set by arms, not both. */
const keyRoles = fc.shuffledSubarray([...FREE_KEYS], { maxLength: 14 }).chain((keys) =>
  fc.tuple(fc.nat({ max: Math.min(2, keys.length) }), fc.nat({ max: 8 })).map(([varied, fixed]) => ({
    varied: keys.slice(0, varied), fixed: keys.slice(varied, varied + fixed), armed: keys.slice(varied + fixed),
  })));

function arms(keys: readonly ParamKey[]): fc.Arbitrary<Json | undefined> {
  const arm = (name: string) => fc.subarray([...keys], { maxLength: Math.min(4, keys.length) }).chain(parameterBlock).map((parameters) => ({ name, parameters }));
  const names = fc.uniqueArray(text(1, 20).filter((n) => n.trim() !== ''), { minLength: 1, maxLength: 3 });
  return fc.option(names.chain((ns) => fc.tuple(...ns.map(arm))), { nil: undefined });
}

const seeding = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 1, max: REPLICATES_MAX }).map((replicates) => ({ replicates })),
  fc.uniqueArray(fc.integer({ min: 0, max: MAX_SEED }), { minLength: 1, maxLength: REPLICATES_MAX }).map((seeds) => ({ seeds })),
);

export function validPlan(): fc.Arbitrary<Json> {
  const names = readoutNames();
  return keyRoles.chain(({ varied, fixed, armed }) => fc.record({
    name: text(1, 30).filter((n) => n.trim() !== ''),
    description: fc.option(text(0, 100), { nil: undefined }),
    scenario: baseScenario,
    parameters: fc.option(parameterBlock(fixed), { nil: undefined }),
    vary: fc.tuple(...varied.map(factor)).map((specs) => (specs.length === 0 ? undefined : Object.fromEntries(varied.map((k, i) => [k, specs[i]!])))),
    arms: arms(armed),
    seeding,
    readouts: fc.shuffledSubarray(names, { minLength: 1, maxLength: 6 }),
    series: fc.option(fc.shuffledSubarray(names, { maxLength: 4 }), { nil: undefined }),
  }).map(({ seeding: s, ...plan }) => compact({ ...plan, ...s })));
}
