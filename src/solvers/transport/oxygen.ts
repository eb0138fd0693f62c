// Quasi-steady oxygen: Newton iterations around the multigrid (the uptake is Michaelis–Menten).
import { Kernel, linearGroups } from '../../gpu/kernel.ts';
import { storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import { wgsl } from '../../gpu/shaders.ts';
import { packNamed } from '../../gpu/struct-layout.ts';
import { Multigrid, type BoundaryConditions, type MultigridKernels } from '../multigrid.ts';

export interface OxygenOptions {
  label?: string;
  nx: number;
  ny: number;
  hMicrons: number;
  diffusivityUm2PerS: number;
  maxUptakeMmHgPerS: number;
  kmMmHg: number;
  /** Nusselt number of a capillary's oxygen transfer: the vessel side of a partly open vessel. */
  nusselt: number;
  bc?: BoundaryConditions;
}

/** What the coefficient kernel reads, settable live. */
export type OxygenCoefficients = Pick<OxygenOptions, 'diffusivityUm2PerS' | 'maxUptakeMmHgPerS' | 'kmMmHg' | 'nusselt'>;

const WG = 64;
const ZERO_FLUX: BoundaryConditions = {
  west: { kind: 'neumann' }, east: { kind: 'neumann' }, south: { kind: 'neumann' }, north: { kind: 'neumann' },
};

export function oxygenKernel(device: GPUDevice): Kernel {
  const R = 'read-only-storage' as const, S = 'storage' as const;
  return new Kernel(device, { label: 'Oxygen.coefficients', code: wgsl.oxygenCoefficients, bindings: ['uniform', R, R, R, R, S, S, S, R] });
}

export class Oxygen {
  readonly mg: Multigrid;
  /** Cell density (0–1) that takes up oxygen; written by the owner. */
  readonly density: GPUBuffer;
  /** (W_O2, p_wall, W_smac, W_softener) per cell; see vessel-field.ts. */
  readonly vessel: GPUBuffer;
  /** Perfusion φ ∈ [0, 1] per cell (1: open vessel). */
  readonly perfusion: GPUBuffer;
  /**
   * (Rc, r_eq) in µm of the vessel whose ring dominates each cell's exchange, zero elsewhere
   * (vessel-field.ts `vesselRings`): the exchange's correction for the tissue's decay length.
   */
  readonly ring: GPUBuffer;
  private readonly group: GPUBindGroup;
  private readonly params: GPUBuffer;
  private readonly cells: number;

  constructor(mgKernels: MultigridKernels, private readonly kernel: Kernel, options: OxygenOptions) {
    const device = mgKernels.device;
    const label = options.label ?? 'Oxygen';
    this.cells = options.nx * options.ny;
    this.mg = new Multigrid(mgKernels, { label: `${label}.mg`, nx: options.nx, ny: options.ny, hx: options.hMicrons, bc: options.bc ?? ZERO_FLUX });
    this.density = storageBuffer(device, `${label}.density`, this.cells * 4);
    this.vessel = storageBuffer(device, `${label}.vessel`, this.cells * 16);
    this.perfusion = storageBuffer(device, `${label}.perfusion`, this.cells * 4);
    this.ring = storageBuffer(device, `${label}.ring`, this.cells * 8);
    this.params = uniformBuffer(device, `${label}.params`, this.packParams(options));
    this.group = kernel.bind(label, [this.params, this.density, this.vessel, this.perfusion, this.mg.u, this.mg.k, this.mg.a, this.mg.f, this.ring]);
  }

  setParams(o: OxygenCoefficients): void {
    this.kernel.device.queue.writeBuffer(this.params, 0, this.packParams(o));
  }

  private packParams(o: OxygenCoefficients): ArrayBuffer {
    return packNamed(wgsl.oxygenCoefficients, 'OxygenParams', {
      cells: this.cells, diffusivity: o.diffusivityUm2PerS, max_uptake: o.maxUptakeMmHgPerS, km: o.kmMmHg, nusselt: o.nusselt,
    });
  }

  /** Oxygen tension (mmHg), the multigrid's solution; its content is the warm start. */
  get pO2(): GPUBuffer {
    return this.mg.u;
  }

  /** Records `newton` Newton steps of `cycles` V-cycles each. */
  solve(pass: GPUComputePassEncoder, newton = 3, cycles = 2): void {
    for (let n = 0; n < newton; n++) {
      this.kernel.dispatch(pass, this.group, ...linearGroups(this.cells, WG));
      this.mg.assemble(pass);
      for (let c = 0; c < cycles; c++) this.mg.vcycle(pass);
    }
  }

  /**
   * Its storage buffers: the multigrid's and the inputs the owner writes (checkpoints save them).
   * `ring` is left out: it depends on the vessels' geometry alone, written when the owner is built.
   */
  stateBuffers(): GPUBuffer[] {
    return [...this.mg.stateBuffers(), this.density, this.vessel, this.perfusion];
  }

  destroy(): void {
    this.mg.destroy();
    this.density.destroy();
    this.vessel.destroy();
    this.perfusion.destroy();
    this.ring.destroy();
    this.params.destroy();
  }
}
