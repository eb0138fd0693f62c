import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramsMarkdownTable, spliceParamsTable, TABLE_BEGIN, TABLE_END } from '../../src/model/params-doc.ts';
import { gridSizeProblem, sameUnit, validateParams } from '../../src/model/params-validate.ts';
import { PARAM_GROUPS, SOURCE_TAGS } from '../../src/model/param-spec.ts';
import { PARAM_BY_KEY, PARAMS, defaultParams, isParamKey } from '../../src/model/params.ts';
import { ScenarioError } from '../../src/model/validation.ts';

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('parameter table', () => {
  it('has unique keys and every default inside its range', () => {
    expect(new Set(PARAMS.map((p) => p.key)).size).toBe(PARAMS.length);
    for (const p of PARAMS) {
      expect(p.min, p.key).toBeLessThanOrEqual(p.default);
      expect(p.default, p.key).toBeLessThanOrEqual(p.max);
      expect(p.step, p.key).toBeGreaterThan(0);
      if (p.integer) expect(Number.isInteger(p.default), p.key).toBe(true);
    }
  });

  it('gives every entry a unit, label, source note, valid tag, group and apply mode', () => {
    for (const p of PARAMS) {
      expect(p.unit.length, p.key).toBeGreaterThan(0);
      expect(p.label.length, p.key).toBeGreaterThan(0);
      expect(p.source.length, p.key).toBeGreaterThan(0);
      expect(SOURCE_TAGS, p.key).toContain(p.tag);
      expect(PARAM_GROUPS, p.key).toContain(p.group);
      expect(['live', 'rebuild'], p.key).toContain(p.apply);
    }
  });

  it('lists the groups contiguously, in PARAM_GROUPS order', () => {
    const order = PARAMS.map((p) => PARAM_GROUPS.indexOf(p.group));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('names dimensional quantities with their unit', () => {
    const suffix: Record<string, RegExp> = {
      kPa: /KPa$/, 'µm': /Microns$/, 'µm²/s': /Um2PerS$/, mmHg: /MmHg$/, 'mmHg/s': /MmHgPerS$/, nM: /NM$/,
      h: /Hours$/, day: /Days?$/, min: /Minutes$/, '1/min': /PerMin$/, '1/day': /PerDay$/, 'µm/min': /UmPerMin$/,
    };
    for (const p of PARAMS) {
      const rule = suffix[p.unit];
      if (rule) expect(p.key, p.unit).toMatch(rule);
    }
  });

  it('carries the values the foundation relies on', () => {
    const d = defaultParams();
    expect(d).toMatchObject({
      oxygenDiffusivityUm2PerS: 2000, vesselWallPO2MmHg: 80, oxygenMaxUptakeMmHgPerS: 2, hypoxiaThresholdMmHg: 10,
      tumourPoissonRatio: 0.45, vesselCollapseStressKPa: 3, vesselCollapseExponent: 4,
      smacHalfLifeHours: 30, smacIntervalHours: 168, softenerHalfLifeHours: 6, dxMicrons: 10,
    });
    expect(gridSizeProblem(d.nx)).toBeUndefined();
    expect(isParamKey('nx')).toBe(true);
    expect(isParamKey('toString')).toBe(false);
  });

  it('hands out fresh copies of the defaults', () => {
    const a = defaultParams();
    a.nx = 512;
    expect(defaultParams().nx).toBe(256);
    expect(Object.isFrozen(PARAM_BY_KEY.nx)).toBe(true);
  });
});

describe('parameter values', () => {
  it('fills defaults and accepts explicit units', () => {
    const p = validateParams({ tumourStiffnessKPa: 12, oxygenDiffusivityUm2PerS: { value: 1800, unit: 'um2/s' } });
    expect(p.tumourStiffnessKPa).toBe(12);
    expect(p.oxygenDiffusivityUm2PerS).toBe(1800);
    expect(p.stromaCollagenRatio).toBe(PARAM_BY_KEY.stromaCollagenRatio.default);
  });

  it('folds only spellings of the same unit', () => {
    expect(sameUnit('µm²/s', 'µm²/s')).toBe(true);
    expect(sameUnit('μm^2/s', 'µm²/s')).toBe(true);
    expect(sameUnit('um2/s', 'µm²/s')).toBe(true);
    expect(sameUnit('mm²/s', 'µm²/s')).toBe(false);
    expect(sameUnit('Pa', 'kPa')).toBe(false);
  });

  it('reports every bad value with path, value and range, and never clamps', () => {
    const problems = problemsOf(() =>
      validateParams({
        tumourStiffnessKPa: 900,
        normalTissueStiffnessKPa: { value: 20, unit: 'Pa' },
        stromaStiffnessKPa: 40,
        smacDoseCount: 2.5,
        dtMinutes: '10',
        tumorStiffness: 3,
        nx: 100,
        ny: 136,
      }),
    );
    expect(problems).toEqual([
      'parameters.stromaStiffnessKPa is no longer a parameter: the stroma\'s modulus follows its collagen now; set stromaCollagenRatio (its collagen ÷ the tumour\'s) and collagenModulusExponent',
      'unknown key "tumorStiffness" in parameters (did you mean "tumourStiffnessKPa"?)',
      'parameters.tumourStiffnessKPa = 900 is out of range [1, 100] kPa',
      'parameters.normalTissueStiffnessKPa.unit = "Pa" is not this parameter\'s unit: expected "kPa" (values are never converted; write the value in kPa)',
      'parameters.smacDoseCount = 2.5 must be an integer in [0, 100]',
      'parameters.nx = 100 is not a multiple of 8: the multigrid halves the grid down to ≤ 16 cells a side, so sizes are multiples of 8 of the form c·2^k with c ≤ 16 (e.g. 64, 96, 128, 192, 256, 384, 512)',
      'parameters.ny = 136 halves only down to 17 cells: the multigrid halves the grid down to ≤ 16 cells a side, so sizes are multiples of 8 of the form c·2^k with c ≤ 16 (e.g. 64, 96, 128, 192, 256, 384, 512)',
      'parameters.dtMinutes = "10" must be a number in [0.1, 240] min, or {"value": …, "unit": "min"}',
    ]);
  });

  it('rejects non-finite numbers and malformed unit objects', () => {
    const problems = problemsOf(() =>
      validateParams({ dtMinutes: Number.NaN, durationDays: Infinity, dxMicrons: { value: 10 }, nx: { value: 64, unit: 'cells', x: 1 } }),
    );
    expect(problems).toEqual([
      'unknown key "x" in parameters.nx; allowed: value, unit',
      'parameters.dxMicrons.unit is missing: it must be the string "µm"',
      'parameters.dtMinutes = NaN is not finite: it must be a number in [0.1, 240] min',
      'parameters.durationDays = Infinity is not finite: it must be a number in [0, 3650] day',
    ]);
  });

  it('accepts the grid sizes the multigrid can coarsen', () => {
    for (const n of [16, 24, 64, 96, 120, 128, 192, 256, 384, 512, 1024, 4096]) expect(gridSizeProblem(n), String(n)).toBeUndefined();
    for (const n of [100, 136, 200, 17 * 16]) expect(gridSizeProblem(n), String(n)).toBeDefined();
  });
});

describe('generated parameter docs', () => {
  it('docs/scenario-format.md holds exactly the generated table', () => {
    const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    expect(doc).toContain(`${TABLE_BEGIN}\n${paramsMarkdownTable()}\n${TABLE_END}`);
    expect(spliceParamsTable(doc)).toBe(doc);
  });

  it('has one row per parameter', () => {
    const rows = paramsMarkdownTable().split('\n');
    expect(rows.length).toBe(PARAMS.length + 2);
    for (const p of PARAMS) expect(rows.some((r) => r.includes(`\`${p.key}\``)), p.key).toBe(true);
  });
});
