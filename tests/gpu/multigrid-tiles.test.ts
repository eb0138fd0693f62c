// The scalar multigrid's tiled levels (sweeps on tiles in workgroup memory, two dispatches a
// level and cycle) give the level-by-level V-cycle's iterates bit for bit: on levels that are
// whole tiles and levels that end in a part tile, with every kind of boundary (a periodic side
// wraps the halo onto the far edge), a level that coarsens along one axis only, fixed and
// decoupled cells, and V(1,1) to V(3,3).
import { describe, expect, it } from 'vitest';
import { DotKernels } from '../../src/gpu/dot.ts';
import { Multigrid, MultigridKernels, TILE_SWEEPS_MAX, type BoundaryConditions } from '../../src/solvers/multigrid.ts';
import { runCycles, uploadProblem, type ScalarRun } from '../../src/verify/scalar-run.ts';
import { mixedScalarProblem } from './scalar-problem.ts';
import { scoped, useGpu } from './fixture.ts';

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('scalar multigrid tiles', () => {
  const gpu = useGpu();
  const kernels = () => new MultigridKernels(gpu().device);

  const compare = async (nx: number, ny: number, bc: BoundaryConditions, sweeps: number) => {
    const p = mixedScalarProblem(nx, ny);
    const mgKernels = kernels();
    const dots = new DotKernels(gpu().device);
    const solve = (tiled: boolean): Promise<ScalarRun> => scoped(gpu(), async () => {
      const mg = new Multigrid(mgKernels, { label: `tiles ${tiled}`, nx, ny, hx: 1, bc, tiled, preSweeps: sweeps, postSweeps: sweeps });
      uploadProblem(gpu(), mg, p);
      const run = await runCycles(gpu(), dots, mg, 3);
      mg.destroy();
      return run;
    });
    const tiled = await solve(true);
    const levelByLevel = await solve(false);
    expect(tiled.residuals[3]).toBeLessThan(0.05 * tiled.residuals[0]);
    expect(tiled.residuals).toEqual(levelByLevel.residuals);
    expect(bits(tiled.u)).toEqual(bits(levelByLevel.u));
  };

  it('match level by level on 160×96 (part tiles at 160, 80 and 96), periodic west–east, Dirichlet south, Neumann north, V(3,3)', async () => {
    await compare(160, 96, { west: { kind: 'periodic' }, east: { kind: 'periodic' }, south: { kind: 'dirichlet', value: 1 }, north: { kind: 'neumann', value: 0.5 } }, 3);
  }, 60_000);

  it('match level by level on 128×64 with every side periodic, V(1,1) and V(2,2)', async () => {
    const periodic = { kind: 'periodic' } as const;
    for (const sweeps of [1, 2]) await compare(128, 64, { west: periodic, east: periodic, south: periodic, north: periodic }, sweeps);
  }, 60_000);

  it('match level by level where only one axis coarsens (256×12: the 128×6 level restricts along x alone)', async () => {
    const neumann = { kind: 'neumann', value: 0 } as const;
    await compare(256, 12, { west: { kind: 'dirichlet', value: 2 }, east: neumann, south: neumann, north: neumann }, 3);
  }, 60_000);

  it('refuses more sweeps than a tile\'s halo holds, naming the limit', () => {
    const neumann = { kind: 'neumann' } as const;
    const bc = { west: neumann, east: neumann, south: neumann, north: neumann };
    expect(() => new Multigrid(kernels(), { label: 'deep', nx: 64, ny: 64, hx: 1, bc, preSweeps: TILE_SWEEPS_MAX + 1 })).toThrow(/at most 3 sweeps each way \(preSweeps 4/);
  });
});
