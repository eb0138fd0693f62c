// Initial agents, placed on the CPU from counter-based random numbers (so placement does not
// depend on loop order): cancer cells of a tissue scenario fill the tumour disk, NK cells the
// whole domain; each NK cell draws its kill capacity from the serial-killer distribution.
import { RNG_STREAM, uniform4 } from '../model/rng.ts';
import type { Params } from '../model/params.ts';
import { BODY_FLOATS, TAG_WORDS, type AgentArrays } from './population.ts';
import { PRIMED_IAP } from './cell-params.ts';

export const COMPARTMENT = { tissue: 0, suspended: 1, circulating: 2, lung: 3, held: 4 } as const;

export interface CellSeed {
  x: number;
  y: number;
  compartment: number;
  iap: number;
  motility: number;
  passages: number;
  /** Hours on the stabilisation clock since the last squeeze (act.wgsl). */
  squeezeClockHours: number;
  group: number;
  timerMinutes: number;
}

/** Agents from a list of seeds, with ids 0…n−1, random headings, and random cycle phases for cells outside the blood. */
export function agentArrays(seed: number, cells: readonly CellSeed[]): AgentArrays {
  const n = cells.length;
  const body = new Float32Array(n * BODY_FLOATS);
  const tag = new Uint32Array(n * TAG_WORDS);
  cells.forEach((c, i) => {
    const [, , heading, phase] = uniform4(seed, i, 1, RNG_STREAM.cellPlacement);
    // In blood and lung the fourth word holds whether the cell was primed when it entered.
    const inBlood = c.compartment === COMPARTMENT.circulating || c.compartment === COMPARTMENT.lung;
    const fourth = inBlood ? Number(c.iap >= PRIMED_IAP) : phase;
    body.set([c.x, c.y, 2 * Math.PI * heading, fourth, c.iap, c.motility, c.squeezeClockHours, c.timerMinutes], i * BODY_FLOATS);
    tag.set([i, c.compartment, c.passages, c.group], i * TAG_WORDS);
  });
  return { count: n, body, tag, nextId: n };
}

/** Full-density cells in one grid cell of side h µm. */
export function cellsPerGridCell(p: Params): number {
  return p.carryingCapacityCellsPerMm2 * (p.dxMicrons / 1000) ** 2;
}

/** Cancer cells uniformly in the tumour disk at the initial density fraction. */
export function tumourCells(seed: number, p: Params): CellSeed[] {
  const R = p.tumourRadiusMicrons;
  const cx = (p.nx * p.dxMicrons) / 2, cy = (p.ny * p.dxMicrons) / 2;
  const n = Math.round(p.initialDensityFraction * p.carryingCapacityCellsPerMm2 * Math.PI * (R / 1000) ** 2);
  const cells: CellSeed[] = [];
  for (let i = 0; i < n; i++) {
    const [u, v] = uniform4(seed, i, 0, RNG_STREAM.cellPlacement);
    const r = R * Math.sqrt(u), a = 2 * Math.PI * v;
    cells.push({ x: cx + r * Math.cos(a), y: cy + r * Math.sin(a), compartment: COMPARTMENT.tissue, iap: 1, motility: 1, passages: 0, squeezeClockHours: 0, group: 0, timerMinutes: 0 });
  }
  return cells;
}

export interface NkArrays {
  count: number;
  body: Float32Array;
  tag: Uint32Array;
}

/** Kill capacity: none with the inactive fraction, else 1 + a geometric number, so that active NK cells kill `meanKills` on average. */
export function nkCapacity(u: number, v: number, inactiveFraction: number, meanKills: number): number {
  if (u < inactiveFraction) return 0;
  const q = 1 - 1 / meanKills;
  return q <= 0 ? 1 : 1 + Math.floor(Math.log(1 - v) / Math.log(q));
}

/** `count` NK cells uniformly over [x0, x1) × [y0, y1) µm. */
export function nkCells(seed: number, p: Params, count: number, box: [number, number, number, number]): NkArrays {
  const body = new Float32Array(count * 4);
  const tag = new Uint32Array(count * 4);
  const [x0, y0, x1, y1] = box;
  for (let i = 0; i < count; i++) {
    const [u, v, w] = uniform4(seed, i, 0, RNG_STREAM.nkPlacement);
    const [a, b] = uniform4(seed, i, 0, RNG_STREAM.nkCapacity);
    body.set([x0 + u * (x1 - x0), y0 + v * (y1 - y0), 2 * Math.PI * w, 0], i * 4);
    tag.set([i, nkCapacity(a, b, p.nkInactiveFraction, p.nkMeanKills), 0, 0], i * 4);
  }
  return { count, body, tag };
}
