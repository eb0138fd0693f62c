// What a soak measures and how it is judged (pure, no GPU): samples taken after a garbage
// collection every so many steps; "before" is the first sample after the warm-up (the first
// tenth of the steps, when pipelines, readback rings and the cell population have been made),
// "after" the last. Memory is flat when nothing alive at the end was not alive, or replaced by
// its equal, at the start; step time is flat when the last quarter's median is the first's.
import type { CensusCounts } from '../gpu/census.ts';
import { median } from './stats.ts';
import { formatTable } from '../io/table.ts';

export interface SoakSample {
  step: number;
  day: number;
  /** Mean wall time of the steps since the previous sample (0 for the first). */
  msPerStep: number;
  /** JS heap in use after a full collection. */
  heapMB: number;
  /** Node: the part of it that is compiled code, which grows as the JIT optimises more of the loop. */
  codeMB?: number;
  /** Node: memory held by JS objects outside the heap (ArrayBuffers, Dawn's wrappers). */
  outsideHeapMB?: number;
  /** Node: the process's resident set (includes SwiftShader's copies of GPU memory on a CPU). */
  rssMB?: number;
  /** GPU objects alive (for shader modules, their JS objects: a pipeline keeps its own). */
  gpu: CensusCounts;
  /** GPU objects made since the census began. */
  made: CensusCounts;
  /** Live cancer cells at the last capacity check, and the population's capacity. */
  cells: number;
  capacity: number;
  /** Metrics samples the run holds (its time series, kept whole for the readouts and checkpoints). */
  metricsSamples: number;
}

export interface SoakReport {
  runner: 'node' | 'browser';
  what: string;
  scenario: string;
  grid: number;
  dxMicrons: number;
  dtMinutes: number;
  steps: number;
  adapter?: string;
  commit?: string;
  date?: string;
  /** Objects made over the whole soak, build included. */
  made: CensusCounts;
  samples: SoakSample[];
  before: SoakSample;
  after: SoakSample;
  /** Median ms per step over the first and the last quarter of the samples after the warm-up. */
  stepMs: { first: number; last: number };
  /** GPU objects made between before and after: a steady run makes none. */
  madeBetween: CensusCounts;
}

export function soakSummary(r: Omit<SoakReport, 'before' | 'after' | 'stepMs' | 'madeBetween'>): SoakReport {
  if (r.samples.length < 3) throw new Error(`a soak needs at least three samples, got ${r.samples.length}`);
  const warm = r.samples.filter((s) => s.step >= r.steps / 10 && s.msPerStep > 0);
  const timed = warm.length >= 2 ? warm : r.samples.slice(1);
  const quarter = Math.max(1, Math.floor(timed.length / 4));
  const before = timed[0]!;
  const after = r.samples[r.samples.length - 1]!;
  const madeBetween = Object.fromEntries(Object.entries(after.made).map(([k, v]) => [k, v - before.made[k as keyof CensusCounts]])) as CensusCounts;
  return {
    ...r,
    before,
    after,
    madeBetween,
    stepMs: { first: median(timed.slice(0, quarter).map((s) => s.msPerStep)), last: median(timed.slice(-quarter).map((s) => s.msPerStep)) },
  };
}

const fixed = (v: number | undefined, digits: number) => (v === undefined ? '–' : v.toFixed(digits));

/** Before and after, side by side, then every sample. */
export function soakMarkdown(r: SoakReport): string {
  const row = (label: string, s: SoakSample) => ({
    at: label, step: String(s.step), day: s.day.toFixed(1), heap: fixed(s.heapMB, 2), outside: fixed(s.outsideHeapMB, 1), rss: fixed(s.rssMB, 0),
    buffers: String(s.gpu.buffers), bufferMB: fixed(s.gpu.bufferBytes / 2 ** 20, 2), textures: String(s.gpu.textures), bindGroups: String(s.gpu.bindGroups),
    pipelines: String(s.gpu.pipelines), cells: String(s.cells), kept: String(s.metricsSamples), ms: s.msPerStep ? s.msPerStep.toFixed(1) : '–',
  });
  const columns = [
    { key: 'at', header: '' }, { key: 'step', header: 'step' }, { key: 'day', header: 'day' }, { key: 'heap', header: 'JS heap MB' },
    { key: 'outside', header: 'outside heap MB' }, { key: 'rss', header: 'RSS MB' }, { key: 'buffers', header: 'GPU buffers' },
    { key: 'bufferMB', header: 'buffer MB' }, { key: 'textures', header: 'textures' }, { key: 'bindGroups', header: 'bind groups' },
    { key: 'pipelines', header: 'pipelines' }, { key: 'cells', header: 'cancer cells' }, { key: 'kept', header: 'metrics samples held' }, { key: 'ms', header: 'ms/step' },
  ] as const;
  const head = `${r.what}: ${r.scenario}, ${r.grid}² × ${r.dxMicrons} µm, dt ${r.dtMinutes} min, ${r.steps} steps${r.adapter ? ` on ${r.adapter}` : ''}${r.commit ? ` (${r.commit})` : ''}`;
  return [
    head, '',
    formatTable([row('before (after warm-up)', r.before), row('after', r.after)], columns, 'markdown'), '',
    `GPU objects made from before to after: ${Object.entries(r.madeBetween).filter(([k]) => k !== 'bufferBytes').map(([k, v]) => `${v} ${k}`).join(', ')} (${(r.madeBetween.bufferBytes / 2 ** 20).toFixed(2)} MB of buffers)`,
    '',
    `JS heap from before to after: ${(r.after.heapMB - r.before.heapMB).toFixed(2)} MB for ${r.after.metricsSamples - r.before.metricsSamples} more metrics samples held${r.after.metricsSamples > r.before.metricsSamples ? ` (${((1024 * (r.after.heapMB - r.before.heapMB)) / (r.after.metricsSamples - r.before.metricsSamples)).toFixed(1)} kB a sample)` : ''}`,
    '',
    `step time: median ${r.stepMs.first.toFixed(1)} ms over the first quarter after the warm-up, ${r.stepMs.last.toFixed(1)} ms over the last`, '',
    formatTable(r.samples.map((s) => row('', s)), columns, 'markdown'), '',
  ].join('\n');
}
