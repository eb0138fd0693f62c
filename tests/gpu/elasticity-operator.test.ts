// The elasticity kernels against their double-precision CPU twin (twin.ts) on a small
// non-square grid (so the multigrid coarsens the axes differently) with random material, and the
// twin's closed-form element matrix against Gauss quadrature of BᵀDB.
import { describe, expect, it } from 'vitest';
import { readF32, writeF32 } from '../../src/gpu/buffers.ts';
import { Elasticity } from '../../src/solvers/elasticity/elasticity.ts';
import { boundaryFlags, boundaryNode, boundaryNodeCount, boundaryValues } from '../../src/solvers/elasticity/boundary.ts';
import { applyK, eigenstrainLoad, elementBlock, elementStress, lameField, twinSolve } from '../../src/solvers/elasticity/twin.ts';
import { elasticitySolvers, type ElasticitySolvers } from '../../src/solvers/elasticity/verify-cases.ts';
import { noise } from '../../src/verify/scalar-run.ts';
import { scoped, useGpu } from './fixture.ts';

/** K_e[a][b] by 2×2 Gauss quadrature of Bᵀ D B on the unit square (plane strain D). */
function quadratureBlock(a: [number, number], b: [number, number], lambda: number, mu: number): number[] {
  const g = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
  const grad = (node: [number, number], x: number, y: number) => [
    (node[0] ? 1 : -1) * (node[1] ? y : 1 - y),
    (node[0] ? x : 1 - x) * (node[1] ? 1 : -1),
  ];
  // Rows of B for the x and y displacement of a node: (ε_xx, ε_yy, γ_xy).
  const B = (d: number[]) => [[d[0], 0, d[1]], [0, d[1], d[0]]];
  const D = [[lambda + 2 * mu, lambda, 0], [lambda, lambda + 2 * mu, 0], [0, 0, mu]];
  const K = [0, 0, 0, 0];
  for (const x of g) for (const y of g) {
    const Ba = B(grad(a, x, y));
    const Bb = B(grad(b, x, y));
    for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) {
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) K[2 * r + c] += 0.25 * Ba[r][i] * D[i][j] * Bb[c][j];
    }
  }
  return K;
}

