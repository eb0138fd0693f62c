// The report's content from a sweep's plan and results, without touching a file: the summary,
// every figure grouped into the page's sections, the time courses and the CSV tables. The
// command writes them out and renders the page once it knows whether PNGs were made.
import { summariseSweep, type SweepSummary } from './aggregate.ts';
import { doseResponseFigure } from './figure-dose-response.ts';
import { factorPairs, heatmapFigure } from './figure-heatmap.ts';
import { timeCourseFigures } from './figure-timecourse.ts';
import type { ReportSection } from './html.ts';
import type { PlanFile } from '../sweep/plan-file.ts';
import type { SweepResults } from '../sweep/results-file.ts';
import type { Figure } from './svg.ts';
import { runsCsv, summaryCsv, timecoursesCsv } from './tables.ts';
import type { TimeCourse } from './timecourse.ts';

export interface BuiltReport {
  summary: SweepSummary;
  sections: ReportSection[];
  figures: Figure[];
  courses: TimeCourse[];
  /** File name → CSV text. */
  tables: Record<string, string>;
}

export function buildReport(plan: PlanFile, results: Pick<SweepResults, 'records' | 'notes'>): BuiltReport {
  const summary = summariseSweep(plan, results);
  const { factors, readouts, series } = summary;
  const primary = readouts[0]!;
  const pairs = factorPairs(factors);
  const sections: ReportSection[] = [{
    heading: `Heatmaps of the primary readout, ${primary.label}`,
    figures: pairs.map(([fx, fy]) => heatmapFigure(summary, fx, fy, primary)),
    text: pairs.length === 0 ? `A heatmap needs two factors that vary; this sweep has ${factors.length}.` : '',
  }];
  if (factors.length === 0) sections.push({ heading: 'Dose–response', figures: [], text: 'No parameter varies between the runs.' });
  for (const factor of factors) {
    sections.push({ heading: `Dose–response: ${factor.label}`, figures: readouts.map((r) => doseResponseFigure(summary, factor, r)), text: '' });
  }
  const courses: TimeCourse[] = [];
  const timeFigures: Figure[] = [];
  const lacking: string[] = [];
  for (const readout of series) {
    const drawn = timeCourseFigures(summary, readout);
    courses.push(...drawn.courses);
    timeFigures.push(...drawn.figures);
    const without = summary.arms.length - drawn.courses.length;
    if (without > 0) lacking.push(`${readout.name} (${without} of ${summary.arms.length} arms)`);
  }
  sections.push({
    heading: 'Time courses',
    figures: timeFigures,
    text: series.length === 0 ? 'The plan keeps no time courses ("series" lists none).'
      : lacking.length > 0 ? `Arms without an ok run that has the series are left out: ${lacking.join(', ')}.` : '',
  });
  return {
    summary,
    sections,
    figures: sections.flatMap((s) => s.figures),
    courses,
    tables: { 'summary.csv': summaryCsv(summary), 'runs.csv': runsCsv(summary), 'timecourses.csv': timecoursesCsv(courses) },
  };
}
