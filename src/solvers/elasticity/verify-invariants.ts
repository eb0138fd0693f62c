// Invariants of the elasticity solver (docs/references.md, V5) and the behaviour of its
// multigrid-preconditioned CG, each returning plain numbers for the tests and `confine verify`.
import { noise } from '../../verify/scalar-run.ts';
import { elementCentre, iterationsTo, nodePosition, runElastic, type ElasticResult } from './verify-run.ts';
import { inclusionCase, RADIUS, STIFF, type ElasticitySolvers } from './verify-inclusion.ts';

export interface UniformMetrics {
  n: number;
  /** max |σ component| over elements / (E ε*): zero up to fp32 round-off. */
  stress: number;
  /** max |u − ε*·(x − x_centre)| / max |ε*·(x − x_centre)|. */
  displacement: number;
}

/** Uniform eigenstrain in a homogeneous traction-free square: u = ε* x (affine, exact in Q1), σ = 0. */
export async function uniformEigenstrainCase(s: ElasticitySolvers, n: number): Promise<UniformMetrics> {
  const E = 10;
  const eps = 0.05;
  const h = 10;
  const cells = n * n;
  const res = await runElastic(s.gpu, s.kernels, {
    label: `verify.uniform${n}`, n, h, boundary: 'traction-free', iterations: 20,
    E: new Float32Array(cells).fill(E), nu: new Float32Array(cells).fill(0.45), eigenstrain: new Float32Array(cells).fill(eps),
  });
  let stress = 0;
  for (let e = 0; e < cells; e++) stress = Math.max(stress, Math.abs(res.sxx[e]), Math.abs(res.syy[e]), Math.abs(res.sxy[e]), Math.abs(res.szz[e]));
  let err = 0;
  for (let k = 0; k < (n + 1) * (n + 1); k++) {
    const [x, y] = nodePosition(n, h, k);
    err = Math.max(err, Math.abs(res.u[2 * k] - eps * x), Math.abs(res.u[2 * k + 1] - eps * y));
  }
  return { n, stress: stress / (E * eps), displacement: err / (eps * (n / 2) * h) };
}

export interface ScalingMetrics {
  n: number;
  factor: number;
  /** max |u_s − u| / max |u|. */
  displacement: number;
  /** max |σ_s − s·σ| / (s·max |σ|) over the components. */
  stress: number;
}

/** Every modulus × s: stresses × s, displacements unchanged (the stiff inclusion, exact boundary). */
export async function scalingCase(s: ElasticitySolvers, n: number, factor: number): Promise<ScalingMetrics> {
  const base = (await inclusionCase(s, STIFF, n)).result;
  const scaled = (await inclusionCase(s, { E1: STIFF.E1 * factor, E2: STIFF.E2 * factor }, n)).result;
  const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const maxDiff = (a: Float32Array, b: Float32Array, k: number) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - k * b[i])), 0);
  const parts = ['sxx', 'syy', 'sxy'] as const;
  const sigma = Math.max(...parts.map((c) => maxAbs(base[c])));
  const stress = Math.max(...parts.map((c) => maxDiff(scaled[c], base[c], factor)));
  return { n, factor, displacement: maxDiff(scaled.u, base.u, 1) / maxAbs(base.u), stress: stress / (factor * sigma) };
}

export interface SymmetryMetrics {
  n: number;
  /** max |u(mirror p) − mirror u(p)| / max |u| for the x and y mirrors and the 90° rotation. */
  mirrorX: number;
  mirrorY: number;
  rotation: number;
}

/** Symmetries of the inclusion solution on the node grid (the inclusion is centred on a node). */
export function symmetryMetrics(n: number, res: ElasticResult): SymmetryMetrics {
  const w = n + 1;
  const u = (i: number, j: number): [number, number] => [res.u[2 * (j * w + i)], res.u[2 * (j * w + i) + 1]];
  let scale = 0;
  let mx = 0;
  let my = 0;
  let rot = 0;
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= n; i++) {
      const [ux, uy] = u(i, j);
      scale = Math.max(scale, Math.hypot(ux, uy));
      const a = u(n - i, j);
      mx = Math.max(mx, Math.hypot(a[0] + ux, a[1] - uy));
      const b = u(i, n - j);
      my = Math.max(my, Math.hypot(b[0] - ux, b[1] + uy));
      // (x, y) → (−y, x) moves node (i, j) to (n − j, i) and turns u into (−u_y, u_x).
      const c = u(n - j, i);
      rot = Math.max(rot, Math.hypot(c[0] + uy, c[1] - ux));
    }
  }
  return { n, mirrorX: mx / scale, mirrorY: my / scale, rotation: rot / scale };
}

export interface ConvergenceMetrics {
  n: number;
  levels: number;
  boundary: 'clamped' | 'traction-free';
  /** PCG iterations until ‖r‖/‖r₀‖ ≤ 1e-6 on the homogeneous problem (b = 0, random start). */
  iterations: number;
  /** Geometric-mean residual reduction per iteration until then. */
  factor: number;
}

export const TARGET = 1e-6;

/**
 * MG-PCG on the stiff inclusion's operator (10:1 jump) with b = 0 from a random start: the error
 * propagation of any right-hand side, without the fp32 floor (≈ ε·cond(K)) of ‖b − Ku‖/‖b‖.
 */
export async function convergenceCase(s: ElasticitySolvers, n: number, boundary: 'clamped' | 'traction-free' = 'clamped', iterations = 16): Promise<ConvergenceMetrics> {
  const h = (6.4 * RADIUS) / n;
  const E = new Float32Array(n * n);
  for (let e = 0; e < n * n; e++) E[e] = Math.hypot(...elementCentre(n, h, e)) < RADIUS ? STIFF.E1 : STIFF.E2;
  const res = await runElastic(s.gpu, s.kernels, {
    label: `verify.convergence${n}`, n, h, boundary, iterations, E, nu: new Float32Array(n * n).fill(0.45),
    eigenstrain: new Float32Array(n * n), u0: noise(2 * (n + 1) * (n + 1), 7),
  });
  const reached = iterationsTo(res.residuals, TARGET);
  const last = Number.isFinite(reached) ? reached : iterations;
  return {
    n, levels: res.levels, boundary, iterations: reached,
    factor: (res.residuals[last] / res.residuals[0]) ** (1 / last),
  };
}
