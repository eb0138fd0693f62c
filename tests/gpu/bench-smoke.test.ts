// The Node benchmark runner at smoke sizes, so it never rots: the report's shape is checked
// (fields present, finite, positive), never its speed.
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/bench/suite.ts';
import { isMeasured, shapeProblems } from '../../src/bench/result.ts';
import { BENCH_CASES } from '../../src/bench/registry.ts';
import { largeDefaultScenario } from '../../src/bench/scenarios.ts';
import { fittedExponent, middleIndices, spread } from '../../src/bench/stats.ts';
import { markdownReport } from '../../src/bench/report/markdown.ts';
import { timeSizeSvg } from '../../src/bench/report/time-size-plot.ts';
import { useGpu } from './fixture.ts';

describe('benchmark suite (Node)', () => {
  const gpu = useGpu();

  it('runs every case at its smoke sizes and reports a well-formed result', async () => {
    const report = await runSuite(gpu(), { smoke: true, repeats: 2, warmup: 1 }, { runner: 'node', commit: 'test' }, () => {});
    expect(shapeProblems(report)).toEqual([]);
    expect(report.cases.map((c) => c.name)).toEqual(BENCH_CASES.map((c) => c.name));
    for (const c of report.cases) {
      const sizes = BENCH_CASES.find((b) => b.name === c.name)!.sizes.smoke;
      expect(c.sizes.filter(isMeasured).map((s) => s.size)).toEqual(sizes);
      expect(c.exponent?.middle).toMatchObject({ from: sizes[0], to: sizes[1] });
    }
    const agents = report.cases.find((c) => c.name === 'agent-step')!.sizes.filter(isMeasured);
    expect(agents.map((s) => s.agents)).toEqual([200, 2000]);
    const step = report.cases.find((c) => c.name === 'default-step')!.sizes.filter(isMeasured);
    for (const s of step) expect(s.stages?.stages.length).toBeGreaterThan(0);
    // At fixed solve counts 32² and 64² record about the same dispatches (each solve has only its
    // finest level above the coarse cycle; 64² adds the cycle's coarsening of the scalar levels)
    // over 4× the cells. (The adaptive step's count also follows the iterations its solves needed.)
    const fixed = report.cases.find((c) => c.name === 'default-step-fixed')!.sizes.filter(isMeasured);
    const [small, large] = fixed.map((s) => s.commands!.total);
    expect(large.dispatches - small.dispatches).toBeGreaterThanOrEqual(0);
    expect(large.dispatches - small.dispatches).toBeLessThanOrEqual(4);
    expect(large.workgroups).toBeGreaterThan(2 * small.workgroups);
    expect(large.movedBytes).toBeGreaterThan(2 * small.movedBytes);
    expect(markdownReport(report)).toContain('What one more step records');
    // The cost model predicts every whole-step case at every size from this run's own two probes.
    const model = report.costModel!;
    expect(model.predictions.map((p) => `${p.case} ${p.size}`)).toEqual(['agent-step 200', 'agent-step 2000', 'default-step 32', 'default-step 64', 'default-step-fixed 32', 'default-step-fixed 64']);
    expect(markdownReport(report)).toContain('## Cost model');
    expect(report.roofline?.sizes.map((s) => s.n)).toEqual([32, 64]);
    expect(markdownReport(report)).toContain('## Roofline');
    expect(timeSizeSvg(report)).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  });

  it('skips the sizes that would take longer than the limit', async () => {
    const report = await runSuite(gpu(), { cases: ['copy'], gridSizes: [32, 2048], repeats: 1, warmup: 1, maxSecondsPerRepeat: 1e-9 }, { runner: 'node', commit: 'test' }, () => {});
    const sizes = report.cases[0]!.sizes;
    expect(isMeasured(sizes[0]!)).toBe(true);
    expect(sizes[1]).toMatchObject({ size: 2048, skipped: expect.stringContaining('limit') });
    expect(report.cases[0]!.exponent).toBeUndefined();
  });

  it('lays out the large default with about 10⁶ cells on a 1024² grid', () => {
    const p = largeDefaultScenario().parameters;
    const cells = p.initialDensityFraction * p.carryingCapacityCellsPerMm2 * Math.PI * (p.tumourRadiusMicrons / 1000) ** 2;
    expect([p.nx, p.ny]).toEqual([1024, 1024]);
    expect(cells).toBeGreaterThan(0.9e6);
    expect(cells).toBeLessThan(1.1e6);
  });
});

describe('benchmark statistics', () => {
  it('fits the exponent of a power law exactly', () => {
    expect(fittedExponent([1e3, 1e4, 1e5], [2, 20, 200])).toBeCloseTo(1, 12);
    expect(fittedExponent([1e3, 1e4], [1, 100])).toBeCloseTo(2, 12);
  });

  it('takes median, range and interquartile range', () => {
    expect(spread([4, 1, 3, 2])).toEqual({ medianMs: 2.5, minMs: 1, maxMs: 4, iqrMs: 1.5 });
    expect(spread([7])).toEqual({ medianMs: 7, minMs: 7, maxMs: 7, iqrMs: 0 });
  });

  it('picks the middle pair of sizes', () => {
    expect(middleIndices(4)).toEqual([1, 2]);
    expect(middleIndices(3)).toEqual([1, 2]);
    expect(middleIndices(2)).toEqual([0, 1]);
    expect(middleIndices(1)).toBeUndefined();
  });
});
