// Every cell rule on the GPU (shaders/cells/rules.wgsl) against its double-precision twin
// (src/cells/rules.ts), over each rule's interesting range and a few parameter sets.
import { describe, expect, it } from 'vitest';
import { cellParamValues, TISSUE_SETTING, type CellRuleParams } from '../../src/cells/cell-params.ts';
import { defaultParams, type Params } from '../../src/model/params.ts';
import { uniform4 } from '../../src/model/rng.ts';
import { scoped, useGpu } from './fixture.ts';
import { probeRules, RULE_INPUTS, RULE_OUTPUTS, storedCellParams, twinRules, type RuleOutputs, type RuleRow } from './rules-probe.ts';

// f32 against f64: exp, log and pow chains agree to a few f32 ulps times the exponent's size,
// well inside 1e-5 relative. Differences of nearly equal numbers (1 − e^−x for small x,
// 1 − p_s/p_arrest near arrest) lose relative precision but keep absolute precision of an ulp
// of their full scale, hence the floor of 1e-6 of each output's full scale.
const RELATIVE = 1e-5;
const FLOOR = 1e-6;

/** [low, high, values worth hitting exactly (thresholds, ends)] per input. */
const RANGES: Record<keyof RuleRow, [number, number, number[]]> = {
  po2: [0, 60, [0, 0.25, 0.5, 5, 10, 60]],
  stress: [-2, 20, [-2, 0, 4, 9.999, 10, 10.001, 20]],
  density: [0, 1.2, [0, 0.1, 0.999, 1, 1.2]],
  pore: [0.5, 30, [0.5, 4, 6, 9.5, 30]],
  vonMises: [0, 10, [0, 10]],
  smac: [0, 2000, [0, 1e-3, 16, 100, 2000]],
  iap: [0, 4, [0, 0.5, 1, 1.0001, 4]],
  motility: [1, 3, [1, 3]],
  rate: [0, 1, [0, 1e-6, 1e-3, 1]],
  dt: [0.1, 240, [0.1, 10, 240]],
  // 1, or hypoxia's own route raising the level that IAP and the speed gain relax to.
  base: [1, 3, [1, 1, 1.5, 3]],
  // Minutes of stabilisation left: none, ending within the step, or outlasting it.
  hold: [0, 600, [0, 0, 1, 120, 600]],
  level: [1, 4, [1, 2, 4]],
};

const ROWS = 320;

function rows(): RuleRow[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const row = {} as RuleRow;
    RULE_INPUTS.forEach((key, k) => {
      const [lo, hi, special] = RANGES[key];
      // Each input walks its own special values in the first rows, so combinations vary.
      const u = uniform4(5, i, k, 31)[0];
      row[key] = Math.fround(i < 64 ? special[(i * (k + 1) + k) % special.length] : lo + (hi - lo) * u);
    });
    return row;
  });
}

function values(overrides: Partial<Params>): CellRuleParams {
  const state = { nx: 32, ny: 32, hMicrons: 10, capacity: 0, seed: 1, step: 0, plasmaSmacNM: 0, nkCount: 0 };
  return cellParamValues({ ...defaultParams(), ...overrides }, TISSUE_SETTING, state);
}

const SETS: Record<string, Partial<Params>> = {
  defaults: {},
  'Hill 2, strong protections, fast relaxation': {
    smacHill: 2, smacIC50NM: 100, iapAnoikisProtection: 10, nkIapProtection: 0.5, hypoxiaThresholdMmHg: 5,
    growthArrestStressKPa: 4, iapRelaxationDays: 0.2, smacDegradationPerHour: 5, motilityStressDecayPerKPa: 1, nucleusDiameterMicrons: 6,
    squeezeSteepness: 20, constrictionSpacingMicrons: 1.5, criticalPoreMicrons: 3, iapRiseHours: 0.5, smacHoldAgeing: 40,
  },
  'Hill 0.5, no protection': { squeezeSteepness: 1, smacHill: 0.5, smacIC50NM: 0.5, iapAnoikisProtection: 0, nkIapProtection: 0, hypoxiaThresholdMmHg: 0 },
};

describe('cell rules on the GPU', () => {
  const gpu = useGpu();

  for (const [name, overrides] of Object.entries(SETS)) {
    it(`match their CPU twins (${name})`, async () => {
      const g = gpu();
      const v = values(overrides);
      const input = rows();
      const outputs = await scoped(g, () => probeRules(g, v, input));
      const p = storedCellParams(v);
      const scale: RuleOutputs = {
        chance: 1, divisionRate: p.division_rate, poreSpeed: 1, stressSpeed: 1, smacEffect: 1,
        iapAt: 1, motilityAt: 1, anoikisRate: p.anoikis_rate, nkProtection: 1,
        protectedTime: RANGES.dt[1], motilityTime: RANGES.dt[1] * RANGES.motility[1], eventTime: RANGES.dt[1],
        squeezePerMicron: 1 / p.constriction_spacing, lifeIapAt: 1, lifeProtectedTime: RANGES.dt[1],
      };
      const failures: string[] = [];
      input.forEach((row, i) => {
        const want = twinRules(p, row);
        for (const key of RULE_OUTPUTS) {
          const got = outputs[i][key];
          if (!(Math.abs(got - want[key]) <= RELATIVE * Math.abs(want[key]) + FLOOR * scale[key])) {
            failures.push(`row ${i} ${key}: GPU ${got}, twin ${want[key]} (${JSON.stringify(row)})`);
          }
        }
      });
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});
