// The elasticity solver against the circular inclusion (docs/references.md, V1), each case on
// a given grid, returning plain numbers (see verify-cases.ts for the whole suite).
// Geometry: inclusion radius a = 100 µm at the centre of a square; E in kPa, u in µm.
import type { Gpu } from '../../gpu/device.ts';
import { inclusionAt, inclusionPolar, type InclusionEdge, type InclusionProblem } from '../../model/reference/inclusion.ts';
import { boundaryValues } from './boundary.ts';
import type { ElasticityKernels } from './kernels.ts';
import { elementCentre, nodePosition, runElastic, type ElasticResult } from './verify-run.ts';

export interface ElasticitySolvers {
  gpu: Gpu;
  kernels: ElasticityKernels;
}

export const RADIUS = 100;
const NU = 0.45;
const EPS = 0.05;
export const STIFF = { E1: 20, E2: 2 } as const;
export const SOFT = { E1: 2, E2: 20 } as const;
/** Iterations recorded for accuracy cases: the solve is well below its discretisation error. */
const ITERATIONS = 20;

function problem(moduli: { E1: number; E2: number }, edge: InclusionEdge, b?: number): InclusionProblem {
  return { a: RADIUS, E1: moduli.E1, nu1: NU, E2: moduli.E2, nu2: NU, eps: EPS, edge, b };
}

/** Per element E, ν, ε* of an inclusion (element centre inside r < a) on an n×n grid of side n·h. */
export function inclusionMaterial(n: number, h: number, moduli: { E1: number; E2: number }, outside?: (r: number) => number) {
  const E = new Float32Array(n * n);
  const eigenstrain = new Float32Array(n * n);
  for (let e = 0; e < n * n; e++) {
    const r = Math.hypot(...elementCentre(n, h, e));
    E[e] = r < RADIUS ? moduli.E1 : outside ? outside(r) : moduli.E2;
    eigenstrain[e] = r < RADIUS ? EPS : 0;
  }
  return { E, nu: new Float32Array(n * n).fill(NU), eigenstrain };
}

interface StressErrors {
  /** Max over element centres in the region of the largest component error, relative to |σ_in|. */
  max: number;
  /** |mean((σxx + σyy)/2) − mean(exact)| / |σ_in| over the region. */
  mean: number;
}

function stressErrors(res: ElasticResult, n: number, h: number, p: InclusionProblem, region: (r: number) => boolean): StressErrors {
  const sIn = Math.abs(inclusionPolar(p, 0).srr);
  let max = 0;
  let sum = 0;
  let count = 0;
  for (let e = 0; e < n * n; e++) {
    const [x, y] = elementCentre(n, h, e);
    const r = Math.hypot(x, y);
    if (!region(r) || Math.abs(r - RADIUS) < 2 * h) continue;
    const ex = inclusionAt(p, x, y);
    max = Math.max(max, Math.abs(res.sxx[e] - ex.sxx), Math.abs(res.syy[e] - ex.syy), Math.abs(res.sxy[e] - ex.sxy));
    sum += (res.sxx[e] + res.syy[e] - ex.sxx - ex.syy) / 2;
    count++;
  }
  return { max: max / sIn, mean: Math.abs(sum / count) / sIn };
}

/** Relative discrete L2 error of u over the nodes with r < rMax. */
function displacementError(res: ElasticResult, n: number, h: number, p: InclusionProblem, rMax = Infinity): number {
  let err = 0;
  let norm = 0;
  for (let k = 0; k < (n + 1) * (n + 1); k++) {
    const [x, y] = nodePosition(n, h, k);
    if (Math.hypot(x, y) >= rMax) continue;
    const ex = inclusionAt(p, x, y);
    err += (res.u[2 * k] - ex.ux) ** 2 + (res.u[2 * k + 1] - ex.uy) ** 2;
    norm += ex.ux ** 2 + ex.uy ** 2;
  }
  return Math.sqrt(err / norm);
}

