// How one model step of a drug is solved when a bolus lands in it. A bolus is a jump in plasma,
// and tissue answers it within its relaxation time (1/decay: 10 min for the defaults), far
// shorter than a step. One solve over a step that holds a dose used the new plasma for the whole
// step: the dose acted up to a step early, and the tissue's rise after it was resolved with an
// error of the step's size, so the SMAC mimetic exposure of a run fell 0.9 % per halving of dt
// (240 → 60 min), away from rather than towards a limit. A step is therefore cut at each dose
// time: up to the dose, plasma is its level just before it (tissue concentration is continuous
// in time), and from the dose on, backward-Euler solves of doubling length follow the rise.

import { doseTimesMinutes, plasmaBefore, type BolusRegimen } from '../../model/dosing.ts';

export interface DrugSolve {
  minutes: number;
  /** Plasma at the solve's end, before any dose given at that instant. */
  plasma: number;
}

export interface DrugStepPlan {
  /**
   * True: no dose in the step, one solve of the whole step (BDF2 after the first). False: solves of
   * unequal length, each backward Euler, and the next regular step starts BDF2 afresh.
   */
  regular: boolean;
  solves: DrugSolve[];
}

/**
 * Solves after each dose, their lengths doubling: the first is 1/63 of the time to the next dose
 * or the step's end (3.8 min of a 4 h step), the last half of it. Each solve damps what is left
 * of the jump by 1/(1 + decay·length); the six together leave 0.04 % of it after a 4 h step
 * with the default decay of 0.1/min.
 */
export const SOLVES_AFTER_A_DOSE = 6;

/** The solves of the step (t0, t1]: a dose at t0 or inside counts in it, a dose at t1 in the next. */
export function drugStepPlan(regimen: BolusRegimen, t0Minutes: number, t1Minutes: number): DrugStepPlan {
  const dt = t1Minutes - t0Minutes;
  if (!(dt > 0)) throw new Error(`drugStepPlan: the step (${t0Minutes}, ${t1Minutes}] min is empty`);
  // Times are sums of steps; a dose within a millionth of a step of its edge is on the edge.
  const eps = 1e-6 * dt;
  const doses = regimen.peak === 0 ? [] : doseTimesMinutes(regimen.schedule).filter((t) => t > t0Minutes - eps && t < t1Minutes - eps);
  if (doses.length === 0) return { regular: true, solves: [{ minutes: dt, plasma: plasmaBefore(regimen, t1Minutes) }] };
  const solves: DrugSolve[] = [];
  let cursor = t0Minutes;
  doses.forEach((dose, i) => {
    const at = Math.max(dose, t0Minutes);
    if (at > cursor + eps) solves.push({ minutes: at - cursor, plasma: plasmaBefore(regimen, at) });
    const end = i + 1 < doses.length ? doses[i + 1] : t1Minutes;
    const unit = (end - at) / (2 ** SOLVES_AFTER_A_DOSE - 1);
    let t = at;
    for (let k = 0; k < SOLVES_AFTER_A_DOSE; k++) {
      const next = k === SOLVES_AFTER_A_DOSE - 1 ? end : t + unit * 2 ** k;
      solves.push({ minutes: next - t, plasma: plasmaBefore(regimen, next) });
      t = next;
    }
    cursor = end;
  });
  return { regular: false, solves };
}
