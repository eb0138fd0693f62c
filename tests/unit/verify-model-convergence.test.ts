// The bookkeeping of the model-convergence table: which refinement is checked, and the
// differences and their standard errors, on hand-made results.
import { describe, expect, it } from 'vitest';
import { compareReadouts, convergenceRows, expectationRows, refinements, FULL_PLAN, MODEL_READOUTS, type ModelReadouts, type SettingResult } from '../../src/verify/model-convergence.ts';

const run = (v: number): ModelReadouts =>
  Object.fromEntries(Object.keys(MODEL_READOUTS).map((k) => [k, v])) as ModelReadouts;

const results: SettingResult[] = [
  { setting: { hMicrons: 20, dtMinutes: 240 }, runs: [run(1.2), run(1.4)] },
  { setting: { hMicrons: 10, dtMinutes: 240 }, runs: [run(1.0), run(1.0)] },
  { setting: { hMicrons: 5, dtMinutes: 240 }, runs: [run(0.98), run(1.0)] },
  { setting: { hMicrons: 5, dtMinutes: 60 }, runs: [run(1.05), run(1.05)] },
];

describe('model convergence table', () => {
  it('groups settings into an h series at one dt and a dt series at one h, checking the last of each', () => {
    expect(refinements(results.map((r) => r.setting))).toEqual([
      { coarse: 0, fine: 1, varies: 'h', finest: false },
      { coarse: 1, fine: 2, varies: 'h', finest: true },
      { coarse: 2, fine: 3, varies: 'dt', finest: true },
    ]);
  });

  it('orders each series coarse to fine whatever the order of the settings', () => {
    const settings = [{ hMicrons: 10, dtMinutes: 60 }, { hMicrons: 10, dtMinutes: 240 }, { hMicrons: 5, dtMinutes: 240 }, { hMicrons: 10, dtMinutes: 120 }, { hMicrons: 20, dtMinutes: 240 }];
    expect(refinements(settings)).toEqual([
      { coarse: 4, fine: 1, varies: 'h', finest: false },
      { coarse: 1, fine: 2, varies: 'h', finest: true },
      { coarse: 1, fine: 3, varies: 'dt', finest: false },
      { coarse: 3, fine: 0, varies: 'dt', finest: true },
    ]);
  });

  it('reports relative differences of the means with their standard errors', () => {
    const [c] = compareReadouts(results);
    [1.3, 1, 0.99, 1.05].forEach((m, k) => expect(c.means[k]).toBeCloseTo(m, 12));
    expect(c.differences[0]).toBeCloseTo(0.3, 12);
    expect(c.differences[2]).toBeCloseTo(0.06 / 1.05, 12);
    // SE of the mean of (1.2, 1.4) is 0.1; of (1, 1) is 0.
    expect(c.differenceErrors[0]).toBeCloseTo(0.1, 12);
  });

  it('gives every readout a row per refinement, thresholds on the finest but for those reported only', () => {
    const rows = convergenceRows(FULL_PLAN, results);
    const readouts = Object.keys(MODEL_READOUTS).length;
    expect(rows).toHaveLength(3 * readouts);
    expect(rows.filter((r) => r.threshold === FULL_PLAN.tolerance)).toHaveLength(2 * (readouts - FULL_PLAN.reportedOnly.length));
    const survival = rows.filter((r) => r.case === `Model convergence: ${MODEL_READOUTS.circulationSurvival}`);
    expect(survival.map((r) => r.threshold)).toEqual([undefined, undefined, undefined]);
  });

  it('compares counts with their expectations over all runs, in standard errors', () => {
    const counted = (v: number, c: number, e: number): ModelReadouts => ({ ...run(v), intravasationsPerVesselDay: c, expectedIntravasationsPerVesselDay: e, circulationSurvival: c, expectedCirculationSurvival: e });
    // counted/expected − 1 over four runs: 0.1, −0.1, 0.2, 0 → mean 0.05, SE 0.0645.
    const rows = expectationRows([
      { setting: { hMicrons: 20, dtMinutes: 240 }, runs: [counted(1, 1.1, 1), counted(1, 0.9, 1)] },
      { setting: { hMicrons: 10, dtMinutes: 240 }, runs: [counted(1, 1.2, 1), counted(1, 2, 2)] },
    ]);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.threshold).toBe(3);
      expect(r.value).toBeCloseTo(0.05 / (Math.sqrt(((0.05 ** 2 + 0.15 ** 2 + 0.15 ** 2 + 0.05 ** 2) / 3)) / 2), 10);
    }
  });
});
