// Every WGSL file of the app is imported here, once, with Vite's ?raw; shared pieces are joined
// to a kernel by plain concatenation, in the order the kernel names them. Shaders only tests run
// live beside those tests, so the app's bundle leaves them out.
import level from '../../shaders/lib/level.wgsl?raw';
import rng from '../../shaders/lib/rng.wgsl?raw';
import collagen from '../../shaders/lib/collagen.wgsl?raw';
import gate from '../../shaders/lib/gate.wgsl?raw';
import compact from '../../shaders/cells/compact.wgsl?raw';
import cellAgents from '../../shaders/cells/agents.wgsl?raw';
import cellSample from '../../shaders/cells/sample.wgsl?raw';
import cellRules from '../../shaders/cells/rules.wgsl?raw';
import cellAct from '../../shaders/cells/act.wgsl?raw';
import cellDeposit from '../../shaders/cells/deposit.wgsl?raw';
import cellDensity from '../../shaders/cells/density.wgsl?raw';
import cellFields from '../../shaders/cells/fields.wgsl?raw';
import cellMatrix from '../../shaders/cells/matrix.wgsl?raw';
import cellScatter from '../../shaders/cells/scatter.wgsl?raw';
import cellCensus from '../../shaders/cells/census.wgsl?raw';
import cellNk from '../../shaders/cells/nk.wgsl?raw';
import cellNkTally from '../../shaders/cells/nk-tally.wgsl?raw';
import cellMetrics from '../../shaders/cells/metrics.wgsl?raw';
import cellMetricsNk from '../../shaders/cells/metrics-nk.wgsl?raw';
import cellMetricsGrid from '../../shaders/cells/metrics-grid.wgsl?raw';
import mgStencilTerms from '../../shaders/multigrid/stencil-terms.wgsl?raw';
import mgStencil from '../../shaders/multigrid/stencil.wgsl?raw';
import mgLevelOperator from '../../shaders/multigrid/level-operator.wgsl?raw';
import mgTile from '../../shaders/multigrid/tile.wgsl?raw';
import mgTileDescend from '../../shaders/multigrid/tile-descend.wgsl?raw';
import mgTileAscend from '../../shaders/multigrid/tile-ascend.wgsl?raw';
import mgAssemble from '../../shaders/multigrid/assemble.wgsl?raw';
import mgCoarsen from '../../shaders/multigrid/coarsen.wgsl?raw';
import mgSmooth from '../../shaders/multigrid/smooth.wgsl?raw';
import mgResidual from '../../shaders/multigrid/residual.wgsl?raw';
import mgRestrict from '../../shaders/multigrid/restrict.wgsl?raw';
import mgProlong from '../../shaders/multigrid/prolong.wgsl?raw';
import cycleSteps from '../../shaders/lib/cycle-steps.wgsl?raw';
import mgCoarseCycle from '../../shaders/multigrid/coarse-cycle.wgsl?raw';
import mgRestriction from '../../shaders/multigrid/restriction.wgsl?raw';
import mgProlongation from '../../shaders/multigrid/prolongation.wgsl?raw';
import mgRediscretisation from '../../shaders/multigrid/rediscretisation.wgsl?raw';
import dot from '../../shaders/metrics/dot.wgsl?raw';
import oxygenCoefficients from '../../shaders/transport/oxygen-coefficients.wgsl?raw';
import oxygenLog from '../../shaders/transport/oxygen-log.wgsl?raw';
import drugParams from '../../shaders/transport/drug-params.wgsl?raw';
import drugCoefficients from '../../shaders/transport/drug-coefficients.wgsl?raw';
import drugExposure from '../../shaders/transport/drug-exposure.wgsl?raw';
import material from '../../shaders/mechanics/material.wgsl?raw';
import perfusion from '../../shaders/vessels/perfusion.wgsl?raw';

