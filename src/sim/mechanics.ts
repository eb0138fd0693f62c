// The stress solve as the simulation sees it: the Q1 elasticity solver set up for a tissue
// scenario (clamped far tissue, material written each step by the material kernel) or for the
// circular-inclusion verification problem (its moduli, eigenstrain and outer boundary).
import type { Gpu } from '../gpu/device.ts';
import { storageBuffer, uniformBuffer, writeF32 } from '../gpu/buffers.ts';
import { linearGroups } from '../gpu/kernel.ts';
import { packStruct } from '../gpu/struct-layout.ts';
import { DotKernels } from '../gpu/dot.ts';
import type { Scenario } from '../model/scenario.ts';
import { inclusionAt } from '../model/reference/inclusion.ts';
import { Elasticity, type ElasticBoundary } from '../solvers/elasticity/elasticity.ts';
import { WG_1D } from '../gpu/workgroup.ts';
import { ElasticityKernels } from '../solvers/elasticity/kernels.ts';
import { boundaryValues } from '../solvers/elasticity/boundary.ts';
import { SolvePlanner } from './solve-planner.ts';
import { STRESS_ITERATIONS, STRESS_PLAN, STRESS_SMOOTHER, STRESS_TOLERANCE, type SolveMode } from './solve-mode.ts';
import type { World } from './world.ts';

export class Mechanics {
  readonly elasticity: Elasticity;
  /** 'adaptive': the SolveLog struct of solve-log.wgsl, what the solves have done since the run began. */
  readonly solveLog?: GPUBuffer;
  private readonly solveLogGroup?: GPUBindGroup;
  private readonly device: GPUDevice;
  private readonly kernels: ElasticityKernels;
  private readonly planner?: SolvePlanner;
  /** 'adaptive' tissue: the last solve's displacement, for the next solve's extrapolated guess (extrapolate.wgsl). */
  private readonly previousU?: GPUBuffer;
  private readonly extrapolateGroup?: GPUBindGroup;
  private readonly owned: GPUBuffer[] = [];

  constructor(gpu: Gpu, scenario: Scenario, world: World, readonly mode: SolveMode = 'adaptive') {
    const device = gpu.device;
    this.device = device;
    const { nx, ny, hMicrons: h } = world;
    const inclusion = scenario.inclusion;
    const boundary: ElasticBoundary = !inclusion
      ? 'clamped'
      : inclusion.boundary === 'exact-infinite' ? 'prescribed' : inclusion.boundary;
    this.kernels = new ElasticityKernels(device, new DotKernels(device));
    this.elasticity = new Elasticity(this.kernels, {
      label: 'Stress', nx, ny, h, boundary, tolerance: mode === 'adaptive' ? STRESS_TOLERANCE : undefined, smoother: STRESS_SMOOTHER[mode],
    });
    const el = this.elasticity;
    if (mode === 'adaptive') {
      this.solveLog = storageBuffer(device, 'Stress.solveLog', this.kernels.solveLogLayout.size);
      this.solveLogGroup = this.kernels.solveLog.bind('Stress', { s: el.pcg.scalars, tally: this.solveLog });
      this.planner = new SolvePlanner(device, this.solveLog, STRESS_PLAN);
      // A tissue's growth load changes smoothly from step to step; an inclusion's is fixed.
      if (!inclusion) {
        this.previousU = storageBuffer(device, 'Stress.previousU', el.nodes * 8);
        const count = uniformBuffer(device, 'Stress.extrapolate.count', packStruct(this.kernels.vectorLayout, { count: el.nodes }));
        this.owned.push(this.previousU, count);
        this.extrapolateGroup = this.kernels.extrapolate.bind('Stress', { params: count, u: el.u, previous: this.previousU });
      }
    }
    writeF32(device, el.E, world.baseE);
    this.setPoissonRatios(world.nu);
    const eigenstrain = new Float32Array(nx * ny);
    if (inclusion) {
      const cx = (nx * h) / 2, cy = (ny * h) / 2;
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          if (Math.hypot((i + 0.5) * h - cx, (j + 0.5) * h - cy) < inclusion.radiusMicrons) eigenstrain[j * nx + i] = inclusion.eigenstrain;
        }
      }
      if (el.prescribed) {
        const problem = {
          a: inclusion.radiusMicrons, E1: inclusion.inclusionEKPa, nu1: inclusion.inclusionNu,
          E2: inclusion.matrixEKPa, nu2: inclusion.matrixNu, eps: inclusion.eigenstrain, edge: 'infinite' as const,
        };
        writeF32(device, el.prescribed, boundaryValues(nx, ny, h, (x, y) => {
          const s = inclusionAt(problem, x - cx, y - cy);
          return [s.ux, s.uy];
        }));
      }
    }
    writeF32(device, el.eigenstrain, eigenstrain);
  }

  /**
   * Poisson ratio per cell. No kernel writes it (the material kernel rewrites only E each step),
   * so live parameter changes come in here.
   */
  setPoissonRatios(nu: Float32Array): void {
    writeF32(this.device, this.elasticity.nu, nu);
  }

  get E(): GPUBuffer { return this.elasticity.E; }
  get eigenstrain(): GPUBuffer { return this.elasticity.eigenstrain; }
  get pressure(): GPUBuffer { return this.elasticity.pressure; }

  /** CG iterations `step` records: the fixed counts, or what the solves have been needing (solve-planner.ts). */
  iterationsFor(step: number): Promise<number> {
    const fixed = STRESS_ITERATIONS.fixed;
    return this.planner?.countFor(step) ?? Promise.resolve(step === 0 ? fixed.first : fixed.warm);
  }

  /** Re-assembles (the material may have changed), solves from the last field (or its extrapolation), and derives stresses. */
  solve(pass: GPUComputePassEncoder, iterations: number): void {
    if (this.extrapolateGroup) this.kernels.extrapolate.dispatch(pass, this.extrapolateGroup, ...linearGroups(this.elasticity.nodes, WG_1D));
    this.elasticity.assemble(pass);
    this.elasticity.solve(pass, iterations);
    if (this.solveLogGroup) this.kernels.solveLog.dispatch(pass, this.solveLogGroup, 1);
    this.elasticity.stress(pass);
  }

  /** At the end of `step`'s encoder (outside any pass), and after its submission. */
  afterSolve(encoder: GPUCommandEncoder, step: number): void {
    this.planner?.copy(encoder, step);
  }

  submitted(): void {
    this.planner?.submitted();
  }

  stateBuffers(): GPUBuffer[] {
    return [...this.elasticity.stateBuffers(), ...(this.solveLog ? [this.solveLog] : []), ...(this.previousU ? [this.previousU] : [])];
  }

  destroy(): void {
    this.elasticity.destroy();
    this.solveLog?.destroy();
    this.planner?.destroy();
    for (const b of this.owned) b.destroy();
  }
}
