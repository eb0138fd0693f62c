// MG-preconditioned CG on the 10:1 inclusion operator: the iteration count to a 1e-6 relative
// residual of the homogeneous problem does not grow with the grid.
import { describe, expect, it } from 'vitest';
import { convergenceCase, elasticitySolvers, GRIDS, LIMITS, type ConvergenceMetrics, type ElasticitySolvers } from '../../src/solvers/elasticity/verify-cases.ts';
import { scoped, useGpu } from './fixture.ts';

describe('elasticity multigrid-preconditioned CG', () => {
  const gpu = useGpu();
  let cached: ElasticitySolvers | undefined;
  const solvers = () => (cached ??= elasticitySolvers(gpu()));

  it.each(['clamped', 'traction-free'] as const)('converges in a grid-independent number of iterations (%s)', async (boundary) => {
    const out: ConvergenceMetrics[] = [];
    await scoped(gpu(), async () => {
      for (const n of GRIDS) out.push(await convergenceCase(solvers(), n, boundary));
    });
    console.table(out);
    for (const m of out) expect(Number.isFinite(m.iterations)).toBe(true);
    const counts = out.map((m) => m.iterations);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(LIMITS.iterationSpread);
  });
});
