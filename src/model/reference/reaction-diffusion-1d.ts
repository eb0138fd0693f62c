// 1D steady reaction–diffusion with first-order decay (docs/references.md, V4), drug
// penetration from a vessel wall: D u'' − k u = 0 on [0, L], u(0) = u0, u(L) = uL, λ = √(D/k).
//   continuum:  u(x)  = [u0 sinh((L−x)/λ) + uL sinh(x/λ)] / sinh(L/λ)
//   3-point:    u_j   = [u0 sinh((N−j)θ) + uL sinh(jθ)] / sinh(Nθ),   cosh θ = 1 + h²/(2λ²)
// The discrete solution is exact for the 3-point scheme, so a correct solver matches it to
// round-off: a bug test independent of discretisation error.

export interface ReactionDiffusion1D {
  readonly D: number;
  readonly k: number;
  readonly L: number;
  readonly u0: number;
  readonly uL: number;
}

/**
 * sinh(aθ)/sinh(bθ) for 0 ≤ a ≤ b, written with exponentials of negative arguments so that
 * long domains (bθ > 710, where sinh overflows) and tiny θ both stay accurate.
 */
function sinhRatio(a: number, b: number, theta: number): number {
  if (a === 0) return 0;
  return (Math.exp((a - b) * theta) * -Math.expm1(-2 * a * theta)) / -Math.expm1(-2 * b * theta);
}

export function decayLength(p: ReactionDiffusion1D): number {
  return Math.sqrt(p.D / p.k);
}

export function rdContinuum(p: ReactionDiffusion1D, x: number): number {
  const lambda = decayLength(p);
  const L = p.L / lambda;
  const s = x / lambda;
  return p.u0 * sinhRatio(L - s, L, 1) + p.uL * sinhRatio(s, L, 1);
}

/** θ with cosh θ = 1 + h²/(2λ²), via log1p so it stays accurate when h ≪ λ. */
export function discreteTheta(p: ReactionDiffusion1D, h: number): number {
  const e = (h * h) / (2 * decayLength(p) ** 2);
  return Math.log1p(e + Math.sqrt(e * (2 + e)));
}

/** The exact solution of the 3-point scheme on N intervals (h = L/N), nodes j = 0…N. */
export function rdDiscrete(p: ReactionDiffusion1D, N: number): Float64Array {
  const theta = discreteTheta(p, p.L / N);
  return Float64Array.from({ length: N + 1 }, (_, j) => p.u0 * sinhRatio(N - j, N, theta) + p.uL * sinhRatio(j, N, theta));
}
