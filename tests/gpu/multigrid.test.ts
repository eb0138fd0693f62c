// The scalar multigrid behaves like multigrid: ≤ 0.1 residual reduction per V-cycle on the
// Poisson problem and a cycle count to 1e-6 that does not grow from 128² to 1024².
import { describe, expect, it } from 'vitest';
import { DotKernels } from '../../src/gpu/dot.ts';
import { MultigridKernels } from '../../src/solvers/multigrid.ts';
import { buildLevels } from '../../src/solvers/levels.ts';
import { poissonConvergence, type ConvergenceResult } from '../../src/verify/multigrid-cases.ts';
import { scoped, useGpu } from './fixture.ts';

describe('scalar multigrid', () => {
  const gpu = useGpu();

  it('reduces the Poisson residual ≥ 10× per V-cycle with a grid-independent cycle count', async () => {
    const g = gpu();
    const results: ConvergenceResult[] = await scoped(g, async () => {
      const kernels = new MultigridKernels(g.device);
      const dots = new DotKernels(g.device);
      const out = [];
      for (const n of [128, 256, 512, 1024]) out.push(await poissonConvergence(g, kernels, dots, n));
      return out;
    });
    console.table(results);
    for (const r of results) {
      expect(r.worstFactor).toBeLessThanOrEqual(0.1);
      expect(r.asymptoticFactor).toBeLessThanOrEqual(0.1);
      expect(Number.isFinite(r.cyclesTo1e6)).toBe(true);
    }
    const counts = results.map((r) => r.cyclesTo1e6);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('refuses grids it cannot coarsen, naming the sizes it accepts', () => {
    expect(() => buildLevels(136, 136, 1, 1)).toThrow(/c·2\^k with c ≤ 16/);
    expect(buildLevels(96, 64, 1, 1).at(-1)).toMatchObject({ nx: 12, ny: 8 });
  });
});