export interface InclusionMetrics {
  n: number;
  aOverH: number;
  l2u: number;
  inside: number;
  outside: number;
  meanInside: number;
  /** Final relative residual ‖r‖/‖r₀‖ of the PCG solve. */
  residual: number;
  result: ElasticResult;
}

/** (a) Infinite matrix on a square of side 6.4a with the exact displacement imposed on its boundary. */
export async function inclusionCase(s: ElasticitySolvers, moduli: { E1: number; E2: number }, n: number): Promise<InclusionMetrics> {
  const h = (6.4 * RADIUS) / n;
  const p = problem(moduli, 'infinite');
  const half = (n / 2) * h;
  const prescribed = boundaryValues(n, n, h, (x, y) => {
    const ex = inclusionAt(p, x - half, y - half);
    return [ex.ux, ex.uy];
  });
  const result = await runElastic(s.gpu, s.kernels, {
    label: `verify.inclusion${n}`, n, h, boundary: 'prescribed', ...inclusionMaterial(n, h, moduli), prescribed, iterations: ITERATIONS,
  });
  const inside = stressErrors(result, n, h, p, (r) => r < 0.7 * RADIUS);
  return {
    n, aOverH: RADIUS / h, l2u: displacementError(result, n, h, p), inside: inside.max, meanInside: inside.mean,
    outside: stressErrors(result, n, h, p, (r) => r > 1.5 * RADIUS).max, residual: result.residuals.at(-1)! / result.residuals[0], result,
  };
}

export interface FiniteMetrics {
  n: number;
  aOverH: number;
  /** Mean in-plane stress inside r < 0.7a (kPa), its closed form, and the relative error. */
  sigmaIn: number;
  exact: number;
  meanInside: number;
  inside: number;
  l2u: number;
  residuals: number[];
}

/**
 * Finite matrix of radius b = 4a (side 8a): 'clamped' fixes every node with r ≥ b (V1 c);
 * 'traction-free' leaves the square free and makes the material outside r = b 1000× softer than
 * the matrix, which approximates the free circle of V1 (b) to about 0.1 % of the matrix stiffness.
 */
export async function finiteCase(s: ElasticitySolvers, edge: 'clamped' | 'traction-free', n: number, moduli: { E1: number; E2: number } = STIFF): Promise<FiniteMetrics> {
  const b = 4 * RADIUS;
  const h = (2 * b) / n;
  const p = problem(moduli, edge, b);
  const fixed = new Uint32Array((n + 1) * (n + 1));
  for (let k = 0; k < fixed.length; k++) fixed[k] = Math.hypot(...nodePosition(n, h, k)) >= b * (1 - 1e-9) ? 1 : 0;
  const material = edge === 'clamped' ? inclusionMaterial(n, h, moduli) : inclusionMaterial(n, h, moduli, (r) => (r > b ? moduli.E2 * 1e-3 : moduli.E2));
  const result = await runElastic(s.gpu, s.kernels, {
    label: `verify.${edge}${n}.E${moduli.E1}`, n, h, boundary: edge, ...material, fixed: edge === 'clamped' ? fixed : undefined, iterations: ITERATIONS,
  });
  let sum = 0;
  let count = 0;
  for (let e = 0; e < n * n; e++) {
    if (Math.hypot(...elementCentre(n, h, e)) >= 0.7 * RADIUS) continue;
    sum += (result.sxx[e] + result.syy[e]) / 2;
    count++;
  }
  const exact = inclusionPolar(p, 0).srr;
  const inside = stressErrors(result, n, h, p, (r) => r < 0.7 * RADIUS);
  return { n, aOverH: RADIUS / h, sigmaIn: sum / count, exact, meanInside: inside.mean, inside: inside.max, l2u: displacementError(result, n, h, p, b), residuals: result.residuals.map((r) => r / result.residuals[0]) };
}
