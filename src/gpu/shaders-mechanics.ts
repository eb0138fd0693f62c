// The elasticity solver's WGSL, imported once with Vite's ?raw (as shaders.ts does for the rest);
// kernels are joined from these parts with compose().
import grid from '../../shaders/mechanics/grid.wgsl?raw';
import operator from '../../shaders/mechanics/operator.wgsl?raw';
import assemble from '../../shaders/mechanics/assemble.wgsl?raw';
import coarsen from '../../shaders/mechanics/coarsen.wgsl?raw';
import smooth from '../../shaders/mechanics/smooth.wgsl?raw';
import residual from '../../shaders/mechanics/residual.wgsl?raw';
import restrict from '../../shaders/mechanics/restrict.wgsl?raw';
import prolong from '../../shaders/mechanics/prolong.wgsl?raw';
import coarseSolve from '../../shaders/mechanics/coarse-solve.wgsl?raw';
import cgState from '../../shaders/mechanics/cg-state.wgsl?raw';
import cgScalars from '../../shaders/mechanics/cg-scalars.wgsl?raw';
import cgSolution from '../../shaders/mechanics/cg-solution.wgsl?raw';
import cgDirection from '../../shaders/mechanics/cg-direction.wgsl?raw';
import clear from '../../shaders/mechanics/clear.wgsl?raw';
import rigid from '../../shaders/mechanics/rigid.wgsl?raw';
import impose from '../../shaders/mechanics/impose.wgsl?raw';
import stress from '../../shaders/mechanics/stress.wgsl?raw';
import stressMeasures from '../../shaders/mechanics/stress-measures.wgsl?raw';

export const mechanicsWgsl = {
  grid,
  operator,
  assemble,
  coarsen,
  smooth,
  residual,
  restrict,
  prolong,
  coarseSolve,
  cgState,
  cgScalars,
  cgSolution,
  cgDirection,
  clear,
  rigid,
  impose,
  stress,
  stressMeasures,
} as const;
