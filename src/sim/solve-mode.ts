// How a step's solves stop. 'adaptive' (default): each solve stops at a tolerance on the GPU
// (gpu/gate.ts). The stress: MG-PCG (Chebyshev smoothing above the coarse cycle) from the last
// two steps' displacements extrapolated (mechanics.ts) until ‖r‖ ≤ 1e-4‖f‖ (f the growth load),
// at most 40 iterations on the first step and 8 after (the default tumour needs 2–5), recording
// as many as the solve two steps back needed plus 1 (solve-planner.ts); a solve that ends above
// the tolerance is counted in the metrics. The oxygen: from the last step's field, V-cycles until the residual of the system
// being solved is ≤ 5e-4‖f‖, at most 2 Newton steps of 2 cycles (the first step, from a uniform
// field, runs all 4 of 2), recording as many cycles as the solve two steps back ran plus 1. 'fixed': 30 CG iterations, then 8 every step, from the last field, and
// every Newton step's cycles, whatever the residuals, with the stress multigrid smoothed by
// Gauss–Seidel V(2,2) on every level (the path before tolerances and Chebyshev smoothing, to
// compare with; the coarse cycle dispatches it differently but computes it bit for bit).
import type { PlannerRule } from './solve-planner.ts';
import { parseOxygenSolves } from './oxygen-solve-log.ts';
import { parseStressSolves } from './stress-solve-log.ts';

export type SolveMode = 'adaptive' | 'fixed';

export const STRESS_TOLERANCE = 1e-4;
/** Smoother of the stress multigrid's levels above its coarse cycle (solvers/elasticity/chebyshev.ts). */
export const STRESS_SMOOTHER: Record<SolveMode, 'chebyshev' | 'gauss-seidel'> = { adaptive: 'chebyshev', fixed: 'gauss-seidel' };
/** Iterations recorded a step: on the first, and on every later one (warm from the last field). */
export const STRESS_ITERATIONS: Record<SolveMode, { first: number; warm: number }> = {
  adaptive: { first: 40, warm: 8 },
  fixed: { first: 30, warm: 8 },
};

/**
 * The stress solve's CG iterations recorded a step (solve-planner.ts): the need drifts by at most
 * one in two steps once the run is warm (the 14-day 128² default: no solve ran out with a margin
 * of 1, so the run was the margin-2 run to the bit, 2026-12-05).
 */
export const STRESS_PLAN: PlannerRule = {
  limits: STRESS_ITERATIONS.adaptive, margin: 1,
  counts: (log) => {
    const s = parseStressSolves(log);
    return { last: s.lastIterations, previous: s.previousIterations };
  },
};

export const OXYGEN_TOLERANCE = 5e-4;
/** Newton steps recorded a step, each of OXYGEN_CYCLES V-cycles. */
export const OXYGEN_NEWTON = { first: 4, warm: 2 };
export const OXYGEN_CYCLES = 2;
/** The oxygen solve's V-cycles recorded a step (solve-planner.ts): the default tumour's need rises from 1 to 2 over days. */
export const OXYGEN_PLAN: PlannerRule = {
  limits: { first: OXYGEN_NEWTON.first * OXYGEN_CYCLES, warm: OXYGEN_NEWTON.warm * OXYGEN_CYCLES }, margin: 1,
  counts: (log) => {
    const s = parseOxygenSolves(log);
    return { last: s.lastCycles, previous: s.previousCycles };
  },
};
