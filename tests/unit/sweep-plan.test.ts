// Plans: expansion order and values, and every kind of bad plan refused with its path named.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_JSON, ScenarioError } from '../../src/model/scenario.ts';
import { expandPlan, parsePlan } from '../../src/sweep/plan.ts';
import { canonicalJson, planHash } from '../../src/sweep/load-plan.ts';
import { parsePlanFile, planRecord } from '../../src/sweep/plan-file.ts';

const BASE = { source: 'default', json: DEFAULT_SCENARIO_JSON };
const SMALL = { nx: 32, ny: 32, dxMicrons: 40, tumourRadiusMicrons: 400, stromaWidthMicrons: 120, durationDays: 1 };

function plan(extra: Record<string, unknown>) {
  return { name: 'p', parameters: SMALL, readouts: ['lung_metastases'], ...extra };
}

function problems(json: unknown): string[] {
  try {
    parsePlan(json, BASE, 'bad.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toContain('bad.json');
    return [...(error as ScenarioError).problems];
  }
  throw new Error('the plan was accepted');
}

describe('sweep plan', () => {
  it('expands arms × factors (last fastest) × replicates, seeds from the base seed', () => {
    const p = parsePlan(plan({
      arms: [{ name: 'control', parameters: {} }, { name: 'soft', parameters: { softenerDoseRelative: 1 } }],
      vary: { tumourStiffnessKPa: [10, 40], smacDoseNM: { from: 0, to: 20, step: 10 } },
      replicates: 2,
    }), BASE);
    const runs = expandPlan(p);
    expect(runs).toHaveLength(2 * 2 * 3 * 2);
    expect(runs.map((r) => r.run)).toEqual(runs.map((_, i) => i));
    expect(runs[0]).toMatchObject({ arm: 'control', replicate: 0, seed: 1, values: { softenerDoseRelative: 0, tumourStiffnessKPa: 10, smacDoseNM: 0 } });
    expect(runs[1]).toMatchObject({ replicate: 1, seed: 2, values: { smacDoseNM: 0 } });
    expect(runs[2]!.values).toEqual({ softenerDoseRelative: 0, tumourStiffnessKPa: 10, smacDoseNM: 10 });
    expect(runs[6]!.values.tumourStiffnessKPa).toBe(40);
    expect(runs[12]).toMatchObject({ arm: 'soft', values: { softenerDoseRelative: 1 } });
    // The values reach the scenario each run is built from; fixed parameters too.
    expect(runs[13]!.scenario.parameters).toMatchObject({ softenerDoseRelative: 1, tumourStiffnessKPa: 10, smacDoseNM: 0, nx: 32 });
    expect(runs[13]!.scenario.seed).toBe(2);
  });

  it('spaces log ranges geometrically and rounds float noise away', () => {
    const p = parsePlan(plan({ vary: { tumourStiffnessKPa: { from: 1, to: 100, count: 5, scale: 'log' }, smacDoseNM: { from: 0, to: 0.3, step: 0.1 } } }), BASE);
    expect(p.factors[0]!.values).toEqual([1, 3.16227766017, 10, 31.6227766017, 100]);
    expect(p.factors[1]!.values).toEqual([0, 0.1, 0.2, 0.3]);
    expect(p.seeds).toEqual([1]);
    expect(p.series).toEqual(['lung_metastases']);
  });

  it('refuses an unknown parameter, with a suggestion', () => {
    const found = problems(plan({ vary: { tumourStiffness: [10, 20] } }));
    expect(found.join('\n')).toMatch(/unknown key "tumourStiffness" in vary \(did you mean "tumourStiffnessKPa"\?\)/);
  });

  it('refuses empty lists and ranges', () => {
    expect(problems(plan({ vary: { smacDoseNM: [] } })).join('\n')).toMatch(/vary\.smacDoseNM is an empty list/);
    expect(problems(plan({ vary: { smacDoseNM: { from: 10, to: 0, step: 5 } } })).join('\n')).toMatch(/vary\.smacDoseNM is an empty range/);
    expect(problems(plan({ vary: { smacDoseNM: { from: 0, to: 10, count: 0 } } })).join('\n')).toMatch(/vary\.smacDoseNM is an empty range \(count = 0\)/);
    expect(problems(plan({ arms: [] })).join('\n')).toMatch(/arms = \[\] must be a non-empty list/);
    expect(problems(plan({ readouts: [] })).join('\n')).toMatch(/readouts = \[\] must be a non-empty list/);
  });

  it('refuses out-of-range values, naming the value and the allowed range', () => {
    expect(problems(plan({ vary: { tumourStiffnessKPa: [10, 500] } }))).toContain('vary.tumourStiffnessKPa[1] = 500 is out of range [1, 100] kPa');
    expect(problems(plan({ vary: { tumourStiffnessKPa: { from: 1, to: 1000, count: 4, scale: 'log' } } })))
      .toContain('vary.tumourStiffnessKPa value 4 of 4 = 1000 is out of range [1, 100] kPa');
    expect(problems(plan({ parameters: { ...SMALL, smacDoseNM: -1 } }))).toContain('parameters.smacDoseNM = -1 is out of range [0, 10000] nM');
    expect(problems(plan({ arms: [{ name: 'x', parameters: { softenerDoseRelative: 101 } }] })))
      .toContain('arms[0].parameters.softenerDoseRelative = 101 is out of range [0, 100]');
  });

  it("refuses a run whose whole scenario is invalid, naming the run's values", () => {
    const found = problems(plan({ vary: { tumourRadiusMicrons: [400, 2000] } }));
    expect(found.some((p) => p.startsWith('run (tumourRadiusMicrons = 2000, seed 1)'))).toBe(true);
    expect(found.some((p) => p.includes('tumourRadiusMicrons = 400,'))).toBe(false);
  });

  it('refuses unknown readouts, repeated values and seeds, and a key both varied and set by an arm', () => {
    expect(problems(plan({ readouts: ['lung_mets'] })).join('\n')).toMatch(/readouts\[0\] = "lung_mets" must be one of .*"lung_metastases"/);
    expect(problems(plan({ vary: { smacDoseNM: [0, 0] } })).join('\n')).toMatch(/lists 0 twice/);
    expect(problems(plan({ seeds: [3, 3] })).join('\n')).toMatch(/repeats a seed/);
    expect(problems(plan({ seeds: [1], replicates: 2 })).join('\n')).toMatch(/either "replicates"/);
    expect(problems(plan({ vary: { smacDoseNM: [0, 20] }, arms: [{ name: 'a', parameters: { smacDoseNM: 5 } }] })).join('\n'))
      .toMatch(/vary\.smacDoseNM: an arm also sets "smacDoseNM"/);
    expect(problems(plan({ vary: { smacDoseNM: { from: 0, to: 10, count: 3, step: 1 } } })).join('\n')).toMatch(/exactly one of "count"/);
  });

  it('hashes content, not key order', () => {
    const a = parsePlan(plan({ vary: { smacDoseNM: [0, 20] }, replicates: 2 }), BASE);
    const b = parsePlan({ replicates: 2, readouts: ['lung_metastases'], vary: { smacDoseNM: [0, 20] }, parameters: SMALL, name: 'p' }, BASE);
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(planHash(a)).toBe(planHash(b));
    expect(planHash(parsePlan(plan({ vary: { smacDoseNM: [0, 21] }, replicates: 2 }), BASE))).not.toBe(planHash(a));
  });

  it('stores its scenario directory relative to the results, so the results can move', () => {
    const parsed = parsePlan(plan({}), BASE);
    const record = planRecord({ plan: parsed, hash: planHash(parsed), scenarioDir: '/data/confine/scenarios' }, 3, '/data/confine/out/combination') as { scenarioDir: string };
    expect(record.scenarioDir).toBe('../../scenarios');
    expect(parsePlanFile(JSON.stringify(record), '/data/confine/out/combination/plan.json').scenarioDir).toBe('/data/confine/scenarios');
    expect(parsePlanFile(JSON.stringify(record), '/elsewhere/combination/plan.json').scenarioDir).toBe('/scenarios');
  });

  it('reads its stored plan back as the same plan, with the same hash', () => {
    const arms = [{ name: 'control', parameters: {} }, { name: 'treated', parameters: { smacDoseNM: 200 } }];
    const parsed = parsePlan(plan({ vary: { softenerDoseRelative: { from: 0.1, to: 10, count: 3, scale: 'log' } }, arms, replicates: 2 }), BASE);
    const text = `${JSON.stringify(planRecord({ plan: parsed, hash: planHash(parsed), scenarioDir: '/s' }, 12, '/out'), null, 2)}\n`;
    const stored = parsePlanFile(text, '/out/plan.json');
    expect(stored.plan).toEqual(parsed);
    expect(stored.hash).toBe(planHash(parsed));
    expect(stored.runs).toBe(12);
    expect(stored.text).toBe(text);
  });
});
