// The default SMAC mimetic (D 300 µm²/s, decay 0.1/min, wall permeability 20 µm/min) in a
// 640 µm square of tissue fed by 6 × 6 capillaries (Rc = 4 µm) about 107 µm apart, jittered off
// the lattice (deterministic), through the production solver (drug.ts); for the drug tests.
import { storageBuffer, writeF32 } from '../../src/gpu/buffers.ts';
import { vesselExchange } from '../../src/model/vessel-exchange.ts';
import type { Vessel } from '../../src/model/vessels.ts';
import type { MultigridKernels } from '../../src/solvers/multigrid.ts';
import { Drug, drugKernel } from '../../src/solvers/transport/drug.ts';
import { vesselField } from '../../src/solvers/transport/vessel-field.ts';

export const BED_SIDE_MICRONS = 640;
export const BED_DIFFUSIVITY = 300;
export const BED_DECAY_PER_S = 0.1 / 60;
const PERMEABILITY_UM_PER_S = 20 / 60;

function capillaries(): Vessel[] {
  const out: Vessel[] = [];
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5);
  const spacing = BED_SIDE_MICRONS / 6;
  for (let j = 0; j < 6; j++) {
    for (let i = 0; i < 6; i++) {
      out.push({ xMicrons: (i + 0.5 + 0.4 * next()) * spacing, yMicrons: (j + 0.5 + 0.4 * next()) * spacing, radiusMicrons: 4, wallPO2MmHg: 40 });
    }
  }
  return out;
}

export interface CapillaryBed {
  drug: Drug;
  cells: number;
  lumenCells: number;
  /** The drug's exchange W of each cell [1/s]; negative in lumen cells (vessel-field.ts). */
  exchange: (cell: number) => number;
  /** The mean of u over tissue (non-lumen) cells. */
  tissueMean: (u: Float32Array) => number;
  destroy: () => void;
}

/**
 * The bed on a grid of h µm cells, fully perfused, with a fresh drug solver; `exposure` has the
 * solver keep its saturating exposure (drug.ts).
 */
export function capillaryBed(mg: MultigridKernels, h: number, exposure = false): CapillaryBed {
  const device = mg.device;
  const n = Math.round(BED_SIDE_MICRONS / h);
  const cells = n * n;
  const vessels = capillaries();
  const exchange = vesselExchange({ nx: n, ny: n, dxMicrons: h }, vessels);
  const wall = { diffusivityUm2PerS: BED_DIFFUSIVITY, permeabilityUmPerS: PERMEABILITY_UM_PER_S };
  const field = vesselField(cells, h, vessels, exchange, { oxygenDiffusivityUm2PerS: 2000, smac: wall, softener: wall });
  const vessel = storageBuffer(device, 'test.bed.vessel', cells * 16);
  const perfusion = storageBuffer(device, 'test.bed.perfusion', cells * 4);
  writeF32(device, vessel, field);
  writeF32(device, perfusion, new Float32Array(cells).fill(1));
  const drug = new Drug(mg, drugKernel(device), {
    label: `test.bed.${n}`, slot: 'smac', nx: n, ny: n, hMicrons: h, diffusivityUm2PerS: BED_DIFFUSIVITY, decayPerS: BED_DECAY_PER_S, exposure,
  }, vessel, perfusion);
  const w = (c: number) => field[4 * c + 2];
  return {
    drug, cells, lumenCells: exchange.lumenCell.length, exchange: w,
    tissueMean: (u) => {
      let sum = 0, tissue = 0;
      for (let c = 0; c < cells; c++) if (w(c) >= 0) { sum += u[c]; tissue++; }
      return sum / tissue;
    },
    destroy: () => {
      drug.destroy();
      vessel.destroy();
      perfusion.destroy();
    },
  };
}
