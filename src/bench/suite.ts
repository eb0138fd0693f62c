// The benchmark suite on one GPU, the same in Node and in the browser page: every chosen case at
// every chosen size, derived figures, scaling exponents and the roofline, as one report. No Node
// or DOM APIs here; the runners add what only they know (commit, user agent).
import type { Gpu } from '../gpu/device.ts';
import type { BenchCase } from './case.ts';
import { figure, timeCase } from './measure.ts';
import { BENCH_CASES, caseNamed } from './registry.ts';
import { BENCH_SCHEMA, isMeasured, type BenchReport, type CaseResult, type CostModel, type MeasuredSize, type Roofline, type ScalingExponent } from './result.ts';
import { COPY_BYTES_PER_CELL, SMOOTHER_BYTES_PER_CELL } from './cases/roofline.ts';
import { fittedExponent, middleIndices, spread } from './stats.ts';

export interface SuiteOptions {
  /** Case names; all of them by default. */
  cases?: string[];
  /** Smoke sizes (CI) instead of the full ones. */
  smoke?: boolean;
  /** Grid sides for the grid cases, and agent counts for the agent cases, instead of the case's own. */
  gridSizes?: number[];
  agentCounts?: number[];
  repeats: number;
  warmup: number;
  /** Skips a case's larger sizes once the time of one update, extrapolated linearly, would exceed this. */
  maxSecondsPerRepeat?: number;
}

export interface RunnerInfo {
  runner: BenchReport['runner'];
  commit: string;
  userAgent?: string;
}

const LIMITS = [
  'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupsPerDimension',
  'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupStorageSize', 'maxStorageBuffersPerShaderStage',
] as const;

const METHOD = 'wall time from the start of recording each timed run to onSubmittedWorkDone, divided by the updates it records; '
  + 'warm-up runs first; median, min, max and interquartile range over the repeats';

function sizesOf(c: BenchCase, o: SuiteOptions): number[] {
  const own = o.smoke ? c.sizes.smoke : c.sizes.full;
  if (c.ownSizes) return own;
  return (c.axis === 'grid' ? o.gridSizes : o.agentCounts) ?? own;
}

function exponentOf(c: BenchCase, measured: MeasuredSize[]): ScalingExponent | undefined {
  const pair = middleIndices(measured.length);
  if (!pair) return undefined;
  const x = measured.map((s) => (c.axis === 'grid' ? s.gridCells : s.agents));
  const t = measured.map((s) => s.medianMs);
  const [lo, hi] = pair;
  return {
    against: c.axis === 'grid' ? 'gridCells' : 'agents',
    fitted: fittedExponent(x, t),
    middle: { from: measured[lo]!.size, to: measured[hi]!.size, exponent: fittedExponent([x[lo]!, x[hi]!], [t[lo]!, t[hi]!]) },
  };
}

async function runCase(gpu: Gpu, c: BenchCase, o: SuiteOptions, log: (line: string) => void): Promise<CaseResult> {
  const result: CaseResult = { name: c.name, update: c.update, axis: c.axis, sizes: [] };
  let last: MeasuredSize | undefined;
  for (const size of sizesOf(c, o)) {
    const work = c.axis === 'grid' ? size * size : size;
    const lastWork = last && (c.axis === 'grid' ? last.gridCells : last.agents);
    const predictedS = last && lastWork ? (last.medianMs * work) / lastWork / 1000 : 0;
    if (o.maxSecondsPerRepeat !== undefined && predictedS > o.maxSecondsPerRepeat) {
      const skipped = `about ${predictedS.toFixed(0)} s a repeat expected, over the ${o.maxSecondsPerRepeat} s limit`;
      log(`${c.name} ${label(c, size)}: skipped (${skipped})`);
      result.sizes.push({ size, skipped });
      continue;
    }
    const t = await timeCase(gpu, c, size, o.warmup, o.repeats);
    const s = spread(t.ms);
    const derived = Object.fromEntries(c.figures.map((f) => [f, figure(f, t.instance, s.medianMs / 1000)]));
    last = {
      size, gridCells: t.instance.gridCells, agents: t.instance.agents, updatesPerRun: t.instance.updatesPerRun,
      ms: t.ms, ...s, derived, ...(t.stages ? { stages: t.stages } : {}), ...(t.commands ? { commands: t.commands } : {}),
    };
    result.sizes.push(last);
    log(`${c.name} ${label(c, size)}: ${s.medianMs.toPrecision(4)} ms (IQR ${s.iqrMs.toPrecision(2)}, ${s.minMs.toPrecision(4)}–${s.maxMs.toPrecision(4)})`);
  }
  const exponent = exponentOf(c, result.sizes.filter(isMeasured));
  if (exponent) result.exponent = exponent;
  return result;
}

