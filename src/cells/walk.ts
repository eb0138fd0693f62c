// The persistent random walk's integration (shaders/cells/act.wgsl, nk.wgsl), and its closed
// forms. The model is a cell at speed v whose heading diffuses with rotational diffusivity 1/τ_p,
// so its velocity decorrelates as e^(−t/τ_p) and its mean squared displacement after time t is
// MSD(t) = 2v²τ_p²·(t/τ_p − 1 + e^(−t/τ_p)), whatever step a simulation takes.
// A step of dt is walked in n substeps δ = dt/n ≤ τ_p/8 (n ≤ 64): the heading turns by N(0, 2δ/τ_p),
// then the cell moves ℓ = v·√(2τ_p·δ·tanh(δ/2τ_p)) along it. That length is v·δ to second order in
// δ/τ_p and makes the long-time diffusivity exactly v²τ_p/2 for any δ, so a step longer than
// 64·τ_p/8 still walks the right distance in the long run.

/** Substeps of at most τ_p / this. */
export const SUBSTEPS_PER_PERSISTENCE = 8;
export const MAX_WALK_SUBSTEPS = 64;

export interface WalkIntegration {
  /** Substeps a step. */
  steps: number;
  /** Substep length δ (minutes). */
  substep: number;
  /** ℓ/v (minutes): a substep's displacement per unit speed. */
  stride: number;
  /** √(2δ/τ_p): the standard deviation of a substep's turn (radians). */
  turn: number;
}

export function walkIntegration(dtMinutes: number, persistenceMinutes: number): WalkIntegration {
  const steps = Math.min(MAX_WALK_SUBSTEPS, Math.max(1, Math.ceil((SUBSTEPS_PER_PERSISTENCE * dtMinutes) / persistenceMinutes - 1e-9)));
  const substep = dtMinutes / steps;
  const tau = persistenceMinutes;
  return { steps, substep, stride: Math.sqrt(2 * tau * substep * Math.tanh(substep / (2 * tau))), turn: Math.sqrt((2 * substep) / tau) };
}

/** The continuous walk's mean squared displacement after t minutes at speed v (µm²). */
export function persistentWalkMsd(speedUmPerMin: number, persistenceMinutes: number, tMinutes: number): number {
  const x = tMinutes / persistenceMinutes;
  return 2 * speedUmPerMin ** 2 * persistenceMinutes ** 2 * (x - 1 + Math.exp(-x));
}

/**
 * The substepped walk's mean squared displacement after `substeps` substeps, exactly: successive
 * directions correlate as q^|i−j|, q = e^(−δ/τ_p), so MSD = ℓ²·[n + 2Σ_{k<n}(n − k)·q^k].
 */
export function substeppedWalkMsd(speedUmPerMin: number, w: WalkIntegration, persistenceMinutes: number, substeps: number): number {
  const q = Math.exp(-w.substep / persistenceMinutes);
  let sum = substeps;
  for (let k = 1; k < substeps; k++) sum += 2 * (substeps - k) * q ** k;
  return (speedUmPerMin * w.stride) ** 2 * sum;
}
