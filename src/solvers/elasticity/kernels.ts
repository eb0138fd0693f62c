// Pipelines of the elasticity solver, built once per device and shared by every Elasticity.
import { Kernel, type KernelOf } from '../../gpu/kernel.ts';
import type { DotKernels } from '../../gpu/dot.ts';
import { GateKernels } from '../../gpu/gate.ts';
import { compose, mechanicsWgsl as w, wgsl } from '../../gpu/shaders.ts';
import { scalarStruct, type ScalarStruct } from '../../gpu/struct-layout.ts';

const LEVEL = ['level', 'lame', 'fixed', 'rhs', 'u'] as const;
const CG_SCALARS = ['params', 's', 'history'] as const;

/** Each kernel's bindings, as its WGSL names them. */
const BINDINGS = {
  assemble: ['level', 'E', 'nu', 'eigenstrain', 'lame', 'load'],
  coarsen: ['level', 'lame', 'fixed', 'coarse_lame_out', 'coarse_fixed'],
  smooth: LEVEL,
  chebyshev: ['level', 'step', 'lame', 'fixed', 'rhs', 'u_in', 'u_out', 'd'],
  residual: [...LEVEL, 'out'],
  apply: [...LEVEL, 'out'],
  restrict: ['level', 'coarse_fixed', 'r', 'coarse_rhs', 'coarse_u'],
  prolong: ['level', 'fixed', 'coarse_u', 'u'],
  coarseCycle: ['shapes', 'steps', 'offsets', 'lame', 'fixed', 'rhs', 'u', 'res'],
  alpha: CG_SCALARS,
  beta: CG_SCALARS,
  restart: CG_SCALARS,
  record: CG_SCALARS,
  rewind: CG_SCALARS,
  solveLog: ['s', 'tally'],
  solution: ['params', 's', 'p', 'q', 'u', 'r'],
  direction: ['params', 's', 'z', 'p'],
  clear: ['params', 'x'],
  extrapolate: ['params', 'u', 'previous'],
  rigid: ['params', 's', 'm_x', 'm_y', 'm_rot', 'x'],
  impose: ['level', 'prescribed', 'u'],
  stress: ['level', 'lame', 'eigenstrain', 'u', 'sxx', 'syy', 'sxy', 'szz'],
  measures: ['level', 'sxx', 'syy', 'sxy', 'u', 'pressure', 'von_mises', 'displacement'],
} as const;

type Bindings = typeof BINDINGS;

export class ElasticityKernels {
  readonly assemble: KernelOf<Bindings['assemble']>;
  readonly coarsen: KernelOf<Bindings['coarsen']>;
  readonly smooth: KernelOf<Bindings['smooth']>;
  readonly residual: KernelOf<Bindings['residual']>;
  readonly apply: KernelOf<Bindings['apply']>;
  readonly restrict: KernelOf<Bindings['restrict']>;
  readonly prolong: KernelOf<Bindings['prolong']>;
  readonly coarseCycle: KernelOf<Bindings['coarseCycle']>;
  readonly chebyshev: KernelOf<Bindings['chebyshev']>;
  readonly alpha: KernelOf<Bindings['alpha']>;
  readonly beta: KernelOf<Bindings['beta']>;
  readonly restart: KernelOf<Bindings['restart']>;
  readonly record: KernelOf<Bindings['record']>;
  readonly rewind: KernelOf<Bindings['rewind']>;
  readonly solveLog: KernelOf<Bindings['solveLog']>;
  readonly solution: KernelOf<Bindings['solution']>;
  readonly direction: KernelOf<Bindings['direction']>;
  readonly clear: KernelOf<Bindings['clear']>;
  readonly extrapolate: KernelOf<Bindings['extrapolate']>;
  readonly rigid: KernelOf<Bindings['rigid']>;
  readonly impose: KernelOf<Bindings['impose']>;
  readonly stress: KernelOf<Bindings['stress']>;
  readonly measures: KernelOf<Bindings['measures']>;
  /** The tolerance gate's kernels (gpu/gate.ts). */
  readonly gates: GateKernels;
  /** Layouts of the level uniform and the CG scalars, read from the WGSL structs. */
  readonly levelLayout: ScalarStruct;
  readonly chebyshevLayout: ScalarStruct;
  readonly scalarsLayout: ScalarStruct;
  readonly vectorLayout: ScalarStruct;
  readonly historyLayout: ScalarStruct;
  readonly solveLogLayout: ScalarStruct;

  constructor(readonly device: GPUDevice, readonly dots: DotKernels) {
    const make = <K extends keyof Bindings>(name: K, code: string, entryPoint?: string) =>
      new Kernel(device, { label: `Elasticity.${name}`, code, bindings: BINDINGS[name], entryPoint });
    const grid = (body: string) => compose(w.grid, body);
    const op = (body: string) => compose(w.grid, w.operator, body);
    const levelOp = (body: string) => op(compose(w.levelOperator, body));
    const cg = (body: string) => compose(w.cgState, body);
    this.assemble = make('assemble', grid(w.assemble));
    this.coarsen = make('coarsen', compose(w.grid, w.rediscretisation, w.coarsen));
    this.smooth = make('smooth', levelOp(w.smooth));
    this.chebyshev = make('chebyshev', op(w.chebyshev));
    this.residual = make('residual', levelOp(w.residual), 'residual');
    this.apply = make('apply', levelOp(w.residual), 'apply');
    this.restrict = make('restrict', compose(w.grid, w.restriction, w.restrict));
    this.prolong = make('prolong', compose(w.grid, w.prolongation, w.prolong));
    this.coarseCycle = make('coarseCycle', compose(wgsl.cycleSteps, w.grid, w.operator, w.restriction, w.prolongation, w.rediscretisation, w.coarseCycle));
    this.alpha = make('alpha', cg(w.cgScalars), 'step_alpha');
    this.beta = make('beta', cg(w.cgScalars), 'step_beta');
    this.restart = make('restart', cg(w.cgScalars), 'restart');
    this.record = make('record', cg(w.cgScalars), 'record');
    this.rewind = make('rewind', cg(w.cgScalars), 'rewind');
    this.solveLog = make('solveLog', cg(w.solveLog));
    this.solution = make('solution', cg(w.cgSolution));
    this.direction = make('direction', cg(w.cgDirection));
    this.clear = make('clear', cg(w.clear));
    this.extrapolate = make('extrapolate', cg(w.extrapolate));
    this.rigid = make('rigid', cg(w.rigid));
    this.impose = make('impose', grid(w.impose));
    this.stress = make('stress', grid(w.stress));
    this.measures = make('measures', grid(w.stressMeasures));
    this.gates = new GateKernels(device);
    this.levelLayout = scalarStruct(w.grid, 'MechLevel');
    this.chebyshevLayout = scalarStruct(w.chebyshev, 'ChebyshevStep');
    this.scalarsLayout = scalarStruct(w.cgState, 'CgScalars');
    this.vectorLayout = scalarStruct(w.cgState, 'VectorParams');
    this.historyLayout = scalarStruct(w.cgScalars, 'HistoryParams');
    this.solveLogLayout = scalarStruct(w.solveLog, 'SolveLog');
  }
}
