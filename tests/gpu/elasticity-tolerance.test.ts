// MG-PCG stopped on the GPU at a tolerance (shaders/lib/gate.wgsl): it does the iterations a fixed-count
// solve needs to reach ‖r‖ ≤ τ‖f‖, the same ones bit for bit, no more; an unchanged problem
// costs no iteration; a solve that runs out of iterations says so.
import { describe, expect, it } from 'vitest';
import { readBuffer, readF32, writeF32 } from '../../src/gpu/buffers.ts';
import { unpackStruct } from '../../src/gpu/struct-layout.ts';
import { Elasticity } from '../../src/solvers/elasticity/elasticity.ts';
import { elasticitySolvers, RADIUS, STIFF, type ElasticitySolvers } from '../../src/solvers/elasticity/verify-cases.ts';
import { inclusionMaterial } from '../../src/solvers/elasticity/verify-inclusion.ts';
import { runElastic, type ElasticProblem } from '../../src/solvers/elasticity/verify-run.ts';
import { scoped, useGpu } from './fixture.ts';

const N = 64;
const H = (8 * RADIUS) / N;
const MOST = 40;

describe('elasticity solve to a tolerance', () => {
  const gpu = useGpu();
  let cached: ElasticitySolvers | undefined;
  const solvers = () => (cached ??= elasticitySolvers(gpu()));
  const problem = (iterations: number, tolerance?: number): ElasticProblem => ({
    label: `test.tolerance${tolerance ?? ''}`, n: N, h: H, boundary: 'clamped', ...inclusionMaterial(N, H, STIFF), iterations, tolerance,
  });

  it.each([1e-3, 1e-5])('stops at the first iteration with ‖r‖ ≤ %s ‖f‖, as a fixed-count solve would reach it', async (tolerance) => {
    const s = solvers();
    const { gated, fixed } = await scoped(gpu(), async () => ({
      gated: await runElastic(s.gpu, s.kernels, problem(MOST, tolerance)),
      fixed: await runElastic(s.gpu, s.kernels, problem(MOST)),
    }));
    const n = gated.done.iterations;
    const target = tolerance * gated.done.loadNorm;
    expect(gated.done.converged).toBe(true);
    expect(n).toBeGreaterThan(0);
    expect(gated.residuals).toHaveLength(n + 1);
    expect(gated.residuals[n]).toBeLessThanOrEqual(target);
    expect(gated.residuals[n - 1]).toBeGreaterThan(target);
    // The iterations it did are the fixed solve's first n, bit for bit; the fixed solve went on.
    expect(gated.residuals).toEqual(fixed.residuals.slice(0, n + 1));
    expect(fixed.residuals.findIndex((r) => r <= target)).toBe(n);
    const again = await scoped(gpu(), () => runElastic(s.gpu, s.kernels, problem(n)));
    expect(gated.u).toEqual(again.u);
    expect(gated.sxx).toEqual(again.sxx);
  }, 120_000);

  it('flags a solve that runs out of iterations before its tolerance', async () => {
    const s = solvers();
    const out = await scoped(gpu(), () => runElastic(s.gpu, s.kernels, problem(2, 1e-9)));
    expect(out.done).toMatchObject({ iterations: 2, converged: false });
    expect(out.residuals).toHaveLength(3);
  }, 60_000);

  it('does no iteration when the problem has not changed since the last solve', async () => {
    const s = solvers();
    const g = gpu();
    const el = new Elasticity(s.kernels, { label: 'test.resolve', nx: N, ny: N, h: H, boundary: 'clamped', tolerance: 1e-5 });
    const material = inclusionMaterial(N, H, STIFF);
    const solve = async () => {
      const encoder = g.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      el.assemble(pass);
      el.solve(pass, MOST);
      el.stress(pass);
      pass.end();
      g.device.queue.submit([encoder.finish()]);
      const scalars = unpackStruct(s.kernels.scalarsLayout, await readBuffer(g.device, el.pcg.scalars));
      return { iterations: scalars.iterations, open: scalars.open, u: await readF32(g.device, el.u) };
    };
    const [first, second] = await scoped(g, async () => {
      writeF32(g.device, el.E, material.E);
      writeF32(g.device, el.nu, material.nu);
      writeF32(g.device, el.eigenstrain, material.eigenstrain);
      return [await solve(), await solve()];
    });
    el.destroy();
    expect(first.iterations).toBeGreaterThan(3);
    expect(first.open).toBe(0);
    expect(second).toMatchObject({ iterations: 0, open: 0 });
    expect(second.u).toEqual(first.u);
  }, 60_000);
});
