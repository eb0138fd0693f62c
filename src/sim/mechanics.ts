// The stress solve as the simulation sees it: the Q1 elasticity solver set up for a tissue
// scenario (clamped far tissue, material written each step by the material kernel) or for the
// circular-inclusion verification problem (its moduli, eigenstrain and outer boundary).
import type { Gpu } from '../gpu/device.ts';
import { writeF32 } from '../gpu/buffers.ts';
import { DotKernels } from '../gpu/dot.ts';
import type { Scenario } from '../model/scenario.ts';
import { inclusionAt } from '../model/reference/inclusion.ts';
import { Elasticity, type ElasticBoundary } from '../solvers/elasticity/elasticity.ts';
import { ElasticityKernels } from '../solvers/elasticity/kernels.ts';
import { boundaryValues } from '../solvers/elasticity/boundary.ts';
import type { World } from './world.ts';

/** PCG iterations a step: a cold first solve, then warm starts from the last step's field. */
const FIRST_ITERATIONS = 30;
const WARM_ITERATIONS = 8;

export class Mechanics {
  readonly elasticity: Elasticity;
  private readonly device: GPUDevice;

  constructor(gpu: Gpu, scenario: Scenario, world: World) {
    const device = gpu.device;
    this.device = device;
    const { nx, ny, hMicrons: h } = world;
    const inclusion = scenario.inclusion;
    const boundary: ElasticBoundary = !inclusion
      ? 'clamped'
      : inclusion.boundary === 'exact-infinite' ? 'prescribed' : inclusion.boundary;
    this.elasticity = new Elasticity(new ElasticityKernels(device, new DotKernels(device)), { label: 'Stress', nx, ny, h, boundary });
    const el = this.elasticity;
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

  /** Re-assembles (the material may have changed), solves from the last field, and derives stresses. */
  solve(pass: GPUComputePassEncoder, first: boolean): void {
    this.elasticity.assemble(pass);
    this.elasticity.solve(pass, first ? FIRST_ITERATIONS : WARM_ITERATIONS);
    this.elasticity.stress(pass);
  }

  stateBuffers(): GPUBuffer[] {
    return this.elasticity.stateBuffers();
  }

  destroy(): void {
    this.elasticity.destroy();
  }
}
