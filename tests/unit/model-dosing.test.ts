import { describe, expect, it } from 'vitest';
import {
  courseActive,
  doseTimesMinutes,
  plasmaBefore,
  plasmaConcentration,
  plasmaMean,
  smacRegimen,
  softenerCourse,
  softenerRegimen,
  type BolusRegimen,
} from '../../src/model/dosing.ts';
import { defaultParams } from '../../src/model/params.ts';

const single: BolusRegimen = { schedule: { firstDoseMinutes: 60, intervalMinutes: 1000, count: 1 }, peak: 500, halfLifeMinutes: 1800 };

describe('IV bolus pharmacokinetics', () => {
  it('is zero before the first dose and the peak at it', () => {
    expect(plasmaConcentration(single, 59.999)).toBe(0);
    expect(plasmaConcentration(single, 60)).toBe(500);
  });

  it('halves every half-life after a single dose', () => {
    for (let n = 1; n <= 5; n++) {
      expect(plasmaConcentration(single, 60 + n * 1800)).toBeCloseTo(500 / 2 ** n, 10);
    }
  });

  it('accumulates repeated doses as a geometric series', () => {
    const regimen: BolusRegimen = { schedule: { firstDoseMinutes: 0, intervalMinutes: 600, count: 8 }, peak: 3, halfLifeMinutes: 900 };
    const r = 2 ** (-600 / 900);
    for (let n = 1; n <= 8; n++) {
      const justAfterDoseN = plasmaConcentration(regimen, (n - 1) * 600);
      expect(justAfterDoseN).toBeCloseTo((3 * (1 - r ** n)) / (1 - r), 12);
    }
    // After the last dose it only decays: the count caps the schedule.
    const afterLast = plasmaConcentration(regimen, 7 * 600);
    expect(plasmaConcentration(regimen, 7 * 600 + 900)).toBeCloseTo(afterLast / 2, 12);
    // The steady-state peak C0/(1 − r) bounds every value.
    expect(afterLast).toBeLessThan(3 / (1 - r));
  });

  it('has a left limit that leaves out a dose given at that instant', () => {
    expect(plasmaBefore(single, 60)).toBe(0);
    expect(plasmaBefore(single, 60 + 1800)).toBeCloseTo(250, 10);
  });

  it('averages over an interval as the integral of the curve, a dose inside it included', () => {
    // Trapezoids on a fine grid against the closed form; the dose at 60 min lies inside (0, 2000].
    const average = (t0: number, t1: number, n = 200_000) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += plasmaConcentration(single, t0 + ((i + 0.5) * (t1 - t0)) / n);
      return sum / n;
    };
    for (const [t0, t1] of [[0, 2000], [60, 300], [500, 740], [0, 59]]) {
      expect(plasmaMean(single, t0, t1)).toBeCloseTo(average(t0, t1), 6);
    }
    expect(() => plasmaMean(single, 100, 100)).toThrow(/empty/);
  });

  it('gives nothing for zero doses', () => {
    expect(plasmaConcentration({ ...single, schedule: { ...single.schedule, count: 0 } }, 1e6)).toBe(0);
  });

  it('builds the SMAC mimetic schedule from the parameters, in minutes', () => {
    const p = defaultParams();
    const regimen = smacRegimen(p);
    expect(doseTimesMinutes(regimen.schedule)).toEqual([1440, 1440 + 10080, 1440 + 2 * 10080]);
    expect(regimen.halfLifeMinutes).toBe(30 * 60);
    expect(plasmaConcentration(regimen, 1440 + 30 * 60)).toBeCloseTo(p.smacDoseNM / 2, 10);
  });
});

describe('softening agent', () => {
  it('is dosed every interval while its course runs', () => {
    const p = { ...defaultParams(), softenerStartDay: 2, softenerDurationDays: 3.5, softenerIntervalHours: 24 };
    expect(doseTimesMinutes(softenerRegimen(p).schedule)).toEqual([2880, 4320, 5760, 7200]);
    expect(doseTimesMinutes(softenerRegimen(defaultParams()).schedule)).toHaveLength(14);
  });

  it('runs from its start for its duration', () => {
    const course = softenerCourse({ ...defaultParams(), softenerStartDay: 1, softenerDurationDays: 2 });
    expect(courseActive(course, 1439)).toBe(false);
    expect(courseActive(course, 1440)).toBe(true);
    expect(courseActive(course, 4319)).toBe(true);
    expect(courseActive(course, 4320)).toBe(false);
  });
});
