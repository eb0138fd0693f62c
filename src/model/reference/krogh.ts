// Krogh cylinder (docs/references.md, V2): steady O₂ around one capillary with zero-order
// consumption, D (1/r)(r p')' = M on Rc < r < Rt, p(Rc) = p0, p'(Rt) = 0:
//   p(r) = p0 + (M/(4D))(r² − Rc²) − (M Rt²/(2D)) ln(r/Rc)
// Units: p in mmHg, M in mmHg/s, D in µm²/s, lengths in µm.

export interface KroghProblem {
  readonly p0: number;
  readonly M: number;
  readonly D: number;
  readonly Rc: number;
  readonly Rt: number;
}

/** The Krogh profile itself, meaningful on Rc ≤ r ≤ Rt. */
export function kroghPressure(k: KroghProblem, r: number): number {
  return k.p0 + (k.M / (4 * k.D)) * (r * r - k.Rc * k.Rc) - ((k.M * k.Rt * k.Rt) / (2 * k.D)) * Math.log(r / k.Rc);
}

/**
 * The exact steady field of the 2D embedding on a square grid: the disk r ≤ Rc held at p0,
 * the sink only on the annulus, zero flux outside. No flux crosses r = Rt, so beyond it the
 * field is the constant p(Rt).
 */
export function kroghEmbedded(k: KroghProblem, r: number): number {
  if (r <= k.Rc) return k.p0;
  return kroghPressure(k, Math.min(r, k.Rt));
}

/** The lowest pO₂, reached at Rt. */
export function kroghMinimum(k: KroghProblem): number {
  return kroghPressure(k, k.Rt);
}

/**
 * The largest tissue radius that stays oxygenated: the Rt where p(Rt) = 0. The minimum falls
 * monotonically with Rt (its derivative is −(M Rt/D) ln(Rt/Rc) < 0), so bisection is safe.
 */
export function kroghLargestViableRadius(p0: number, M: number, D: number, Rc: number): number {
  const pMin = (Rt: number) => kroghMinimum({ p0, M, D, Rc, Rt });
  let lo = Rc;
  let hi = 2 * Rc;
  while (pMin(hi) > 0) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (pMin(mid) > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
