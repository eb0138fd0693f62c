// The stress solves' log as the CPU reads it (shaders/mechanics/solve-log.wgsl).
import { mechanicsWgsl } from '../gpu/shaders.ts';
import { scalarStruct, unpackStruct } from '../gpu/struct-layout.ts';

/** What the stress solves have done since the run began (solve-log.wgsl). */
export interface StressSolves {
  solves: number;
  /** CG iterations done, in all and the most in one solve. */
  iterations: number;
  mostIterations: number;
  /** The last solve's final ‖r‖/‖f‖, and the largest of any solve. */
  residual: number;
  worstResidual: number;
  /** Solves that ended above their tolerance. */
  unconverged: number;
  /** Iterations of the solve before the last, and of the last. */
  previousIterations: number;
  lastIterations: number;
}

export function parseStressSolves(data: ArrayBuffer): StressSolves {
  const v = unpackStruct(scalarStruct(mechanicsWgsl.solveLog, 'SolveLog'), data);
  return {
    solves: v.solves, iterations: v.iterations, mostIterations: v.most_iterations,
    residual: v.residual, worstResidual: v.worst_residual, unconverged: v.unconverged,
    previousIterations: v.previous_iterations, lastIterations: v.last_iterations,
  };
}
