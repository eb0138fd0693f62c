// Every WGSL file is imported here, once, with Vite's ?raw; shared pieces are joined to a
// kernel by plain concatenation, in the order the kernel names them.
import level from '../../shaders/lib/level.wgsl?raw';
import rng from '../../shaders/lib/rng.wgsl?raw';
import mgStencil from '../../shaders/multigrid/stencil.wgsl?raw';
import mgAssemble from '../../shaders/multigrid/assemble.wgsl?raw';
import mgCoarsen from '../../shaders/multigrid/coarsen.wgsl?raw';
import mgSmooth from '../../shaders/multigrid/smooth.wgsl?raw';
import mgResidual from '../../shaders/multigrid/residual.wgsl?raw';
import mgRestrict from '../../shaders/multigrid/restrict.wgsl?raw';
import mgProlong from '../../shaders/multigrid/prolong.wgsl?raw';
import mgCoarseSolve from '../../shaders/multigrid/coarse-solve.wgsl?raw';
import dot from '../../shaders/metrics/dot.wgsl?raw';
import oxygenCoefficients from '../../shaders/transport/oxygen-coefficients.wgsl?raw';
import drugCoefficients from '../../shaders/transport/drug-coefficients.wgsl?raw';
import material from '../../shaders/mechanics/material.wgsl?raw';
import perfusion from '../../shaders/vessels/perfusion.wgsl?raw';

export const wgsl = {
  level,
  rng,
  mgStencil,
  mgAssemble,
  mgCoarsen,
  mgSmooth,
  mgResidual,
  mgRestrict,
  mgProlong,
  mgCoarseSolve,
  dot,
  oxygenCoefficients,
  drugCoefficients,
  material,
  perfusion,
} as const;

export function compose(...parts: string[]): string {
  return parts.join('\n');
}
