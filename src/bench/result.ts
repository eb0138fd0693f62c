// The one JSON format both runners write, and the check of its shape that CI runs on smoke
// results (fields present, finite, positive; never how fast).
import type { AdapterReport } from '../gpu/device.ts';
import type { Figure, SizeAxis, StageCount, StageProfile } from './case.ts';
import type { Spread } from './stats.ts';

export const BENCH_SCHEMA = 'confine-bench/1';

export interface MeasuredSize extends Spread {
  /** Grid side n or number of agents, as the case's axis says. */
  size: number;
  gridCells: number;
  agents: number;
  updatesPerRun: number;
  /** Time of one update in each repeat (the run's time divided by updatesPerRun). */
  ms: number[];
  derived: Partial<Record<Figure, number>>;
  stages?: StageProfile;
  /** What one step records (whole-step cases): dispatches, passes, submissions, copies, by stage. */
  commands?: StageCount;
}

export interface SkippedSize {
  size: number;
  skipped: string;
}

export interface ScalingExponent {
  /** What time is fitted against: grid cells (grid cases) or agents. */
  against: 'gridCells' | 'agents';
  /** Least-squares slope of log time against log size over every measured size. */
  fitted: number;
  /** Two-point slope between the middle pair of measured sizes. */
  middle: { from: number; to: number; exponent: number };
}

export interface CaseResult {
  name: string;
  update: string;
  axis: SizeAxis;
  sizes: (MeasuredSize | SkippedSize)[];
  /** Present when at least two sizes were measured. */
  exponent?: ScalingExponent;
}

export interface RooflineSize {
  n: number;
  copyGBps: number;
  smootherGBps: number;
  /** Smoother's achieved bandwidth over the copy's, at the same size. */
  fraction: number;
}

export interface Roofline {
  copyBytesPerCell: number;
  smootherBytesPerCell: number;
  /** The copy's best bandwidth over the sizes run: the device's measured bandwidth. */
  copyBandwidthGBps: number;
  sizes: RooflineSize[];
}

export interface CostPrediction {
  case: string;
  size: number;
  dispatches: number;
  movedBytes: number;
  measuredMs: number;
  predictedMs: number;
  /** Predicted over measured. */
  ratio: number;
}

/** time ≈ dispatches × perDispatch + movedBytes ÷ bandwidth (suite.ts, costModelOf). */
export interface CostModel {
  /** The dispatch probe's fastest run at its smallest size: the fixed cost of one dispatch on this adapter. */
  perDispatchMicroseconds: number;
  /** The smoother sweep's best rate through the bytes its dispatches bind (suite.ts, costModelOf). */
  bandwidthGBps: number;
  /** The copy's best bandwidth, beside it (roofline.copyBandwidthGBps). */
  copyBandwidthGBps: number;
  predictions: CostPrediction[];
}

export interface BenchReport {
  schema: typeof BENCH_SCHEMA;
  runner: 'node' | 'browser';
  /** The browser's user agent (browser runner only). */
  userAgent?: string;
  adapter: AdapterReport;
  limits: Record<string, number>;
  commit: string;
  date: string;
  method: string;
  options: { repeats: number; warmup: number; maxSecondsPerRepeat?: number };
  cases: CaseResult[];
  roofline?: Roofline;
  costModel?: CostModel;
}

export function isMeasured(s: MeasuredSize | SkippedSize): s is MeasuredSize {
  return !('skipped' in s);
}

/** Every problem with a report's shape, as paths; empty when it is whole. */
export function shapeProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  const positive = (path: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) problems.push(`${path} = ${String(v)} is not a finite positive number`);
  };
  const finite = (path: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${path} = ${String(v)} is not a finite number`);
  };
  const text = (path: string, v: unknown) => {
    if (typeof v !== 'string' || v === '') problems.push(`${path} is not a non-empty string`);
  };
  if (report.schema !== BENCH_SCHEMA) problems.push(`schema = ${String(report.schema)}, want ${BENCH_SCHEMA}`);
  if (report.runner !== 'node' && report.runner !== 'browser') problems.push(`runner = ${String(report.runner)}`);
  for (const key of ['vendor', 'architecture', 'backend'] as const) text(`adapter.${key}`, report.adapter?.[key]);
  if (typeof report.adapter?.description !== 'string') problems.push('adapter.description is missing');
  if (typeof report.adapter?.isFallbackAdapter !== 'boolean') problems.push('adapter.isFallbackAdapter is not a boolean');
  const limits = Object.entries(report.limits ?? {});
  if (limits.length === 0) problems.push('limits is empty');
  for (const [k, v] of limits) positive(`limits.${k}`, v);
  text('commit', report.commit);
  if (Number.isNaN(Date.parse(report.date))) problems.push(`date = ${String(report.date)} is not a date`);
  text('method', report.method);
  positive('options.repeats', report.options?.repeats);
  if (!Array.isArray(report.cases) || report.cases.length === 0) problems.push('cases is empty');
  for (const c of report.cases ?? []) {
    const at = `cases[${c.name}]`;
    text(`${at}.update`, c.update);
    const measured = (c.sizes ?? []).filter(isMeasured);
    if (measured.length === 0) problems.push(`${at} measured no size`);
    for (const s of measured) {
      const here = `${at}[${s.size}]`;
      for (const key of ['size', 'gridCells', 'updatesPerRun', 'medianMs', 'minMs', 'maxMs'] as const) positive(`${here}.${key}`, s[key]);
      finite(`${here}.iqrMs`, s.iqrMs);
      if (s.iqrMs < 0) problems.push(`${here}.iqrMs is negative`);
      if (c.axis === 'agents') positive(`${here}.agents`, s.agents);
      if (!Array.isArray(s.ms) || s.ms.length !== report.options?.repeats) problems.push(`${here}.ms does not hold one time per repeat`);
      s.ms?.forEach((v, i) => positive(`${here}.ms[${i}]`, v));
      const figures = Object.entries(s.derived ?? {});
      if (figures.length === 0) problems.push(`${here}.derived is empty`);
      for (const [k, v] of figures) positive(`${here}.derived.${k}`, v);
      if (s.commands) {
        positive(`${here}.commands.total.dispatches`, s.commands.total.dispatches);
        positive(`${here}.commands.total.submissions`, s.commands.total.submissions);
      }
    }
    if (measured.length >= 2) {
      finite(`${at}.exponent.fitted`, c.exponent?.fitted);
      finite(`${at}.exponent.middle.exponent`, c.exponent?.middle.exponent);
    }
  }
  if (report.roofline) {
    const r = report.roofline;
    for (const key of ['copyBytesPerCell', 'smootherBytesPerCell', 'copyBandwidthGBps'] as const) positive(`roofline.${key}`, r[key]);
    if (r.sizes.length === 0) problems.push('roofline.sizes is empty');
    for (const s of r.sizes) for (const key of ['n', 'copyGBps', 'smootherGBps', 'fraction'] as const) positive(`roofline[${s.n}].${key}`, s[key]);
  }
  if (report.costModel) {
    const m = report.costModel;
    positive('costModel.perDispatchMicroseconds', m.perDispatchMicroseconds);
    positive('costModel.bandwidthGBps', m.bandwidthGBps);
    positive('costModel.copyBandwidthGBps', m.copyBandwidthGBps);
    for (const p of m.predictions) for (const key of ['dispatches', 'movedBytes', 'measuredMs', 'predictedMs', 'ratio'] as const) positive(`costModel[${p.case} ${p.size}].${key}`, p[key]);
  }
  return problems;
}
