// The report's CSV files, for pandas, R or a spreadsheet. A column with one unit for every row
// carries it in its header (`name [unit]`, the project's CSV convention); where the unit
// changes from row to row (summary.csv, timecourses.csv hold every readout) it has a `unit`
// column instead. A missing number (no run, no interval for n = 1) is NaN, so every numeric
// column reads back as floats.
import { csvRows, type CsvValue } from '../io/csv.ts';
import type { Stat, SweepSummary } from './aggregate.ts';
import type { TimeCourse } from './timecourse.ts';

const orNaN = (v: number | null | undefined): number => (typeof v === 'number' ? v : NaN);
const bracket = (name: string, unit: string) => `${name} [${unit === '' ? '1' : unit}]`;

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return csvRows(header.length, [header]) + csvRows(header.length, rows);
}

function statFields(s: Stat): number[] {
  return [s.n, orNaN(s.mean), orNaN(s.sd), orNaN(s.low), orNaN(s.high)];
}

/** summary.csv: one row per arm and readout. */
export function summaryCsv(summary: SweepSummary): string {
  const header = ['arm', ...summary.factors.map((f) => bracket(f.key, f.unit)), 'readout', 'unit', 'n', 'mean', 'sd', 'ci95_low', 'ci95_high'];
  const rows = summary.arms.flatMap((arm) => summary.readouts.map((r) => [
    arm.label, ...summary.factors.map((f) => arm.values[f.key]!), r.name, r.unit, ...statFields(arm.stats[r.name]!),
  ]));
  return table(header, rows);
}

/** runs.csv: one row per ok run with its parameters and readouts. */
export function runsCsv(summary: SweepSummary): string {
  const header = [
    'run', 'arm', 'replicate', 'seed', ...summary.factors.map((f) => bracket(f.key, f.unit)), ...summary.readouts.map((r) => bracket(r.name, r.unit)),
  ];
  const rows = summary.arms.flatMap((arm) => arm.ok.map((run) => ({ arm, run })))
    .sort((a, b) => a.run.run - b.run.run)
    .map(({ arm, run }) => [
      run.run, arm.label, run.replicate, run.seed, ...summary.factors.map((f) => run.values[f.key]!),
      ...summary.readouts.map((r) => orNaN(run.readouts?.[r.name])),
    ]);
  return table(header, rows);
}

/** timecourses.csv: one row per arm, readout and sampled time. */
export function timecoursesCsv(courses: readonly TimeCourse[]): string {
  const header = ['arm', 'readout', 'unit', 'time_day', 'n', 'mean', 'ci95_low', 'ci95_high'];
  const rows = courses.flatMap((tc) => tc.points.map((p) => [
    tc.arm.label, tc.readout.name, tc.readout.unit, p.time, p.stat.n, orNaN(p.stat.mean), orNaN(p.stat.low), orNaN(p.stat.high),
  ]));
  return table(header, rows);
}
