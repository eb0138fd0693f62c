// The coarse end of the stress V-cycle as one dispatch (shaders/mechanics/coarse-cycle.wgsl).
// Below a few thousand nodes a level's sweeps are too small to fill a GPU and each costs a
// dispatch; one workgroup runs them all from a program of steps written here once, in the order
// NodeMultigrid.vcycle would record them, so the preconditioner (and CG's iterates) do not change.
import { packStruct, type ScalarStruct } from '../../gpu/struct-layout.ts';
import type { LevelShape } from '../levels.ts';

/** Levels with at most this many elements a side run in the coarse cycle (33² nodes: about one node a colour per invocation). */
export const COARSE_CYCLE_MAX = 32;

/** Step kinds of coarse-cycle.wgsl. */
const SMOOTH = 0;
const RESIDUAL = 1;
const RESTRICT = 2;
const PROLONG = 3;
const COARSEN = 4;
const COLOURS = [0, 1, 2, 3];
const COARSEST_ORDER = [0, 1, 2, 3, 3, 2, 1, 0];

/** Offsets (in elements) of 64-element blocks: 256 bytes for u32, 512 for vec2, storage-offset aligned either way. */
const ALIGN = 64;

export interface CoarseCycleLayout {
  /** Per level of the cycle: offset of its nodes and of its elements in the shared buffers. */
  nodes: number[];
  elements: number[];
  nodeCount: number;
  elementCount: number;
}

/** Where each level's vectors lie in the cycle's shared buffers. */
export function coarseCycleLayout(shapes: readonly LevelShape[]): CoarseCycleLayout {
  const nodes: number[] = [];
  const elements: number[] = [];
  let n = 0;
  let e = 0;
  for (const s of shapes) {
    nodes.push(n);
    elements.push(e);
    n += Math.ceil(((s.nx + 1) * (s.ny + 1)) / ALIGN) * ALIGN;
    e += Math.ceil((s.nx * s.ny) / ALIGN) * ALIGN;
  }
  return { nodes, elements, nodeCount: n, elementCount: e };
}

/** The CoarseLevel array of the cycle's levels. */
export function packCoarseLevels(struct: ScalarStruct, shapes: readonly LevelShape[], layout: CoarseCycleLayout): Uint8Array {
  const bytes = new Uint8Array(struct.size * shapes.length);
  shapes.forEach((s, l) => {
    const c = shapes[l + 1] ?? s;
    const level = packStruct(struct, {
      nx: s.nx, ny: s.ny, cnx: c.nx, cny: c.ny, rx: s.rx, ry: s.ry,
      nodes: layout.nodes[l], elements: layout.elements[l], coarse_nodes: layout.nodes[l + 1] ?? 0, coarse_elements: layout.elements[l + 1] ?? 0,
    });
    bytes.set(new Uint8Array(level), struct.size * l);
  });
  return bytes;
}

/**
 * (kind, level, colour, 0) per step: pre-smoothing, residual and restriction down the levels,
 * `coarsestSweeps` symmetric sweeps on the last, prolongation and post-smoothing back up.
 */
export function coarseCycleSteps(levels: number, preSweeps: number, postSweeps: number, coarsestSweeps: number): Uint32Array {
  const steps: number[][] = [];
  for (let l = 0; l < levels - 1; l++) {
    for (let s = 0; s < preSweeps; s++) for (const c of COLOURS) steps.push([SMOOTH, l, c, 0]);
    steps.push([RESIDUAL, l, 0, 0], [RESTRICT, l, 0, 0]);
  }
  for (let s = 0; s < coarsestSweeps; s++) for (const c of COARSEST_ORDER) steps.push([SMOOTH, levels - 1, c, 0]);
  for (let l = levels - 2; l >= 0; l--) {
    steps.push([PROLONG, l, 0, 0]);
    for (let s = 0; s < postSweeps; s++) for (const c of [...COLOURS].reverse()) steps.push([SMOOTH, l, c, 0]);
  }
  return new Uint32Array(steps.flat());
}

/** (COARSEN, level, 0, 0) per level but the last: each level's (λ, μ) and fixed flags from the one above. */
export function coarsenSteps(levels: number): Uint32Array {
  const steps: number[][] = [];
  for (let l = 0; l < levels - 1; l++) steps.push([COARSEN, l, 0, 0]);
  return new Uint32Array(steps.flat());
}