function label(c: BenchCase, size: number): string {
  return c.axis === 'grid' ? `${size}²` : `${size} agents`;
}

/** Copy and smoother at the sizes both measured. */
function rooflineOf(cases: CaseResult[]): Roofline | undefined {
  const copy = cases.find((c) => c.name === 'copy')?.sizes.filter(isMeasured) ?? [];
  const smoother = cases.find((c) => c.name === 'smoother-sweep')?.sizes.filter(isMeasured) ?? [];
  const sizes = smoother.flatMap((s) => {
    const c = copy.find((x) => x.size === s.size);
    if (!c) return [];
    const copyGBps = c.derived.achievedGBps!, smootherGBps = s.derived.achievedGBps!;
    return [{ n: s.size, copyGBps, smootherGBps, fraction: smootherGBps / copyGBps }];
  });
  if (sizes.length === 0) return undefined;
  return {
    copyBytesPerCell: COPY_BYTES_PER_CELL,
    smootherBytesPerCell: SMOOTHER_BYTES_PER_CELL,
    copyBandwidthGBps: Math.max(...copy.map((c) => c.derived.achievedGBps!)),
    sizes,
  };
}

/**
 * The step's cost model: time ≈ dispatches × (cost of one dispatch) + bytes moved ÷ bandwidth.
 * The first is the dispatch probe's fastest run at its smallest size; the second the best rate
 * at which the smoother sweep gets through the bytes its dispatches bind, counted as the step's
 * are (gpu/kernel.ts): a stencil's rate, not a copy's, since a step is stencils. On a GPU the two
 * rates are close (a stencil is bandwidth-bound there); on a CPU adapter a stencil's arithmetic
 * sets it. Both measured in this run; the model's prediction for every measured size of every
 * case that counted its commands.
 */
function costModelOf(cases: CaseResult[], roofline: Roofline | undefined): CostModel | undefined {
  const probe = cases.find((c) => c.name === 'dispatch')?.sizes.filter(isMeasured).sort((a, b) => a.size - b.size)[0];
  const sweeps = cases.find((c) => c.name === 'smoother-sweep')?.sizes.filter(isMeasured).filter((s) => s.commands) ?? [];
  if (!probe || !roofline || sweeps.length === 0) return undefined;
  const perDispatchMicroseconds = probe.minMs * 1000;
  const bandwidthGBps = Math.max(...sweeps.map((s) => s.commands!.total.movedBytes / s.updatesPerRun / (s.medianMs * 1e6)));
  const predictions = cases.flatMap((c) => c.sizes.filter(isMeasured).flatMap((s) => {
    if (!s.commands || c.name === 'smoother-sweep') return [];
    const { dispatches, movedBytes } = s.commands.total;
    const predictedMs = (dispatches * perDispatchMicroseconds) / 1000 + movedBytes / (bandwidthGBps * 1e6);
    return [{ case: c.name, size: s.size, dispatches, movedBytes, measuredMs: s.medianMs, predictedMs, ratio: predictedMs / s.medianMs }];
  }));
  return { perDispatchMicroseconds, bandwidthGBps, copyBandwidthGBps: roofline.copyBandwidthGBps, predictions };
}

export async function runSuite(gpu: Gpu, o: SuiteOptions, info: RunnerInfo, log: (line: string) => void): Promise<BenchReport> {
  const chosen = o.cases?.map(caseNamed) ?? BENCH_CASES;
  const cases: CaseResult[] = [];
  for (const c of chosen) cases.push(await runCase(gpu, c, o, log));
  const limits = Object.fromEntries(LIMITS.map((k) => [k, gpu.device.limits[k]]));
  const roofline = rooflineOf(cases);
  const costModel = costModelOf(cases, roofline);
  return {
    schema: BENCH_SCHEMA,
    runner: info.runner,
    ...(info.userAgent ? { userAgent: info.userAgent } : {}),
    adapter: gpu.report,
    limits,
    commit: info.commit,
    date: new Date().toISOString(),
    method: METHOD,
    options: { repeats: o.repeats, warmup: o.warmup, ...(o.maxSecondsPerRepeat !== undefined ? { maxSecondsPerRepeat: o.maxSecondsPerRepeat } : {}) },
    cases,
    ...(roofline ? { roofline } : {}),
    ...(costModel ? { costModel } : {}),
  };
}
