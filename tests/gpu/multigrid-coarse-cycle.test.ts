// The scalar multigrid's coarse cycle (levels of ≤ 32 cells a side in one dispatch) is the same
// V-cycle as the level-by-level one: the same iterates, bit for bit, on a problem with every
// kind of boundary, fixed cells and decoupled (k = 0) cells, so every branch of the coarsening
// and the prolongation is taken.
import { describe, expect, it } from 'vitest';
import { DotKernels } from '../../src/gpu/dot.ts';
import { COARSE_CYCLE_MAX } from '../../src/solvers/coarse-cycle.ts';
import { Multigrid, MultigridKernels, type BoundaryConditions } from '../../src/solvers/multigrid.ts';
import { runCycles, uploadProblem, type ScalarRun } from '../../src/verify/scalar-run.ts';
import { mixedScalarProblem } from './scalar-problem.ts';
import { scoped, useGpu } from './fixture.ts';

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('scalar multigrid coarse cycle', () => {
  const gpu = useGpu();

  it('gives the level-by-level V-cycle\'s iterates bit for bit (periodic, Dirichlet and Neumann sides, fixed and decoupled cells)', async () => {
    const nx = 128;
    const ny = 64;
    const bc: BoundaryConditions = { west: { kind: 'periodic' }, east: { kind: 'periodic' }, south: { kind: 'dirichlet', value: 1 }, north: { kind: 'neumann', value: 0.5 } };
    const problem = mixedScalarProblem(nx, ny);
    const kernels = new MultigridKernels(gpu().device);
    const dots = new DotKernels(gpu().device);
    const solve = (coarseCycleMax: number): Promise<ScalarRun> => scoped(gpu(), async () => {
      const mg = new Multigrid(kernels, { label: `cycle ${coarseCycleMax}`, nx, ny, hx: 1, bc, coarseCycleMax });
      uploadProblem(gpu(), mg, problem);
      const run = await runCycles(gpu(), dots, mg, 4);
      mg.destroy();
      return run;
    });
    const cycled = await solve(COARSE_CYCLE_MAX);
    // Below 16 cells a side only the coarsest level is in the cycle: every other level is dispatched alone.
    const levelByLevel = await solve(8);
    expect(cycled.residuals[4]).toBeLessThan(1e-3 * cycled.residuals[0]);
    expect(cycled.residuals).toEqual(levelByLevel.residuals);
    expect(bits(cycled.u)).toEqual(bits(levelByLevel.u));
  }, 60_000);
});
