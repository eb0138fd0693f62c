// Reads the simulation's fields back to the CPU (for export, never inside the step loop),
// each named with its unit and the colour map it is drawn with.
import { readF32 } from '../gpu/buffers.ts';
import type { ColorMapName } from '../io/colormap.ts';
import type { Simulation } from './simulation.ts';

export interface FieldSnapshot {
  name: string;
  unit: string;
  map: ColorMapName;
  /** One value per grid cell, row 0 at the bottom (y up); for 'point' fields, per grid node. */
  data: Float32Array;
  components: 1 | 2;
  at: 'cell' | 'point';
}

export async function snapshot(sim: Simulation): Promise<FieldSnapshot[]> {
  const device = sim.gpu.device;
  const { nx, ny } = sim.world;
  const cells = nx * ny;
  const out: FieldSnapshot[] = [];
  const cell = async (name: string, unit: string, map: ColorMapName, buffer: GPUBuffer) =>
    out.push({ name, unit, map, data: await readF32(device, buffer, cells), components: 1, at: 'cell' });
  if (sim.cells) {
    await cell('cell density', '1', 'viridis', sim.cells.density);
    const matrix = await sim.cells.matrixFields();
    out.push({ name: 'pore size', unit: 'µm', map: 'viridis', data: matrix.pore, components: 1, at: 'cell' });
    out.push({ name: 'ECM density', unit: '1', map: 'viridis', data: matrix.ecm, components: 1, at: 'cell' });
  } else {
    out.push({ name: 'cell density', unit: '1', map: 'viridis', data: sim.world.density, components: 1, at: 'cell' });
  }
  if (sim.oxygen) {
    await cell('oxygen', 'mmHg', 'viridis', sim.oxygen.pO2);
    await cell('perfusion', '1', 'viridis', sim.oxygen.perfusion);
  }
  if (sim.smac) await cell('SMAC mimetic', 'nM', 'magma', sim.smac.concentration);
  if (sim.softener) await cell('softening agent', '1', 'magma', sim.softener.concentration);
  const m = sim.mechanics?.elasticity;
  if (m) {
    await cell('stiffness', 'kPa', 'viridis', m.E);
    await cell('growth eigenstrain', '1', 'magma', m.eigenstrain);
    await cell('compressive stress', 'kPa', 'coolwarm', m.pressure);
    await cell('von Mises stress', 'kPa', 'magma', m.vonMises);
    await cell('stress xx', 'kPa', 'coolwarm', m.sxx);
    await cell('stress yy', 'kPa', 'coolwarm', m.syy);
    await cell('stress xy', 'kPa', 'coolwarm', m.sxy);
    const nodes = (nx + 1) * (ny + 1);
    out.push({ name: 'displacement', unit: 'µm', map: 'viridis', data: await readF32(device, m.u, 2 * nodes), components: 2, at: 'point' });
  }
  return out;
}

/** Magnitude of a 2-component point field, averaged to cells, for a colour-mapped image. */
export function cellMagnitude(field: FieldSnapshot, nx: number, ny: number): Float32Array {
  const out = new Float32Array(nx * ny);
  const node = (i: number, j: number) => {
    const k = 2 * (j * (nx + 1) + i);
    return Math.hypot(field.data[k], field.data[k + 1]);
  };
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) out[j * nx + i] = (node(i, j) + node(i + 1, j) + node(i, j + 1) + node(i + 1, j + 1)) / 4;
  }
  return out;
}
