// How a soak is summed up: "before" is the first sample after the warm-up (a tenth of the
// steps), "after" the last; objects made between them, heap per metrics sample and the step time
// of the first and last quarter are what the table shows.
import { describe, expect, it } from 'vitest';
import { soakMarkdown, soakSummary, type SoakSample } from '../../src/bench/soak-report.ts';
import type { CensusCounts } from '../../src/gpu/census.ts';

const counts = (buffers: number, bindGroups: number, bufferBytes: number): CensusCounts =>
  ({ buffers, textures: 0, querySets: 0, bindGroups, pipelines: 60, shaderModules: 0, bufferBytes });

function sample(step: number, ms: number, heapMB: number, made: number): SoakSample {
  return { step, day: step / 6, msPerStep: ms, heapMB, gpu: counts(200, 120, 2 ** 21), made: counts(200 + made, 120 + made, 2 ** 21), cells: 500, capacity: 1024, metricsSamples: step };
}

describe('soak summary', () => {
  const samples = [sample(0, 0, 10, 0), sample(10, 900, 10.5, 3), sample(20, 100, 10.6, 3), sample(30, 110, 10.6, 3), sample(40, 120, 10.7, 4), sample(50, 130, 10.7, 5), sample(60, 140, 10.8, 5), sample(70, 150, 10.8, 5), sample(80, 160, 10.9, 5), sample(100, 170, 11.1, 7)];
  const report = soakSummary({ runner: 'node', what: 'loop', scenario: 'soak-32', grid: 32, dxMicrons: 10, dtMinutes: 240, steps: 100, made: counts(207, 127, 0), samples });

  it('takes before after the warm-up and after at the end', () => {
    expect(report.before.step).toBe(10);
    expect(report.after.step).toBe(100);
    expect(report.madeBetween).toMatchObject({ buffers: 4, bindGroups: 4, pipelines: 0 });
    // Nine timed samples after the warm-up: quarters of two.
    expect(report.stepMs).toEqual({ first: 500, last: 165 });
  });

  it('prints both rows, the objects made between them and the heap per metrics sample', () => {
    const text = soakMarkdown(report);
    expect(text).toContain('| before (after warm-up) | 10 ');
    expect(text).toContain('4 buffers, 0 textures, 0 querySets, 4 bindGroups, 0 pipelines');
    expect(text).toContain('0.60 MB for 90 more metrics samples held (6.8 kB a sample)');
  });

  it('refuses a soak of fewer than three samples', () => {
    expect(() => soakSummary({ ...report, samples: samples.slice(0, 2) })).toThrow(/three samples/);
  });
});
