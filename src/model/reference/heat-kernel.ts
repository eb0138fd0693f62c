// 2D diffusion with first-order decay (docs/references.md, V3), u_t = D Δu − k u, from a
// Gaussian of width σ0 (σ0 = 0: a point mass) of total mass m:
//   u(r, t) = m/(2π s²) · exp(−r²/(2 s²)) · e^(−k t),   s² = σ0² + 2 D t
// Mass and second moment are exact invariants even for the discrete 5-point scheme, which
// makes them round-off-level checks of a transport solver.

export interface HeatProblem {
  readonly mass: number;
  readonly D: number;
  readonly k: number;
  readonly sigma0: number;
}

/** s² = σ0² + 2Dt: the variance of the Gaussian along each axis. */
export function heatVariance(h: HeatProblem, t: number): number {
  return h.sigma0 * h.sigma0 + 2 * h.D * t;
}

export function heatKernel(h: HeatProblem, r: number, t: number): number {
  const s2 = heatVariance(h, t);
  return (h.mass / (2 * Math.PI * s2)) * Math.exp(-(r * r) / (2 * s2)) * Math.exp(-h.k * t);
}

/** ∫u = m e^(−kt). */
export function heatMass(h: HeatProblem, t: number): number {
  return h.mass * Math.exp(-h.k * t);
}

/** ∫r²u / ∫u = 2σ0² + 4Dt (the sum over both axes). */
export function heatSecondMoment(h: HeatProblem, t: number): number {
  return 2 * heatVariance(h, t);
}
