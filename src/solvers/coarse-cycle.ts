// The coarse end of a V-cycle as one dispatch (shaders/mechanics/coarse-cycle.wgsl for the
// stress, shaders/multigrid/coarse-cycle.wgsl for the scalar fields). Below a few thousand
// unknowns a level's sweeps are too small to fill a GPU and each costs a dispatch; one workgroup
// runs them all from a program of steps written here once, in the order the level-by-level
// V-cycle records them, so the preconditioner does not change.
import type { LevelShape } from './levels.ts';

/**
 * Levels of at most this many cells (elements) a side run in the coarse cycle, one workgroup of
 * WG_CYCLE (gpu/workgroup.ts) invocations: about four unknowns a colour each.
 */
export const COARSE_CYCLE_MAX = 32;

/** Step kinds of the coarse-cycle kernels (shaders/lib/cycle-steps.wgsl). */
const SMOOTH = 0;
const RESIDUAL = 1;
const RESTRICT = 2;
const PROLONG = 3;
const COARSEN = 4;

/** Offsets in 64-entry blocks: 256 bytes for 4-byte entries and a multiple of it for larger, so every level can be bound as a range. */
const ALIGN = 64;

/** First level of the coarse cycle: the first below the finest of at most `max` cells a side (the finest when it is the only one). */
export function coarseCycleStart(shapes: readonly LevelShape[], max = COARSE_CYCLE_MAX): number {
  const last = shapes.length - 1;
  for (let l = 1; l < last; l++) if (shapes[l].nx <= max && shapes[l].ny <= max) return l;
  return last;
}

/** The offsets array of lib/cycle-steps.wgsl: per level, (unknowns, elements, next level's unknowns, next level's elements). */
export function cycleOffsets(unknowns: readonly number[], elements: readonly number[] = []): Uint32Array {
  return new Uint32Array(unknowns.flatMap((n, l) => [n, elements[l] ?? 0, unknowns[l + 1] ?? 0, elements[l + 1] ?? 0]));
}

/** Where each of `counts` entries lie one after another in a shared buffer, and its length. */
export function packedOffsets(counts: readonly number[]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let total = 0;
  for (const n of counts) {
    offsets.push(total);
    total += Math.ceil(n / ALIGN) * ALIGN;
  }
  return { offsets, total };
}

export interface CycleSmoothing {
  preSweeps: number;
  postSweeps: number;
  /** Colour order of a pre-smoothing sweep (post-smoothing runs it backwards). */
  colours: readonly number[];
  /** Colour order of one sweep on the coarsest level, and how many sweeps. */
  coarsestColours: readonly number[];
  coarsestSweeps: number;
}

/**
 * (kind, level, colour, 0) per step: pre-smoothing, residual and restriction down the levels,
 * the coarsest level's sweeps, prolongation and post-smoothing back up.
 */
export function cycleSteps(levels: number, s: CycleSmoothing): Uint32Array {
  const steps: number[][] = [];
  const backwards = [...s.colours].reverse();
  for (let l = 0; l < levels - 1; l++) {
    for (let k = 0; k < s.preSweeps; k++) for (const c of s.colours) steps.push([SMOOTH, l, c, 0]);
    steps.push([RESIDUAL, l, 0, 0], [RESTRICT, l, 0, 0]);
  }
  for (let k = 0; k < s.coarsestSweeps; k++) for (const c of s.coarsestColours) steps.push([SMOOTH, levels - 1, c, 0]);
  for (let l = levels - 2; l >= 0; l--) {
    steps.push([PROLONG, l, 0, 0]);
    for (let k = 0; k < s.postSweeps; k++) for (const c of backwards) steps.push([SMOOTH, l, c, 0]);
  }
  return new Uint32Array(steps.flat());
}

/** (COARSEN, level, 0, 0) per level but the last: each level's operator from the one above. */
export function coarsenSteps(levels: number): Uint32Array {
  const steps: number[][] = [];
  for (let l = 0; l < levels - 1; l++) steps.push([COARSEN, l, 0, 0]);
  return new Uint32Array(steps.flat());
}
