// The Chebyshev smoother's scales (shaders/mechanics/chebyshev.wgsl). For the interval
// [λmax/ratio, λmax] of the spectrum of D⁻¹K, with θ = (λmax + λmin)/2, δ = (λmax − λmin)/2,
// σ = θ/δ: d₁ = D⁻¹r/θ, and d_{k+1} = ρ_k ρ_{k−1} d_k + (2ρ_k/δ) D⁻¹ r_k with ρ₀ = 1/σ,
// ρ_k = 1/(2σ − ρ_{k−1}) (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., alg. 12.1).
// The error after m steps is p_m(D⁻¹K) e, p_m the scaled Chebyshev polynomial: self-adjoint in
// the K inner product, so the same smoother before and after the coarse correction keeps the
// V-cycle symmetric, and |p_m| < 1 on (0, λmax] keeps it positive definite.

/**
 * Upper bound of the spectrum of D⁻¹K for Q1 plane strain at Poisson ratio ≤ 0.49: K and D are
 * sums over elements, so λmax(D⁻¹K) ≤ max_e λmax(D_e⁻¹K_e), which depends on ν alone (3.352 at
 * ν = 0.49, 3.077 at the default 0.45, 2.667 at 0; tests/unit/chebyshev.test.ts).
 */
export const LAMBDA_MAX = 3.36;

/**
 * Steps before and after each coarse correction, and λmax/λmin of the interval they damp: with
 * 4 and 16 (and 4 Gauss–Seidel sweeps in the coarse cycle below), MG-PCG needs 7 iterations to
 * 10⁻⁶ on 64², 128² and 256² with a 10:1 inclusion (2 steps: 10–12; ratio 8 or 30: 8 at 256²;
 * Gauss–Seidel V(2,2): 8–9), at 11 dispatches a level against Gauss–Seidel's 19
 * (the MG-PCG rows of tests/gpu/verification-table.test.ts and sweeps of steps and ratio, 2026-12-05).
 */
export const CHEBYSHEV_STEPS = 4;
export const CHEBYSHEV_RATIO = 16;

/** (scale_d, scale_r) of each of `steps` steps. */
export function chebyshevScales(steps: number, lambdaMax: number, ratio: number): Array<{ scale_d: number; scale_r: number }> {
  const lambdaMin = lambdaMax / ratio;
  const theta = (lambdaMax + lambdaMin) / 2;
  const delta = (lambdaMax - lambdaMin) / 2;
  const sigma = theta / delta;
  const out = [{ scale_d: 0, scale_r: 1 / theta }];
  let rho = 1 / sigma;
  for (let k = 1; k < steps; k++) {
    const next = 1 / (2 * sigma - rho);
    out.push({ scale_d: next * rho, scale_r: (2 * next) / delta });
    rho = next;
  }
  return out;
}
