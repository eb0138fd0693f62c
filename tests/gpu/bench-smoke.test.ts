// The benchmark runs at a smoke size, so it never rots; its speed is not checked here.
import { describe, expect, it } from 'vitest';
import { benchGridSolves, fittedExponent } from '../../bench/grid-solves.ts';
import { benchAgents, largeDefaultScenario } from '../../bench/agents.ts';
import { useGpu } from './fixture.ts';

describe('grid-solve benchmark', () => {
  const gpu = useGpu();

  it('times both solves at each size and fits an exponent', async () => {
    const result = await benchGridSolves(gpu(), [64, 128], 1, () => {});
    expect(result.sizes.map((s) => s.cells)).toEqual([64 * 64, 128 * 128]);
    for (const s of result.sizes) {
      expect(s.oxygenMs).toHaveLength(1);
      expect(s.stressMs).toHaveLength(1);
      expect(s.oxygenMs[0]).toBeGreaterThan(0);
    }
    expect(Number.isFinite(result.oxygenExponent)).toBe(true);
    expect(Number.isFinite(result.stressExponent)).toBe(true);
  });

  it('times the agent step at smoke sizes', async () => {
    const result = await benchAgents(gpu(), [200, 2000], 1, false, () => {});
    expect(result.dish.map((t) => t.cells)).toEqual([200, 2000]);
    for (const t of result.dish) expect(t.stepMs[0]).toBeGreaterThan(0);
    expect(Number.isFinite(result.agentExponent)).toBe(true);
  });

  it('lays out the large default with about 10⁶ cells on a 1024² grid', () => {
    const p = largeDefaultScenario().parameters;
    const cells = p.initialDensityFraction * p.carryingCapacityCellsPerMm2 * Math.PI * (p.tumourRadiusMicrons / 1000) ** 2;
    expect([p.nx, p.ny]).toEqual([1024, 1024]);
    expect(cells).toBeGreaterThan(0.9e6);
    expect(cells).toBeLessThan(1.1e6);
  });

  it('fits the exponent of a power law exactly', () => {
    expect(fittedExponent([1e3, 1e4, 1e5], [2, 20, 200])).toBeCloseTo(1, 12);
    expect(fittedExponent([1e3, 1e4], [1, 100])).toBeCloseTo(2, 12);
  });
});
