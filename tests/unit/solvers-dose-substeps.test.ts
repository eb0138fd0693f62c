import { describe, expect, it } from 'vitest';
import { plasmaBefore, type BolusRegimen } from '../../src/model/dosing.ts';
import { drugStepPlan, SOLVES_AFTER_A_DOSE } from '../../src/solvers/transport/dose-substeps.ts';

/** Doses at 1440 and 1500 min, t½ 30 h. */
const TWO: BolusRegimen = { schedule: { firstDoseMinutes: 1440, intervalMinutes: 60, count: 2 }, peak: 5, halfLifeMinutes: 1800 };
const total = (plan: { solves: { minutes: number }[] }) => plan.solves.reduce((s, x) => s + x.minutes, 0);

describe('the solves of a drug step', () => {
  it('is one solve of the whole step with no dose in it, plasma at its end', () => {
    const plan = drugStepPlan(TWO, 1680, 1920);
    expect(plan.regular).toBe(true);
    expect(plan.solves).toEqual([{ minutes: 240, plasma: plasmaBefore(TWO, 1920) }]);
  });

  it('leaves a dose at the step end to the next step: up to it the tissue meets the plasma before it', () => {
    const plan = drugStepPlan(TWO, 1200, 1440);
    expect(plan.regular).toBe(true);
    expect(plan.solves[0].plasma).toBe(0);
  });

  it('cuts the step at a dose at its start, with solves doubling in length to the next dose', () => {
    const plan = drugStepPlan({ ...TWO, schedule: { ...TWO.schedule, count: 1 } }, 1440, 1680);
    expect(plan.regular).toBe(false);
    expect(plan.solves).toHaveLength(SOLVES_AFTER_A_DOSE);
    for (let k = 1; k < plan.solves.length; k++) expect(plan.solves[k].minutes / plan.solves[k - 1].minutes).toBeCloseTo(2, 9);
    expect(total(plan)).toBeCloseTo(240, 9);
    // Each solve ends after the dose, so each sees it, decayed to the solve's end.
    let t = 1440;
    for (const s of plan.solves) {
      t += s.minutes;
      expect(s.plasma).toBeCloseTo(5 * 2 ** (-(t - 1440) / 1800), 9);
    }
  });

  it('cuts at every dose inside the step: before the first, then after each up to the next', () => {
    const plan = drugStepPlan(TWO, 1400, 1640);
    expect(plan.regular).toBe(false);
    expect(plan.solves).toHaveLength(1 + 2 * SOLVES_AFTER_A_DOSE);
    expect(plan.solves[0]).toEqual({ minutes: 40, plasma: 0 });
    expect(total({ solves: plan.solves.slice(1, 1 + SOLVES_AFTER_A_DOSE) })).toBeCloseTo(60, 9);
    expect(total(plan)).toBeCloseTo(240, 9);
    // Just before the second dose only the first has been given.
    expect(plan.solves[SOLVES_AFTER_A_DOSE].plasma).toBeCloseTo(5 * 2 ** (-60 / 1800), 9);
  });

  it('treats a schedule of zero peak as no doses', () => {
    expect(drugStepPlan({ ...TWO, peak: 0 }, 1400, 1640).regular).toBe(true);
  });

  it('rejects an empty step', () => {
    expect(() => drugStepPlan(TWO, 100, 100)).toThrow(/empty/);
  });
});
