// Dose–response: a readout against one factor, the mean with its 95 % interval as a band and
// every replicate as a dot, one curve per setting of the other factors. Past six curves a
// figure stops being readable, so the runs are then pooled over the other factors, and the
// caption says so.
import { formatNumber } from '../io/number-format.ts';
import { runsWhere, statOf, type Factor, type Readout, type Stat, type SweepSummary } from './aggregate.ts';
import { capitalise, parameterSetting, withUnit } from './labels.ts';
import { linearScale, linearValueScale, logValueScale, type Scale } from './scales.ts';
import {
  bandPath, c, dashAttribute, escapeXml, figureFileName, legend, legendWidth, linePath, plotFrame, seriesStyle, svgOpen, type Figure, type Rect,
} from './svg.ts';

const MAX_CURVES = 6;

interface Point {
  x: number;
  stat: Stat;
  replicates: number[];
}

interface Curve {
  label: string;
  points: Point[];
}

export function doseResponseFigure(summary: SweepSummary, factor: Factor, readout: Readout): Figure {
  const others = summary.factors.filter((f) => f !== factor);
  const okRuns = summary.runs.filter((r) => r.status === 'ok');
  // A setting of the other factors, and the plan's arms that run it: their names lead the label.
  const settings = new Map<string, { values: Record<string, number>; arms: Set<string> }>();
  for (const r of okRuns) {
    const key = JSON.stringify(others.map((o) => r.values[o.key]));
    const setting = settings.get(key) ?? settings.set(key, { values: Object.fromEntries(others.map((o) => [o.key, r.values[o.key]!])), arms: new Set() }).get(key)!;
    if (r.arm !== null) setting.arms.add(r.arm);
  }
  const pooled = settings.size > MAX_CURVES;
  const ordered = [...settings.values()].sort((a, b) => {
    for (const o of others) if (a.values[o.key] !== b.values[o.key]) return a.values[o.key]! - b.values[o.key]!;
    return 0;
  });
  const single = { values: {} as Record<string, number>, arms: new Set<string>() };
  const curves: Curve[] = (pooled || others.length === 0 ? [single] : ordered).map((setting) => ({
    label: pooled ? `pooled over ${others.map((o) => o.label).join(', ')}`
      : others.length === 0 ? 'mean and 95 % CI'
      : [...setting.arms, ...others.filter((o) => setting.arms.size === 0 || !summary.armKeys.includes(o.key))
        .map((o) => parameterSetting(o.key, setting.values[o.key]!))].join(' · '),
    points: factor.values.map((x) => {
      const values = runsWhere(okRuns, { ...setting.values, [factor.key]: x }).map((r) => r.readouts?.[readout.name]);
      return { x, stat: statOf(values), replicates: values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) };
    }).filter((p) => p.stat.n > 0),
  }));

  const notes: string[] = [];
  const logX = factor.scale === 'log' && factor.values.every((v) => v >= 0) && factor.values.some((v) => v > 0);
  if (factor.scale === 'log' && !logX) notes.push('The plan asks for a log axis, but the values include negatives: drawn linear.');
  if (logX && factor.values.includes(0)) notes.push('Log x axis; 0 is drawn left of the axis break.');
  else if (logX) notes.push('Log x axis.');
  if (pooled) notes.push(`More than ${MAX_CURVES} settings of the other factors (${settings.size}): runs pooled over them into one curve.`);
  if (curves.some((cv) => cv.points.some((p) => p.stat.n === 1))) notes.push('A point with a single run has no interval.');

  const title = capitalise(`${readout.label} against ${factor.label}`);
  const items = curves.map((cv, i) => ({ label: cv.label, style: seriesStyle(i) }));
  const heading = others.length > 0 && !pooled ? 'curves' : '';
  const plot: Rect = { left: 78, right: 78 + 460, top: 58, bottom: 58 + 300 };
  const width = Math.ceil(plot.right + 24 + legendWidth(items, heading));
  const height = Math.max(plot.bottom + 56, plot.top + 20 * (items.length + 2));
  const x: Scale = logX ? logValueScale(factor.values, plot.left, plot.right) : linearValueScale(factor.values, plot.left, plot.right);
  const ys = curves.flatMap((cv) => cv.points.flatMap((p) => [p.stat.mean, p.stat.low, p.stat.high, ...p.replicates]))
    .filter((v): v is number => v !== null);
  const y = ys.length > 0 ? linearScale(Math.min(...ys), Math.max(...ys), plot.bottom, plot.top) : linearScale(0, 1, plot.bottom, plot.top);

  const out = svgOpen(width, height, title, pooled ? `pooled over ${others.map((o) => o.label).join(', ')}` : '');
  out.push(...plotFrame(plot, x, y, withUnit(factor.label, factor.unit), withUnit(readout.label, readout.unit)));
  if (ys.length === 0) out.push(`<text x="${c((plot.left + plot.right) / 2)}" y="${c((plot.top + plot.bottom) / 2)}" text-anchor="middle" fill="#888">no values</text>`);
  curves.forEach((cv, i) => {
    const { colour, dash } = seriesStyle(i);
    // Replicates of neighbouring curves would overlap at the same x: each curve's dots shift a little.
    const dodge = (i - (curves.length - 1) / 2) * 4;
    const band = bandPath(cv.points.map((p) => (p.stat.low === null ? null : { x: x.px(p.x), low: y.px(p.stat.low), high: y.px(p.stat.high!) })));
    out.push(`<g class="curve">`);
    if (band !== '') out.push(`<path class="band" d="${band}" fill="${colour}" fill-opacity="0.18" stroke="none"/>`);
    for (const p of cv.points) {
      for (const v of p.replicates) out.push(`<circle class="replicate" cx="${c(x.px(p.x) + dodge)}" cy="${c(y.px(v))}" r="2.5" fill="${colour}" fill-opacity="0.6"/>`);
    }
    out.push(`<path class="mean" d="${linePath(cv.points.map((p) => [x.px(p.x), y.px(p.stat.mean!)]))}" fill="none" stroke="${colour}" stroke-width="2"${dashAttribute(dash)}/>`);
    for (const p of cv.points) {
      out.push(`<circle cx="${c(x.px(p.x))}" cy="${c(y.px(p.stat.mean!))}" r="3.5" fill="white" stroke="${colour}" stroke-width="2"><title>${escapeXml(`${formatNumber(p.stat.mean!, 4)} (n = ${p.stat.n})`)}</title></circle>`);
    }
    out.push('</g>');
  });
  out.push(...legend(items, plot.right + 24, plot.top + 6, heading), '</svg>');

  const otherText = others.length === 0 ? '' : pooled ? '' : ` One curve per setting of ${others.map((o) => o.label).join(' and ')}.`;
  const caption = `Mean ${withUnit(readout.label, readout.unit)} against ${withUnit(factor.label, factor.unit)}: line and open circles, `
    + `with the 95 % confidence interval of the mean (Student's t) shaded and every replicate as a dot.${otherText} ${notes.join(' ')}`.trim();
  return { file: figureFileName('dose-response', factor.key, readout.name), title, caption, svg: `${out.join('\n')}\n`, width, height };
}
