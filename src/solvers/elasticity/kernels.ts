// Pipelines of the elasticity solver, built once per device and shared by every Elasticity.
import { Kernel, type BindingKind } from '../../gpu/kernel.ts';
import type { DotKernels } from '../../gpu/dot.ts';
import { GateKernels } from '../../gpu/gate.ts';
import { compose, mechanicsWgsl as w, wgsl } from '../../gpu/shaders.ts';
import { scalarStruct, type ScalarStruct } from '../../gpu/struct-layout.ts';

const U = 'uniform' as const;
const R = 'read-only-storage' as const;
const S = 'storage' as const;

export class ElasticityKernels {
  readonly assemble: Kernel;
  readonly coarsen: Kernel;
  readonly smooth: Kernel;
  readonly residual: Kernel;
  readonly apply: Kernel;
  readonly restrict: Kernel;
  readonly prolong: Kernel;
  readonly coarseCycle: Kernel;
  readonly chebyshev: Kernel;
  readonly alpha: Kernel;
  readonly beta: Kernel;
  readonly restart: Kernel;
  readonly record: Kernel;
  readonly rewind: Kernel;
  readonly solveLog: Kernel;
  readonly solution: Kernel;
  readonly direction: Kernel;
  readonly clear: Kernel;
  readonly extrapolate: Kernel;
  readonly rigid: Kernel;
  readonly impose: Kernel;
  readonly stress: Kernel;
  readonly measures: Kernel;
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
    const make = (name: string, code: string, bindings: BindingKind[], entryPoint?: string) =>
      new Kernel(device, { label: `Elasticity.${name}`, code, bindings, entryPoint });
    const grid = (body: string) => compose(w.grid, body);
    const op = (body: string) => compose(w.grid, w.operator, body);
    const cg = (body: string) => compose(w.cgState, body);
    this.assemble = make('assemble', grid(w.assemble), [U, R, R, R, S, S]);
    this.coarsen = make('coarsen', compose(w.grid, w.rediscretisation, w.coarsen), [U, R, R, S, S]);
    this.smooth = make('smooth', op(w.smooth), [U, R, R, R, S]);
    this.chebyshev = make('chebyshev', op(w.chebyshev), [U, U, R, R, R, R, S, S]);
    this.residual = make('residual', op(w.residual), [U, R, R, R, R, S], 'residual');
    this.apply = make('apply', op(w.residual), [U, R, R, R, R, S], 'apply');
    this.restrict = make('restrict', compose(w.grid, w.restriction, w.restrict), [U, R, R, S, S]);
    this.prolong = make('prolong', compose(w.grid, w.prolongation, w.prolong), [U, R, R, S]);
    this.coarseCycle = make('coarseCycle', compose(wgsl.cycleSteps, w.grid, w.operator, w.restriction, w.prolongation, w.rediscretisation, w.coarseCycle), [R, R, R, S, S, S, S, S]);
    const scalars = [U, S, S] as BindingKind[];
    this.alpha = make('alpha', cg(w.cgScalars), scalars, 'step_alpha');
    this.beta = make('beta', cg(w.cgScalars), scalars, 'step_beta');
    this.restart = make('restart', cg(w.cgScalars), scalars, 'restart');
    this.record = make('record', cg(w.cgScalars), scalars, 'record');
    this.rewind = make('rewind', cg(w.cgScalars), scalars, 'rewind');
    this.solveLog = make('solveLog', cg(w.solveLog), [R, S]);
    this.solution = make('solution', cg(w.cgSolution), [U, R, R, R, S, S]);
    this.direction = make('direction', cg(w.cgDirection), [U, R, R, S]);
    this.clear = make('clear', cg(w.clear), [U, S]);
    this.extrapolate = make('extrapolate', cg(w.extrapolate), [U, S, S]);
    this.rigid = make('rigid', cg(w.rigid), [U, R, R, R, R, S]);
    this.impose = make('impose', grid(w.impose), [U, R, S]);
    this.stress = make('stress', grid(w.stress), [U, R, R, R, S, S, S, S]);
    this.measures = make('measures', grid(w.stressMeasures), [U, R, R, R, R, S, S, S]);
    this.gates = new GateKernels(device);
    this.levelLayout = scalarStruct(w.grid, 'MechLevel');
    this.chebyshevLayout = scalarStruct(w.chebyshev, 'ChebyshevStep');
    this.scalarsLayout = scalarStruct(w.cgState, 'CgScalars');
    this.vectorLayout = scalarStruct(w.cgState, 'VectorParams');
    this.historyLayout = scalarStruct(w.cgScalars, 'HistoryParams');
    this.solveLogLayout = scalarStruct(w.solveLog, 'SolveLog');
  }
}
