// The Chebyshev smoother's eigenvalue bound and scales (src/solvers/elasticity/chebyshev.ts).
import { describe, expect, it } from 'vitest';
import { CHEBYSHEV_RATIO, CHEBYSHEV_STEPS, chebyshevScales, LAMBDA_MAX } from '../../src/solvers/elasticity/chebyshev.ts';
import { elementBlock, lameOf } from '../../src/solvers/elasticity/twin.ts';

/** Eigenvalues of a symmetric matrix (cyclic Jacobi rotations). */
function symmetricEigenvalues(A: number[][]): number[] {
  const n = A.length;
  const a = A.map((row) => row.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-26) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) [a[k][p], a[k][q]] = [c * a[k][p] - s * a[k][q], s * a[k][p] + c * a[k][q]];
        for (let k = 0; k < n; k++) [a[p][k], a[q][k]] = [c * a[p][k] - s * a[q][k], s * a[p][k] + c * a[q][k]];
      }
    }
  }
  return a.map((row, i) => row[i]).sort((x, y) => x - y);
}

/** λmax(D_e⁻¹K_e) of one Q1 element at Poisson ratio ν: the eigenvalues of D^{-1/2} K D^{-1/2}, D the 2×2 node blocks. */
function elementBound(nu: number): number {
  const [lambda, mu] = lameOf(1, nu);
  const nodes: [number, number][] = [[0, 0], [1, 0], [0, 1], [1, 1]];
  const K = nodes.flatMap((a) => [0, 1].map((r) => nodes.flatMap((b) => {
    const B = elementBlock(a, b, lambda, mu);
    return r === 0 ? [B[0], B[1]] : [B[2], B[3]];
  })));
  // D^{-1/2} of each symmetric positive 2×2 block [[p, q], [q, p']]: its square root is (M + √det I)/√(tr + 2√det).
  const W = K.map(() => new Array(8).fill(0));
  for (let i = 0; i < 4; i++) {
    const [p, q, r] = [K[2 * i][2 * i], K[2 * i][2 * i + 1], K[2 * i + 1][2 * i + 1]];
    const root = Math.sqrt(p * r - q * q);
    const t = Math.sqrt(p + r + 2 * root);
    const [s00, s01, s11] = [(p + root) / t, q / t, (r + root) / t];
    const det = s00 * s11 - s01 * s01;
    [W[2 * i][2 * i], W[2 * i][2 * i + 1], W[2 * i + 1][2 * i], W[2 * i + 1][2 * i + 1]] = [s11 / det, -s01 / det, -s01 / det, s00 / det];
  }
  const mul = (X: number[][], Y: number[][]) => X.map((row) => Y[0].map((_, j) => row.reduce((sum, v, k) => sum + v * Y[k][j], 0)));
  return Math.max(...symmetricEigenvalues(mul(mul(W, K), W)));
}

/** p_m(λ) of the scaled steps: the error factor after m steps on an eigenvector of D⁻¹K with eigenvalue λ. */
function errorFactor(lambda: number, scales: Array<{ scale_d: number; scale_r: number }>): number {
  let e = 1;
  let d = 0;
  for (const { scale_d, scale_r } of scales) {
    d = scale_d * d + scale_r * lambda * e;
    e -= d;
  }
  return e;
}

describe('Chebyshev smoother', () => {
  it('bounds the spectrum of D⁻¹K by the element bound at every Poisson ratio the model allows (0–0.49)', () => {
    let worst = 0;
    for (let nu = 0; nu <= 0.49 + 1e-9; nu += 0.005) worst = Math.max(worst, elementBound(nu));
    expect(worst).toBeCloseTo(3.352, 3);
    expect(worst).toBeLessThanOrEqual(LAMBDA_MAX);
    expect(elementBound(0.45)).toBeCloseTo(3.077, 3);
  });

  it('damps every eigenvalue in (0, λmax], and those in [λmax/ratio, λmax] to the Chebyshev bound', () => {
    const scales = chebyshevScales(CHEBYSHEV_STEPS, LAMBDA_MAX, CHEBYSHEV_RATIO);
    expect(scales).toHaveLength(CHEBYSHEV_STEPS);
    // 1/T_m(σ) with σ = (ratio + 1)/(ratio − 1): the polynomial's largest value on the interval.
    const sigma = (CHEBYSHEV_RATIO + 1) / (CHEBYSHEV_RATIO - 1);
    const bound = 1 / Math.cosh(CHEBYSHEV_STEPS * Math.acosh(sigma));
    for (let k = 1; k <= 1000; k++) {
      const lambda = (k / 1000) * LAMBDA_MAX;
      const p = Math.abs(errorFactor(lambda, scales));
      expect(p).toBeLessThan(1);
      if (lambda >= LAMBDA_MAX / CHEBYSHEV_RATIO) expect(p).toBeLessThanOrEqual(bound * (1 + 1e-9));
    }
    expect(bound).toBeCloseTo(0.2549, 4);
  });
});
