// One-compartment pharmacokinetics of an IV-bolus schedule. Each dose lifts plasma by its
// peak C0 = Dose/Vd, which then decays with the plasma half-life; doses add linearly:
//   C_p(t) = Σ_{t_i ≤ t} C0·exp(−ln2·(t − t_i)/t½).
// The plasma level is what perfused capillaries present to tissue, so it is computed here on
// the CPU once per step and handed to the GPU as a single number. Times are in minutes.

import type { Params } from './params.ts';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;

export interface DoseSchedule {
  readonly firstDoseMinutes: number;
  readonly intervalMinutes: number;
  readonly count: number;
}

export interface BolusRegimen {
  readonly schedule: DoseSchedule;
  /** Plasma level just after one dose (Dose/Vd), in the drug's unit. */
  readonly peak: number;
  readonly halfLifeMinutes: number;
}

export function doseTimesMinutes(schedule: DoseSchedule): number[] {
  return Array.from({ length: schedule.count }, (_, i) => schedule.firstDoseMinutes + i * schedule.intervalMinutes);
}

/** Plasma concentration at time t; a dose given exactly at t counts (the bolus is instantaneous). */
export function plasmaConcentration(regimen: BolusRegimen, tMinutes: number): number {
  return plasmaFrom(regimen, tMinutes, (ti) => ti <= tMinutes);
}

/** The level just before t: a dose given exactly at t does not count yet (the left limit). */
export function plasmaBefore(regimen: BolusRegimen, tMinutes: number): number {
  return plasmaFrom(regimen, tMinutes, (ti) => ti < tMinutes);
}

function plasmaFrom(regimen: BolusRegimen, tMinutes: number, given: (ti: number) => boolean): number {
  const rate = Math.LN2 / regimen.halfLifeMinutes;
  let sum = 0;
  for (const ti of doseTimesMinutes(regimen.schedule)) {
    if (!given(ti)) break;
    sum += Math.exp(-rate * (tMinutes - ti));
  }
  return regimen.peak * sum;
}

/**
 * The mean plasma level over (t0, t1], in closed form: what a cell that spends a random part of
 * the step in the blood meets on average, whether or not a dose lands inside the step.
 */
export function plasmaMean(regimen: BolusRegimen, t0Minutes: number, t1Minutes: number): number {
  if (!(t1Minutes > t0Minutes)) throw new Error(`plasmaMean: the interval (${t0Minutes}, ${t1Minutes}] min is empty`);
  const rate = Math.LN2 / regimen.halfLifeMinutes;
  let integral = 0;
  for (const ti of doseTimesMinutes(regimen.schedule)) {
    if (ti >= t1Minutes) break;
    const from = Math.max(t0Minutes, ti);
    integral += (Math.exp(-rate * (from - ti)) - Math.exp(-rate * (t1Minutes - ti))) / rate;
  }
  return (regimen.peak * integral) / (t1Minutes - t0Minutes);
}

export function smacRegimen(p: Params): BolusRegimen {
  return {
    schedule: {
      firstDoseMinutes: p.smacFirstDoseDay * MINUTES_PER_DAY,
      intervalMinutes: p.smacIntervalHours * MINUTES_PER_HOUR,
      count: p.smacDoseCount,
    },
    peak: p.smacDoseNM,
    halfLifeMinutes: p.smacHalfLifeHours * MINUTES_PER_HOUR,
  };
}

export interface Course {
  readonly startMinutes: number;
  readonly durationMinutes: number;
}

export function softenerCourse(p: Params): Course {
  return { startMinutes: p.softenerStartDay * MINUTES_PER_DAY, durationMinutes: p.softenerDurationDays * MINUTES_PER_DAY };
}

/** Whether a course is running at t: from its start, for its duration (end excluded). */
export function courseActive(course: Course, tMinutes: number): boolean {
  return tMinutes >= course.startMinutes && tMinutes < course.startMinutes + course.durationMinutes;
}

/**
 * The softener is dosed every interval while its course runs: a dose at start + k·interval
 * for every such time before the course ends, so a 14-day course of daily doses has 14.
 */
export function softenerRegimen(p: Params): BolusRegimen {
  const course = softenerCourse(p);
  const intervalMinutes = p.softenerIntervalHours * MINUTES_PER_HOUR;
  return {
    schedule: {
      firstDoseMinutes: course.startMinutes,
      intervalMinutes,
      count: Math.ceil(course.durationMinutes / intervalMinutes),
    },
    peak: p.softenerDoseRelative,
    halfLifeMinutes: p.softenerHalfLifeHours * MINUTES_PER_HOUR,
  };
}
