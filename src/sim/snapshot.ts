// Reads the simulation's fields back to the CPU (for export, never inside the step loop),
// each named with its unit and the colour map it is drawn with (field-registry.ts lists them).
import { readF32 } from '../gpu/buffers.ts';
import type { ColorMapName } from '../io/colormap.ts';
import { fieldSources } from './field-registry.ts';
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
  if (!sim.cells) out.push({ name: 'cell density', unit: '1', map: 'viridis', data: sim.world.density, components: 1, at: 'cell' });
  // Fields sharing a buffer (pore size and ECM in the cells' environment) read it once.
  const reads = new Map<GPUBuffer, Promise<Float32Array>>();
  const read = (buffer: GPUBuffer, floats: number) => {
    if (!reads.has(buffer)) reads.set(buffer, readF32(device, buffer, floats));
    return reads.get(buffer)!;
  };
  for (const { name, unit, map, buffer, layout } of fieldSources(sim)) {
    if (layout.kind === 'node vector') {
      out.push({ name, unit, map, data: await read(buffer, 2 * (nx + 1) * (ny + 1)), components: 2, at: 'point' });
      continue;
    }
    const { stride, offset } = layout;
    const all = await read(buffer, stride * cells);
    const data = stride === 1 && offset === 0 ? all : Float32Array.from({ length: cells }, (_, c) => all[stride * c + offset]);
    out.push({ name, unit, map, data, components: 1, at: 'cell' });
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
