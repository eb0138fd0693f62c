// The coarse cycle (levels of ≤ 32 elements a side in one dispatch, Gauss–Seidel) is the same
// preconditioner as the level-by-level V-cycle with Gauss–Seidel on every level: the same CG
// iterates, bit for bit, with fewer dispatches.
import { describe, expect, it } from 'vitest';
import { noise } from '../../src/verify/scalar-run.ts';
import { elasticitySolvers, STIFF } from '../../src/solvers/elasticity/verify-cases.ts';
import { elementCentre, runElastic, type ElasticResult } from '../../src/solvers/elasticity/verify-run.ts';
import { elementLevels } from '../../src/solvers/elasticity/node-multigrid.ts';
import { COARSE_CYCLE_MAX, coarseCycleStart } from '../../src/solvers/coarse-cycle.ts';
import { scoped, useGpu } from './fixture.ts';

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('elasticity coarse cycle', () => {
  const gpu = useGpu();

  it('puts the levels of at most 32 elements a side, and never the finest of several, in the cycle', () => {
    const sizes = (n: number) => elementLevels(n, n, 10).map((s) => s.nx);
    expect(sizes(128)).toEqual([128, 64, 32, 16, 8, 4]);
    expect(coarseCycleStart(elementLevels(128, 128, 10), COARSE_CYCLE_MAX)).toBe(2);
    expect(coarseCycleStart(elementLevels(32, 32, 10), COARSE_CYCLE_MAX)).toBe(1);
    expect(coarseCycleStart(elementLevels(1024, 1024, 10), COARSE_CYCLE_MAX)).toBe(5);
    // With a lower bound only the coarsest level is in it: every other level is dispatched alone.
    expect(coarseCycleStart(elementLevels(128, 128, 10), 4)).toBe(5);
    expect(coarseCycleStart(elementLevels(9, 9, 10), COARSE_CYCLE_MAX)).toBe(0);
  });

  it.each(['clamped', 'traction-free'] as const)('gives the level-by-level V-cycle\'s CG iterates bit for bit (%s, 10:1 inclusion, 128²)', async (boundary) => {
    const n = 128;
    const h = 2;
    const E = new Float32Array(n * n);
    for (let e = 0; e < n * n; e++) E[e] = Math.hypot(...elementCentre(n, h, e)) < 0.15 * n * h ? STIFF.E1 : STIFF.E2;
    const eigenstrain = new Float32Array(n * n);
    for (let e = 0; e < n * n; e++) eigenstrain[e] = E[e] === STIFF.E1 ? 0.05 : 0;
    const solve = (coarseCycleMax: number): Promise<ElasticResult> => runElastic(gpu(), elasticitySolvers(gpu()).kernels, {
      label: `coarse-cycle ${coarseCycleMax}`, n, h, boundary, iterations: 6, coarseCycleMax, smoother: 'gauss-seidel',
      E, nu: new Float32Array(n * n).fill(0.45), eigenstrain, u0: noise(2 * (n + 1) * (n + 1), 3),
    });
    const [cycled, levelByLevel] = await scoped(gpu(), async () => [await solve(COARSE_CYCLE_MAX), await solve(4)]);
    expect(cycled.residuals.length).toBe(7);
    expect(cycled.residuals[6]).toBeLessThan(1e-2 * cycled.residuals[0]);
    expect(cycled.residuals).toEqual(levelByLevel.residuals);
    expect(bits(cycled.u)).toEqual(bits(levelByLevel.u));
  }, 60_000);
});
