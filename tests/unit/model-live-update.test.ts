import { describe, expect, it } from 'vitest';
import { ecmBaseOf } from '../../src/cells/experiments.ts';
import { RebuildNeededError, withLiveParameters } from '../../src/model/live-update.ts';
import { DEFAULT_SCENARIO, parseScenario, ScenarioError } from '../../src/model/scenario.ts';
import { buildWorld, materialOf } from '../../src/sim/world.ts';
import transwell from '../../scenarios/transwell.json';

describe('live parameter update', () => {
  const p = DEFAULT_SCENARIO.parameters;

  it('gives a new frozen scenario with the new values and leaves the old one as it was', () => {
    const next = withLiveParameters(DEFAULT_SCENARIO, { ...p, tumourStiffnessKPa: 30, dtMinutes: 60 });
    expect(next.parameters.tumourStiffnessKPa).toBe(30);
    expect(next.parameters.dtMinutes).toBe(60);
    expect({ ...next, parameters: p }).toEqual(DEFAULT_SCENARIO);
    expect(Object.isFrozen(next.parameters)).toBe(true);
    expect(DEFAULT_SCENARIO.parameters.tumourStiffnessKPa).toBe(20);
  });

  it('refuses changed rebuild keys, naming them all', () => {
    const change = { ...p, nx: 128, carryingCapacityCellsPerMm2: 5000, tumourStiffnessKPa: 30 };
    expect(() => withLiveParameters(DEFAULT_SCENARIO, change)).toThrow(RebuildNeededError);
    expect(() => withLiveParameters(DEFAULT_SCENARIO, change)).toThrow(/^carryingCapacityCellsPerMm2, nx need a rebuild/);
  });

  it('refuses values out of range, non-integers and missing keys, as a scenario file would', () => {
    const { durationDays: _, ...missing } = p;
    const bad = { ...missing, oxygenDiffusivityUm2PerS: 50, smacDoseCount: 1.5 };
    const error = (() => {
      try {
        withLiveParameters(DEFAULT_SCENARIO, bad as typeof p);
      } catch (e) {
        return e as ScenarioError;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error?.problems).toEqual([
      'parameters.oxygenDiffusivityUm2PerS = 50 is out of range [100, 5000] µm²/s',
      'parameters.smacDoseCount = 1.5 must be an integer in [0, 100]',
      'parameters.durationDays is missing: an update gives every parameter',
    ]);
  });
});

describe('parameter-derived inputs', () => {
  it('material maps follow the live collagen, moduli and Poisson ratios', () => {
    const s = withLiveParameters(DEFAULT_SCENARIO, { ...DEFAULT_SCENARIO.parameters, stromaCollagenRatio: 2, tumourPoissonRatio: 0.3 });
    const rebuilt = buildWorld(parseScenario({ name: 'x', kind: 'tissue', parameters: s.parameters }));
    const m = materialOf(s, buildWorld(DEFAULT_SCENARIO));
    expect(m.collagen).toEqual(rebuilt.collagen);
    expect(m.baseE).toEqual(rebuilt.baseE);
    expect(m.nu).toEqual(rebuilt.nu);
    expect(m.baseE).not.toEqual(buildWorld(DEFAULT_SCENARIO).baseE);
  });

  it('a transwell membrane keeps its pore diameters when the matrix pore size changes', () => {
    const s = parseScenario(transwell);
    const world = buildWorld(s);
    for (const pore of [10, 14]) {
      const changed = withLiveParameters(s, { ...s.parameters, poreSizeMicrons: pore });
      const ecm = ecmBaseOf(changed, world);
      // The matrix rule's pore, d0/√ECM_0, across the membrane row: 3 µm in the left well, 8 in the right.
      const membranePores = new Set([...ecm].filter((e) => e !== 1).map((e) => Math.round(10 * pore / Math.sqrt(e)) / 10));
      expect([...membranePores].sort((a, b) => a - b)).toEqual([3, 8]);
    }
  });
});
