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

/**
 * Agents written into the storage layout as they are placed, with ids 0…n−1 in that order, random
 * headings, and random cycle phases for cells outside the blood: an assay may place tens of
 * millions, which typed arrays hold where as many objects would exhaust the JS heap.
 */
export class AgentWriter {
  private readonly body: Float32Array;
  private readonly tag: Uint32Array;
  private count = 0;
  /** Cells placed in the blood or the lung, and those of them primed. */
  readonly inBlood = { all: 0, primed: 0 };

  /** `expected`: the cells counted from the scenario (cellCounts), which the arrays are sized to. */
  constructor(private readonly seed: number, private readonly expected: number) {
    this.body = new Float32Array(expected * BODY_FLOATS);
    this.tag = new Uint32Array(expected * TAG_WORDS);
  }

  /** Cells placed so far: the next one's id. */
  get placed(): number {
    return this.count;
  }

  add(c: CellSeed): void {
    const i = this.count++;
    // A typed array drops writes past its end without a word: a miscount must not go unnoticed.
    if (i >= this.expected) throw new Error(`more cells placed than the ${this.expected} counted`);
    const [, , heading, phase] = uniform4(this.seed, i, 1, RNG_STREAM.cellPlacement);
    // In blood and lung the fourth word holds whether the cell was primed when it entered.
    const inBlood = c.compartment === COMPARTMENT.circulating || c.compartment === COMPARTMENT.lung;
    const primed = c.iap >= PRIMED_IAP;
    if (inBlood) {
      this.inBlood.all++;
      if (primed) this.inBlood.primed++;
    }
    const b = i * BODY_FLOATS, t = i * TAG_WORDS;
    // Element by element: a literal per cell would be garbage by the million.
    this.body[b] = c.x;
    this.body[b + 1] = c.y;
    this.body[b + 2] = 2 * Math.PI * heading;
    this.body[b + 3] = inBlood ? Number(primed) : phase;
    this.body[b + 4] = c.iap;
    this.body[b + 5] = c.motility;
    this.body[b + 6] = c.squeezeClockHours;
    this.body[b + 7] = c.timerMinutes;
    this.tag[t] = i;
    this.tag[t + 1] = c.compartment;
    this.tag[t + 2] = c.passages;
    this.tag[t + 3] = c.group;
  }

  /** The agents placed, which must be as many as were counted. */
  agents(): AgentArrays {
    if (this.count !== this.expected) throw new Error(`${this.count} cells placed where ${this.expected} were counted`);
    return { count: this.count, body: this.body, tag: this.tag, nextId: this.count };
  }
}

/** Full-density cells in one grid cell of side h µm. */
export function cellsPerGridCell(p: Params): number {
  return p.carryingCapacityCellsPerMm2 * (p.dxMicrons / 1000) ** 2;
}

/** Cancer cells a tissue seeds its tumour disk with, at the initial density fraction. */
export function tumourCellCount(p: Params): number {
  return Math.round(p.initialDensityFraction * p.carryingCapacityCellsPerMm2 * Math.PI * (p.tumourRadiusMicrons / 1000) ** 2);
}

/** Cancer cells uniformly in the tumour disk at the initial density fraction. */
export function tumourCells(seed: number, p: Params, cells: AgentWriter): void {
  const R = p.tumourRadiusMicrons;
  const cx = (p.nx * p.dxMicrons) / 2, cy = (p.ny * p.dxMicrons) / 2;
  const n = tumourCellCount(p);
  for (let i = 0; i < n; i++) {
    const [u, v] = uniform4(seed, i, 0, RNG_STREAM.cellPlacement);
    const r = R * Math.sqrt(u), a = 2 * Math.PI * v;
    cells.add({ x: cx + r * Math.cos(a), y: cy + r * Math.sin(a), compartment: COMPARTMENT.tissue, iap: 1, motility: 1, passages: 0, squeezeClockHours: 0, group: 0, timerMinutes: 0 });
  }
}

/** Words of an NK cell's body and of its tag (shaders/cells/nk.wgsl). */
export const NK_WORDS = 4;

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
  const body = new Float32Array(count * NK_WORDS);
  const tag = new Uint32Array(count * NK_WORDS);
  const [x0, y0, x1, y1] = box;
  for (let i = 0; i < count; i++) {
    const [u, v, w] = uniform4(seed, i, 0, RNG_STREAM.nkPlacement);
    const [a, b] = uniform4(seed, i, 0, RNG_STREAM.nkCapacity);
    body.set([x0 + u * (x1 - x0), y0 + v * (y1 - y0), 2 * Math.PI * w, 0], i * NK_WORDS);
    tag.set([i, nkCapacity(a, b, p.nkInactiveFraction, p.nkMeanKills), 0, 0], i * NK_WORDS);
  }
  return { count, body, tag };
}
