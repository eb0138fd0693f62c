// When each therapy runs, in days, for shading the plots. The softening course runs from its
// start for its duration; the SMAC mimetic is marked from its first dose until one dosing
// interval after its last (each dose is also marked on its own).
import { doseTimesMinutes, smacRegimen, softenerCourse } from '../model/dosing.ts';
import type { Params } from '../model/params.ts';

const MINUTES_PER_DAY = 1440;

export interface TherapyPeriod {
  therapy: 'softening agent' | 'SMAC mimetic';
  startDay: number;
  endDay: number;
  doseDays: number[];
}

export function therapyPeriods(p: Params): TherapyPeriod[] {
  const out: TherapyPeriod[] = [];
  if (p.softenerDoseRelative > 0 && p.softenerDurationDays > 0) {
    const c = softenerCourse(p);
    out.push({
      therapy: 'softening agent', startDay: c.startMinutes / MINUTES_PER_DAY,
      endDay: (c.startMinutes + c.durationMinutes) / MINUTES_PER_DAY, doseDays: [],
    });
  }
  if (p.smacDoseNM > 0 && p.smacDoseCount > 0) {
    const doses = doseTimesMinutes(smacRegimen(p).schedule).map((t) => t / MINUTES_PER_DAY);
    out.push({
      therapy: 'SMAC mimetic', startDay: doses[0]!,
      endDay: doses[doses.length - 1]! + p.smacIntervalHours / 24, doseDays: doses,
    });
  }
  return out;
}
