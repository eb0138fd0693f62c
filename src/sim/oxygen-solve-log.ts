// The oxygen solves' log as the CPU reads it (shaders/transport/oxygen-log.wgsl).
import { wgsl } from '../gpu/shaders.ts';
import { scalarStruct, unpackStruct } from '../gpu/struct-layout.ts';

/** What the oxygen solves have done since the run began (oxygen-log.wgsl). */
export interface OxygenSolves {
  solves: number;
  /** V-cycles run, in all. */
  cycles: number;
  /** The last solve's final ‖r‖/‖f‖, and the largest of any solve. */
  residual: number;
  worstResidual: number;
  /** Solves that ran out of cycles above their tolerance. */
  unconverged: number;
  /** V-cycles of the solve before the last, and of the last. */
  previousCycles: number;
  lastCycles: number;
}

export function parseOxygenSolves(data: ArrayBuffer): OxygenSolves {
  const v = unpackStruct(scalarStruct(wgsl.oxygenLog, 'OxygenLog'), data);
  return {
    solves: v.solves, cycles: v.cycles, residual: v.residual, worstResidual: v.worst_residual, unconverged: v.unconverged,
    previousCycles: v.previous_cycles, lastCycles: v.last_cycles,
  };
}