const maxError = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);
const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('elasticity operator', () => {
  const gpu = useGpu();
  let cached: ElasticitySolvers | undefined;
  const solvers = () => (cached ??= elasticitySolvers(gpu()));
  const nx = 48;
  const ny = 32;
  const h = 2.5;
  const kappa = 0.5;
  const grid = { nx, ny, h, kappa };
  const E = Float32Array.from(noise(nx * ny, 1), (v) => 5 + 3 * v);
  const nu = Float32Array.from(noise(nx * ny, 2), (v) => 0.3 + 0.15 * v);
  const eigenstrain = Float32Array.from(noise(nx * ny, 3), (v) => 0.05 * v);
  const lame = lameField(E, nu);
  const fixed = boundaryFlags(nx, ny);
  const prescribed = boundaryValues(nx, ny, h, (x, y) => [Math.sin(x / 10), Math.cos(y / 7)]);
  const node = (i: number, j: number) => j * (nx + 1) + i;

  it('has the closed-form Q1 element matrix of 2×2 Gauss quadrature', () => {
    const corners: [number, number][] = [[0, 0], [1, 0], [0, 1], [1, 1]];
    for (const a of corners) for (const b of corners) {
      const closed = elementBlock(a, b, 1.7, 0.6);
      quadratureBlock(a, b, 1.7, 0.6).forEach((v, k) => expect(closed[k]).toBeCloseTo(v, 12));
    }
  });

  it('assembles the load and the residual of the twin, and imposes the boundary in its order', async () => {
    const g = gpu();
    const s = solvers();
    const el = new Elasticity(s.kernels, { label: 'test.operator', nx, ny, h, kappa, boundary: 'prescribed' });
    const { r, u } = await scoped(g, async () => {
      writeF32(g.device, el.E, E);
      writeF32(g.device, el.nu, nu);
      writeF32(g.device, el.eigenstrain, eigenstrain);
      writeF32(g.device, el.prescribed!, prescribed);
      writeF32(g.device, el.u, noise(2 * el.nodes, 4));
      const encoder = g.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      el.assemble(pass);
      el.solve(pass, 0);
      pass.end();
      g.device.queue.submit([encoder.finish()]);
      return { r: await readF32(g.device, el.pcg.r), u: await readF32(g.device, el.u) };
    });
    el.destroy();
    for (let k = 0; k < boundaryNodeCount(nx, ny); k++) {
      const [i, j] = boundaryNode(nx, ny, k);
      expect([u[2 * node(i, j)], u[2 * node(i, j) + 1]]).toEqual([prescribed[2 * k], prescribed[2 * k + 1]]);
    }
    const f = eigenstrainLoad(grid, lame, eigenstrain);
    const Ku = applyK(grid, lame, u, fixed);
    const expected = Float64Array.from(f, (v, k) => (fixed[k >> 1] ? 0 : v - Ku[k]));
    // fp32: K u sums ~30 terms of size |λ + 2μ|·|u| ≈ 30, so a few 1e-6 of it.
    expect(maxError(r, expected)).toBeLessThan(1e-6 * 30 * maxAbs(expected));
  });

  it('solves to the twin solution and derives its stresses', async () => {
    const g = gpu();
    const s = solvers();
    const el = new Elasticity(s.kernels, { label: 'test.solve', nx, ny, h, kappa, boundary: 'prescribed' });
    const out = await scoped(g, async () => {
      writeF32(g.device, el.E, E);
      writeF32(g.device, el.nu, nu);
      writeF32(g.device, el.eigenstrain, eigenstrain);
      writeF32(g.device, el.prescribed!, prescribed);
      const encoder = g.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      el.assemble(pass);
      el.solve(pass, 20, { history: true });
      el.stress(pass);
      pass.end();
      g.device.queue.submit([encoder.finish()]);
      const read = (b: GPUBuffer) => readF32(g.device, b);
      return {
        residuals: await el.readHistory(), u: await read(el.u), sxx: await read(el.sxx), syy: await read(el.syy), sxy: await read(el.sxy),
        szz: await read(el.szz), pressure: await read(el.pressure), vonMises: await read(el.vonMises), displacement: await read(el.displacement),
      };
    });
    el.destroy();
    expect(el.mg.levels.map((L) => `${L.shape.nx}×${L.shape.ny}`)).toEqual(['48×32', '24×16', '12×8', '6×4', '3×4']);
    expect(out.residuals).toHaveLength(21);
    expect(out.residuals[20] / out.residuals[0]).toBeLessThan(1e-8);
    const u0 = new Float64Array(2 * el.nodes);
    for (let k = 0; k < boundaryNodeCount(nx, ny); k++) {
      const [i, j] = boundaryNode(nx, ny, k);
      u0.set(prescribed.subarray(2 * k, 2 * k + 2), 2 * node(i, j));
    }
    const u = twinSolve(grid, lame, eigenstrainLoad(grid, lame, eigenstrain), fixed, u0);
    expect(maxError(out.u, u)).toBeLessThan(1e-5 * maxAbs(u));
    const sigma = elementStress(grid, lame, eigenstrain, u);
    for (const c of ['sxx', 'syy', 'sxy', 'szz'] as const) expect(maxError(out[c], sigma[c])).toBeLessThan(1e-4 * maxAbs(sigma[c]));
    for (let e = 0; e < nx * ny; e++) {
      const [a, b, c] = [out.sxx[e], out.syy[e], out.sxy[e]];
      expect(out.pressure[e]).toBeCloseTo(-(a + b) / 2, 6);
      expect(out.vonMises[e]).toBeCloseTo(Math.sqrt(0.75 * (a - b) ** 2 + 3 * c * c), 5);
      const i = e % nx;
      const j = Math.floor(e / nx);
      const at = (di: number, dj: number, d: number) => out.u[2 * node(i + di, j + dj) + d];
      const centre = [0, 1].map((d) => (at(0, 0, d) + at(1, 0, d) + at(0, 1, d) + at(1, 1, d)) / 4);
      expect(out.displacement[e]).toBeCloseTo(Math.hypot(centre[0], centre[1]), 5);
    }
  });
});
