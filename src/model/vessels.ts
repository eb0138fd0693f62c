// Capillaries in the 2D slice. They run across the slice, so each is a point with a radius;
// at 10 µm cells a 4 µm capillary is thinner than a cell. How a vessel exchanges with the
// tissue, sub-grid or resolved, is in vessel-exchange.ts.
//
// Coordinates: x along the grid's i axis, y along j, origin at the domain's corner; cell (i, j)
// covers [i·dx, (i+1)·dx) × [j·dx, (j+1)·dx) and has flat index j·nx + i.

import { RNG_STREAM, uniform4 } from './rng.ts';

export interface Vessel {
  readonly xMicrons: number;
  readonly yMicrons: number;
  readonly radiusMicrons: number;
  readonly wallPO2MmHg: number;
}

/** A capillary lying in the slice from (x0, y0) to (x1, y1); see segmentsToVessels. */
export interface VesselSegment {
  readonly x0Microns: number;
  readonly y0Microns: number;
  readonly x1Microns: number;
  readonly y1Microns: number;
  readonly radiusMicrons: number;
  readonly wallPO2MmHg: number;
}

export interface Grid {
  readonly nx: number;
  readonly ny: number;
  readonly dxMicrons: number;
}

export interface CapillaryBed {
  readonly spacingMicrons: number;
  readonly radiusMicrons: number;
  /** Largest offset from a lattice node along each axis, as a fraction of the spacing. */
  readonly jitterFraction: number;
  readonly wallPO2MmHg: number;
  readonly seed: number;
}

/**
 * A seeded capillary bed: one vessel per node of a square lattice centred in the domain, each
 * moved by up to ±jitter·spacing along x and y. With jitter ≤ 0.5 a vessel stays inside its
 * own lattice cell, so vessels never leave the domain. Node (i, j) draws from counter-based
 * random numbers keyed by (seed, i, j), so the bed does not depend on generation order and a
 * GPU twin would place the same vessels.
 */
export function generateCapillaries(grid: Grid, bed: CapillaryBed): Vessel[] {
  const width = grid.nx * grid.dxMicrons;
  const height = grid.ny * grid.dxMicrons;
  const s = bed.spacingMicrons;
  const cols = Math.floor(width / s);
  const rows = Math.floor(height / s);
  const x0 = (width - cols * s) / 2;
  const y0 = (height - rows * s) / 2;
  const reach = bed.jitterFraction * s;
  const vessels: Vessel[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const [u, v] = uniform4(bed.seed, i, j, RNG_STREAM.vesselJitter);
      vessels.push({
        xMicrons: x0 + (i + 0.5) * s + (2 * u - 1) * reach,
        yMicrons: y0 + (j + 0.5) * s + (2 * v - 1) * reach,
        radiusMicrons: bed.radiusMicrons,
        wallPO2MmHg: bed.wallPO2MmHg,
      });
    }
  }
  return vessels;
}

/**
 * Vessels on the grid, sparse: one entry per vessel cell, sorted by flat cell index, so the
 * arrays are the same for the same vessels whatever their order in the list. A vessel marks
 * the cell holding its centre and every cell whose centre lies inside its disk: a sub-grid
 * capillary is one cell, a resolved vessel a staircased disk. Where vessels share a cell the
 * widest wins (ties: the higher wall pO₂). A map of where vessels are, for readers and tests;
 * the exchange with tissue does not use it (vessel-exchange.ts).
 */
export interface VesselRaster {
  readonly cellIndex: Uint32Array;
  readonly radiusMicrons: Float32Array;
  readonly wallPO2MmHg: Float32Array;
}

export function rasteriseVessels(grid: Grid, vessels: readonly Vessel[]): VesselRaster {
  const { nx, ny, dxMicrons: h } = grid;
  const cells = new Map<number, Vessel>();
  const mark = (i: number, j: number, v: Vessel) => {
    const index = j * nx + i;
    const held = cells.get(index);
    const wider =
      held === undefined ||
      v.radiusMicrons > held.radiusMicrons ||
      (v.radiusMicrons === held.radiusMicrons && v.wallPO2MmHg > held.wallPO2MmHg);
    if (wider) cells.set(index, v);
  };
  const clampI = (i: number) => Math.min(nx - 1, Math.max(0, i));
  const clampJ = (j: number) => Math.min(ny - 1, Math.max(0, j));
  for (const v of vessels) {
    mark(clampI(Math.floor(v.xMicrons / h)), clampJ(Math.floor(v.yMicrons / h)), v);
    const r = v.radiusMicrons;
    for (let j = clampJ(Math.floor((v.yMicrons - r) / h)); j <= clampJ(Math.floor((v.yMicrons + r) / h)); j++) {
      for (let i = clampI(Math.floor((v.xMicrons - r) / h)); i <= clampI(Math.floor((v.xMicrons + r) / h)); i++) {
        const dx = (i + 0.5) * h - v.xMicrons;
        const dy = (j + 0.5) * h - v.yMicrons;
        if (dx * dx + dy * dy <= r * r) mark(i, j, v);
      }
    }
  }
  const order = [...cells.keys()].sort((a, b) => a - b);
  return {
    cellIndex: Uint32Array.from(order),
    radiusMicrons: Float32Array.from(order, (k) => cells.get(k)!.radiusMicrons),
    wallPO2MmHg: Float32Array.from(order, (k) => cells.get(k)!.wallPO2MmHg),
  };
}

export const EULER_GAMMA = 0.5772156649015329;

/** r0/h = e^(−γ_E)/2^(3/2) = 0.198506…: Peaceman's equivalent radius for the 5-point Laplacian. */
export const PEACEMAN_FACTOR = Math.exp(-EULER_GAMMA) / (2 * Math.SQRT2);

/**
 * The radius at which the continuum line-source field equals the 5-point scheme's value in a
 * single source cell: the one-cell case of a footprint's equivalent radius (vessel-exchange.ts).
 */
export function peacemanRadius(hMicrons: number): number {
  return PEACEMAN_FACTOR * hMicrons;
}
