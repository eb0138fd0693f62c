// Time courses: one readout against time, a mean line and a 95 % band per arm. Past eight arms
// the lines cannot be told apart, so the arms are split into panels with the same axes: one per
// plan arm name, or else per value of the first factor, or else in even chunks.
import { armLabelWithout, type Arm, type Readout, type SweepSummary } from './aggregate.ts';
import { capitalise, parameterSetting, withUnit } from './labels.ts';
import { linearScale, type Scale } from './scales.ts';
import { bandPath, dashAttribute, figureFileName, legend, legendWidth, linePath, plotFrame, seriesStyle, svgOpen, type Figure, type Rect } from './svg.ts';
import { timeCourse, type TimeCourse } from './timecourse.ts';

const MAX_ARMS_PER_PANEL = 8;

interface Panel {
  /** What every arm in the panel shares, for its title; '' for a single panel. */
  heading: string;
  courses: TimeCourse[];
  label(arm: Arm): string;
}

/** The figures of one readout's time courses, and the courses drawn (every arm with the series). */
export function timeCourseFigures(summary: SweepSummary, readout: Readout): { figures: Figure[]; courses: TimeCourse[] } {
  const courses = summary.arms.map((arm) => timeCourse(arm, readout)).filter((tc) => tc.points.length > 0);
  if (courses.length === 0) return { figures: [], courses };
  const panels = splitIntoPanels(summary, courses);
  const plot: Rect = { left: 78, right: 78 + 460, top: 52, bottom: 52 + 300 };
  // Panels share their axes, so a reader can compare them by eye.
  const times = courses.flatMap((tc) => tc.points.map((p) => p.time));
  const ys = courses.flatMap((tc) => tc.points.flatMap((p) => [p.stat.mean, p.stat.low, p.stat.high])).filter((v): v is number => v !== null);
  const x = linearScale(Math.min(...times), Math.max(...times), plot.left, plot.right, 7);
  const y = ys.length > 0 ? linearScale(Math.min(...ys), Math.max(...ys), plot.bottom, plot.top) : linearScale(0, 1, plot.bottom, plot.top);
  const figures = panels.map((panel, i) => {
    const file = panels.length === 1 ? figureFileName('timecourse', readout.name) : figureFileName('timecourse', readout.name, String(i + 1));
    return drawPanel(readout, panel, { plot, x, y, file, of: panels.length, arms: courses.length });
  });
  return { figures, courses };
}

function splitIntoPanels(summary: SweepSummary, courses: TimeCourse[]): Panel[] {
  if (courses.length <= MAX_ARMS_PER_PANEL) return [{ heading: '', courses, label: (arm) => arm.label }];
  const group = (key: (tc: TimeCourse) => string) => {
    const groups = new Map<string, TimeCourse[]>();
    for (const tc of courses) (groups.get(key(tc)) ?? groups.set(key(tc), []).get(key(tc))!).push(tc);
    return [...groups.entries()];
  };
  const fits = (groups: [string, TimeCourse[]][]) => groups.length > 1 && groups.every(([, g]) => g.length <= MAX_ARMS_PER_PANEL);
  if (courses.every((tc) => tc.arm.name !== null)) {
    const byName = group((tc) => tc.arm.name!);
    if (fits(byName)) return byName.map(([name, g]) => ({ heading: name, courses: g, label: (arm) => armLabelWithout(summary, arm, { name: true }) }));
  }
  const first = summary.factors[0];
  if (first) {
    const byFirst = group((tc) => parameterSetting(first.key, tc.arm.values[first.key]!));
    if (fits(byFirst)) return byFirst.map(([heading, g]) => ({ heading, courses: g, label: (arm) => armLabelWithout(summary, arm, { factor: first.key }) }));
  }
  const count = Math.ceil(courses.length / MAX_ARMS_PER_PANEL);
  const size = Math.ceil(courses.length / count);
  return Array.from({ length: count }, (_, i) => ({
    heading: `arms ${i * size + 1}–${Math.min(courses.length, (i + 1) * size)} of ${courses.length}`,
    courses: courses.slice(i * size, (i + 1) * size),
    label: (arm: Arm) => arm.label,
  }));
}

interface Frame {
  plot: Rect;
  x: Scale;
  y: Scale;
  file: string;
  /** How many panels the readout has, and how many arms they hold. */
  of: number;
  arms: number;
}

function drawPanel(readout: Readout, panel: Panel, { plot, x, y, file, of, arms }: Frame): Figure {
  const title = capitalise(`${readout.label} over time${panel.heading === '' ? '' : `: ${panel.heading}`}`);
  const items = panel.courses.map((tc, i) => ({ label: panel.label(tc.arm), style: seriesStyle(i) }));
  const width = Math.ceil(plot.right + 24 + legendWidth(items, 'arms'));
  const height = Math.max(plot.bottom + 56, plot.top + 20 * (items.length + 2));
  const out = svgOpen(width, height, title);
  out.push(...plotFrame(plot, x, y, 'time (day)', withUnit(readout.label, readout.unit)));
  panel.courses.forEach((tc, i) => {
    const { colour, dash } = seriesStyle(i);
    const band = bandPath(tc.points.map((p) => (p.stat.low === null ? null : { x: x.px(p.time), low: y.px(p.stat.low), high: y.px(p.stat.high!) })));
    out.push('<g class="curve">');
    if (band !== '') out.push(`<path class="band" d="${band}" fill="${colour}" fill-opacity="0.18" stroke="none"/>`);
    // A time with no finite value breaks the line rather than bridging the gap.
    const line = linePath(tc.points.map((p) => (p.stat.mean === null ? null : [x.px(p.time), y.px(p.stat.mean)])));
    out.push(`<path class="mean" d="${line}" fill="none" stroke="${colour}" stroke-width="2"${dashAttribute(dash)}/>`, '</g>');
  });
  out.push(...legend(items, plot.right + 24, plot.top + 6, 'arms'), '</svg>');

  const notes: string[] = [];
  if (of > 1) notes.push(`The ${arms} arms are split over ${of} panels with the same axes.`);
  const unaligned = panel.courses.filter((tc) => !tc.aligned).map((tc) => tc.arm.label);
  if (unaligned.length > 0) {
    notes.push(`The replicates of ${unaligned.join('; ')} sampled different times: each time averages the replicates that have it (n per time in timecourses.csv).`);
  }
  if (panel.courses.some((tc) => tc.points.some((p) => p.stat.n === 1))) notes.push('Where only one run has a value there is no band.');
  const caption = `Mean ${withUnit(readout.label, readout.unit)} over the replicates of each arm (line) against time, `
    + `with the 95 % confidence interval of the mean (Student's t) shaded. ${notes.join(' ')}`.trim();
  return { file, title, caption, svg: `${out.join('\n')}\n`, width, height };
}