import mechGrid from '../../shaders/mechanics/grid.wgsl?raw';
import mechOperator from '../../shaders/mechanics/operator.wgsl?raw';
import mechLevelOperator from '../../shaders/mechanics/level-operator.wgsl?raw';
import mechAssemble from '../../shaders/mechanics/assemble.wgsl?raw';
import mechCoarsen from '../../shaders/mechanics/coarsen.wgsl?raw';
import mechSmooth from '../../shaders/mechanics/smooth.wgsl?raw';
import mechResidual from '../../shaders/mechanics/residual.wgsl?raw';
import mechRestrict from '../../shaders/mechanics/restrict.wgsl?raw';
import mechProlong from '../../shaders/mechanics/prolong.wgsl?raw';
import mechCoarseCycle from '../../shaders/mechanics/coarse-cycle.wgsl?raw';
import mechChebyshev from '../../shaders/mechanics/chebyshev.wgsl?raw';
import mechRestriction from '../../shaders/mechanics/restriction.wgsl?raw';
import mechProlongation from '../../shaders/mechanics/prolongation.wgsl?raw';
import mechRediscretisation from '../../shaders/mechanics/rediscretisation.wgsl?raw';
import mechCgState from '../../shaders/mechanics/cg-state.wgsl?raw';
import mechCgScalars from '../../shaders/mechanics/cg-scalars.wgsl?raw';
import mechSolveLog from '../../shaders/mechanics/solve-log.wgsl?raw';
import mechCgSolution from '../../shaders/mechanics/cg-solution.wgsl?raw';
import mechCgDirection from '../../shaders/mechanics/cg-direction.wgsl?raw';
import mechClear from '../../shaders/mechanics/clear.wgsl?raw';
import mechExtrapolate from '../../shaders/mechanics/extrapolate.wgsl?raw';
import mechRigid from '../../shaders/mechanics/rigid.wgsl?raw';
import mechImpose from '../../shaders/mechanics/impose.wgsl?raw';
import mechStress from '../../shaders/mechanics/stress.wgsl?raw';
import mechStressMeasures from '../../shaders/mechanics/stress-measures.wgsl?raw';
import renderView from '../../shaders/render/view.wgsl?raw';
import renderDisk from '../../shaders/render/disk.wgsl?raw';
import renderFieldValue from '../../shaders/render/field-value.wgsl?raw';
import renderRange from '../../shaders/render/range.wgsl?raw';
import renderField from '../../shaders/render/field.wgsl?raw';
import renderVessels from '../../shaders/render/vessels.wgsl?raw';
import renderCells from '../../shaders/render/cells.wgsl?raw';

export const wgsl = {
  level,
  cycleSteps,
  rng,
  collagen,
  gate,
  compact,
  mgStencilTerms,
  mgStencil,
  mgLevelOperator,
  mgTile,
  mgTileDescend,
  mgTileAscend,
  mgAssemble,
  mgCoarsen,
  mgSmooth,
  mgResidual,
  mgRestrict,
  mgProlong,
  mgCoarseCycle,
  mgRestriction,
  mgProlongation,
  mgRediscretisation,
  dot,
  oxygenCoefficients,
  oxygenLog,
  drugParams,
  drugCoefficients,
  drugExposure,
  material,
  perfusion,
} as const;


/** The agents' WGSL: `agents` (layout, parameters, sampling) and `rules` precede each kernel. */
export const cellWgsl = {
  agents: cellAgents,
  sample: cellSample,
  rules: cellRules,
  act: cellAct,
  deposit: cellDeposit,
  density: cellDensity,
  fields: cellFields,
  matrix: cellMatrix,
  scatter: cellScatter,
  census: cellCensus,
  nk: cellNk,
  nkTally: cellNkTally,
  metrics: cellMetrics,
  metricsNk: cellMetricsNk,
  metricsGrid: cellMetricsGrid,
} as const;

/** The elasticity solver's WGSL (Q1 elements on the grid's nodes). */
export const mechanicsWgsl = {
  grid: mechGrid,
  operator: mechOperator,
  levelOperator: mechLevelOperator,
  assemble: mechAssemble,
  coarsen: mechCoarsen,
  smooth: mechSmooth,
  residual: mechResidual,
  restrict: mechRestrict,
  prolong: mechProlong,
  coarseCycle: mechCoarseCycle,
  chebyshev: mechChebyshev,
  restriction: mechRestriction,
  prolongation: mechProlongation,
  rediscretisation: mechRediscretisation,
  cgState: mechCgState,
  cgScalars: mechCgScalars,
  solveLog: mechSolveLog,
  cgSolution: mechCgSolution,
  cgDirection: mechCgDirection,
  clear: mechClear,
  extrapolate: mechExtrapolate,
  rigid: mechRigid,
  impose: mechImpose,
  stress: mechStress,
  stressMeasures: mechStressMeasures,
} as const;

/** The view's WGSL (src/app/view/): `view` precedes every render shader, `disk` the instanced ones. */
export const renderWgsl = {
  view: renderView,
  disk: renderDisk,
  fieldValue: renderFieldValue,
  range: renderRange,
  field: renderField,
  vessels: renderVessels,
  cells: renderCells,
} as const;

export function compose(...parts: string[]): string {
  return parts.join('\n');
}
