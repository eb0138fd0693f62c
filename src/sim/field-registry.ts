// Every displayable field of a simulation: the GPU buffer it lives in, how to read one value per
// grid cell from it, its unit and its colour map. The view's field picker, the exports
// (snapshot.ts) and the colour range all read this one list, so a new field is one entry here.
import type { ColorMapName } from '../io/colormap.ts';
import type { Simulation } from './simulation.ts';

/**
 * How a buffer holds a field: per grid cell c, value = buffer[stride·c + offset] (floats); or
 * 'node vector', 2 floats per grid node on (nx+1)(ny+1) nodes, shown as the magnitude averaged
 * over the cell's four corners.
 */
export type FieldLayout = { kind: 'cell'; stride: number; offset: number } | { kind: 'node vector' };

export interface FieldSource {
  name: string;
  unit: string;
  map: ColorMapName;
  buffer: GPUBuffer;
  layout: FieldLayout;
}

const PLAIN: FieldLayout = { kind: 'cell', stride: 1, offset: 0 };
/** Cells.env holds two vec4 per grid cell (shaders/cells/agents.wgsl); pore size and ECM sit in the second. */
const ENV_FLOATS = 8;
const ENV_PORE = 4;
const ENV_ECM = 7;

/**
 * The fields whose physics is on, in export order. Cell density comes from the deposited agents;
 * without cells it is the world's fixed initial density, which lives on the CPU only and is not
 * listed here (snapshot.ts exports it from sim.world).
 */
export function fieldSources(sim: Simulation): FieldSource[] {
  const out: FieldSource[] = [];
  const add = (name: string, unit: string, map: ColorMapName, buffer: GPUBuffer, layout = PLAIN) => out.push({ name, unit, map, buffer, layout });
  if (sim.cells) {
    const env = sim.cells.cells.env;
    add('cell density', '1', 'viridis', sim.cells.density);
    add('pore size', 'µm', 'viridis', env, { kind: 'cell', stride: ENV_FLOATS, offset: ENV_PORE });
    add('ECM density', '1', 'viridis', env, { kind: 'cell', stride: ENV_FLOATS, offset: ENV_ECM });
  }
  if (sim.oxygen) {
    add('oxygen', 'mmHg', 'viridis', sim.oxygen.pO2);
    add('perfusion', '1', 'viridis', sim.oxygen.perfusion);
  }
  if (sim.smac) add('SMAC mimetic', 'nM', 'magma', sim.smac.concentration);
  if (sim.softener) add('softening agent', '1', 'magma', sim.softener.concentration);
  const m = sim.mechanics?.elasticity;
  if (m) {
    add('stiffness', 'kPa', 'viridis', m.E);
    add('growth eigenstrain', '1', 'magma', m.eigenstrain);
    add('compressive stress', 'kPa', 'coolwarm', m.pressure);
    add('von Mises stress', 'kPa', 'magma', m.vonMises);
    add('stress xx', 'kPa', 'coolwarm', m.sxx);
    add('stress yy', 'kPa', 'coolwarm', m.syy);
    add('stress xy', 'kPa', 'coolwarm', m.sxy);
    add('displacement', 'µm', 'viridis', m.u, { kind: 'node vector' });
  }
  return out;
}
