import { describe, expect, it } from 'vitest';
import { summariseSweep, type SweepSummary } from '../../src/report/aggregate.ts';
import { parsePlanFile } from '../../src/sweep/plan-file.ts';
import { parseResults } from '../../src/sweep/results-file.ts';
import { timeCourse } from '../../src/report/timecourse.ts';
import { jsonl, syntheticPlan, syntheticRuns, type RunLine } from './report-fixture.ts';

// t(0.975, 2) and t(0.975, 1): the 95 % intervals of three and of two replicates.
const T2 = 4.302652729749462;
const T1 = 12.706204736174694;

function summarise(lines: readonly RunLine[], plan: Record<string, unknown> = syntheticPlan()): SweepSummary {
  return summariseSweep(parsePlanFile(JSON.stringify(plan), 'plan.json'), parseResults([{ path: 'results.jsonl', text: jsonl(lines) }]));
}

const armAt = (s: SweepSummary, stiffness: number, dose: number) =>
  s.arms.find((a) => a.values.tumourStiffnessKPa === stiffness && a.values.softenerDoseRelative === dose)!;

describe('summariseSweep', () => {
  it('finds the factors and groups the runs into one arm per setting, in factor order', () => {
    const s = summarise(syntheticRuns());
    expect(s.factors.map((f) => [f.key, f.values, f.scale, f.unit])).toEqual([
      ['tumourStiffnessKPa', [10, 20, 40], 'linear', 'kPa'],
      ['softenerDoseRelative', [0, 0.5, 1], 'log', '1'],
    ]);
    expect(s.constants).toEqual({});
    expect(s.arms).toHaveLength(9);
    expect(s.arms.map((a) => a.label).slice(0, 4)).toEqual([
      'Tumour stiffness 10 kPa · Softener plasma peak 0',
      'Tumour stiffness 10 kPa · Softener plasma peak 0.5',
      'Tumour stiffness 10 kPa · Softener plasma peak 1',
      'Tumour stiffness 20 kPa · Softener plasma peak 0',
    ]);
    expect(s.arms.map((a) => a.ok.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(armAt(s, 40, 1).failed.map((r) => r.run)).toEqual([27]);
    expect([s.ok, s.failed, s.missing]).toEqual([27, 1, 1]);
    expect(s.readouts.map((r) => [r.name, r.unit])).toEqual([['lung_metastases', 'cells'], ['extravasated', 'cells']]);
    expect(s.series.map((r) => r.name)).toEqual(['live_tissue']);
  });

  it('gives each arm and readout n, mean, sd and the Student-t 95 % interval', () => {
    const s = summarise(syntheticRuns());
    // 20 kPa, dose 0.5: lung metastases 6, 8, 10 → mean 8, sd 2
    const lung = armAt(s, 20, 0.5).stats.lung_metastases!;
    expect(lung.n).toBe(3);
    expect(lung.mean).toBeCloseTo(8, 12);
    expect(lung.sd).toBeCloseTo(2, 12);
    expect(lung.low).toBeCloseTo(8 - (T2 * 2) / Math.sqrt(3), 10);
    expect(lung.high).toBeCloseTo(8 + (T2 * 2) / Math.sqrt(3), 10);
    // 40 kPa, dose 0: extravasated 399, 400, 401 → mean 400, sd 1
    const extravasated = armAt(s, 40, 0).stats.extravasated!;
    expect(extravasated.mean).toBeCloseTo(400, 12);
    expect(extravasated.high! - extravasated.mean!).toBeCloseTo(T2 / Math.sqrt(3), 10);
  });

  it('leaves null readouts out of n, and gives no interval for one value', () => {
    const lines = syntheticRuns();
    (lines[0]!.readouts as Record<string, unknown>).extravasated = null; // 10 kPa, dose 0, replicate 0
    (lines[3]!.readouts as Record<string, unknown>).extravasated = null; // 10 kPa, dose 0.5: two of three
    (lines[4]!.readouts as Record<string, unknown>).extravasated = null;
    const s = summarise(lines);
    const two = armAt(s, 10, 0).stats.extravasated!;
    expect(two.n).toBe(2);
    expect(two.mean).toBeCloseTo(100.5, 12); // 100 and 101
    expect(two.high! - two.mean!).toBeCloseTo((T1 * Math.SQRT1_2) / Math.sqrt(2), 10);
    expect(armAt(s, 10, 0.5).stats.extravasated).toEqual({ n: 1, mean: 101, sd: null, low: null, high: null });
    expect(armAt(s, 10, 0).stats.lung_metastases!.n).toBe(3);
  });

  it('labels arms by the plan\'s arm names, in the plan\'s order, and finds no factor where nothing varies', () => {
    const arms = [{ name: 'softened', parameters: { softenerDoseRelative: 1 } }, { name: 'control', parameters: { softenerDoseRelative: 0 } }];
    const plan = syntheticPlan({ factors: [], arms });
    const base = syntheticRuns()[0]!;
    const lines = [0, 1, 2, 3].map((run) => ({
      ...base, run, arm: run < 2 ? 'control' : 'softened',
      values: { softenerDoseRelative: run < 2 ? 0 : 1, smacDoseNM: 200 },
    }));
    const s = summarise(lines, plan);
    expect(s.factors.map((f) => f.key)).toEqual(['softenerDoseRelative']);
    expect(s.constants).toEqual({ smacDoseNM: 200 });
    // the arm's name says the parameters the arm sets
    expect(s.arms.map((a) => a.label)).toEqual(['softened', 'control']);
    expect(s.armKeys).toEqual(['softenerDoseRelative']);
    const unnamed = summarise(lines, syntheticPlan({ factors: [], arms: arms.map((a) => ({ ...a, parameters: {} })) }));
    expect(unnamed.arms.map((a) => a.label)).toEqual(['softened · Softener plasma peak 1', 'control · Softener plasma peak 0']);
    const same = summarise(lines.map((l) => ({ ...l, arm: null, values: { smacDoseNM: 200 } })), plan);
    expect(same.factors).toEqual([]);
    expect(same.arms.map((a) => [a.label, a.ok.length])).toEqual([['all runs', 4]]);
  });
});

describe('timeCourse', () => {
  it('averages the replicates at each time with the 95 % interval', () => {
    const s = summarise(syntheticRuns());
    const tc = timeCourse(armAt(s, 10, 0), s.series[0]!);
    expect(tc.aligned).toBe(true);
    expect(tc.replicates).toBe(3);
    expect(tc.points.map((p) => [p.time, p.stat.n, p.stat.mean])).toEqual([[0, 3, 100], [1, 3, 110], [2, 3, 120]]);
    // at day 1: 109, 110, 111 → sd 1
    expect(tc.points[1]!.stat.low).toBeCloseTo(110 - T2 / Math.sqrt(3), 10);
    expect(tc.points[0]!.stat.low).toBe(100); // no spread at day 0
  });

  it('matches times across replicates and says when they differ', () => {
    const lines = syntheticRuns();
    const first = lines[0]!;
    first.series = { time: [0, 1 + 1e-9, 2, 3], live_tissue: [100, 109, 118, null] };
    lines[1]!.series = { time: [0, 1, 2, 3], live_tissue: [100, 110, 120, 130] };
    const s = summarise(lines);
    const tc = timeCourse(armAt(s, 10, 0), s.series[0]!);
    expect(tc.aligned).toBe(false);
    expect(tc.points.map((p) => [p.time, p.stat.n])).toEqual([[0, 3], [1 + 1e-9, 3], [2, 3], [3, 1]]);
    expect(tc.points[3]!.stat.low).toBeNull();
  });

  it('leaves out runs without the series', () => {
    const lines = syntheticRuns().map((l) => (l.run === 0 ? { ...l, series: {} } : l));
    const s = summarise(lines);
    expect(armAt(s, 10, 0).ok).toHaveLength(3);
    expect(timeCourse(armAt(s, 10, 0), s.series[0]!).replicates).toBe(2);
  });
});
