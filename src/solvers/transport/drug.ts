// A drug (SMAC mimetic or softening agent) in tissue: BDF2 in time, backward Euler on the
// first step, delivered from the plasma through perfused vessels; see drug-coefficients.wgsl.
import { Kernel, linearGroups, type KernelOf } from '../../gpu/kernel.ts';
import { storageBuffer, structUniform } from '../../gpu/buffers.ts';
import { compose, wgsl } from '../../gpu/shaders.ts';
import { packNamed, scalarStruct } from '../../gpu/struct-layout.ts';
import { Multigrid, type BoundaryConditions, type MultigridKernels } from '../multigrid.ts';
import { DRUG_SLOT, type DrugSlot } from './vessel-field.ts';
import { SOLVES_AFTER_A_DOSE, type DrugStepPlan } from './dose-substeps.ts';
import { WG_1D } from '../../gpu/workgroup.ts';

/**
 * What a drug's parameters set in its own solve; they may change between steps
 * (setCoefficients). The wall permeability enters through the vessel data (vessel-field.ts).
 */
export interface DrugCoefficients {
  diffusivityUm2PerS: number;
  decayPerS: number;
}

export interface DrugOptions extends DrugCoefficients {
  label: string;
  /** Which drug's exchange this solve reads from the vessel data (vessel-field.ts). */
  slot: DrugSlot;
  nx: number;
  ny: number;
  hMicrons: number;
  bc?: BoundaryConditions;
  /** The multigrid's levels in tiles (MultigridOptions.tiled; default true). */
  tiled?: boolean;
  /**
   * Skip the solves while the tissue holds none of the drug (default true). False only to show
   * that skipping changes nothing (tests/gpu/drug-skip.test.ts).
   */
  skipWhileEmpty?: boolean;
  /**
   * Keep the saturating exposure ∫ u/(1 + u) dt (days) over the solves in `exposure`, for a
   * consumer that integrates the drug's effect over the step (the softening agent: material.wgsl).
   */
  exposure?: boolean;
}

const ZERO_FLUX: BoundaryConditions = {
  west: { kind: 'neumann' }, east: { kind: 'neumann' }, south: { kind: 'neumann' }, north: { kind: 'neumann' },
};

/** What a checkpoint keeps of a drug's CPU side. */
export interface DrugState {
  stepsTaken: number;
  empty: boolean;
}

const COEFFICIENT_BINDINGS = ['params', 'vessel', 'perfusion', 'u_n', 'u_nm1', 'k', 'a', 'f', 'u'] as const;
const EXPOSURE_BINDINGS = ['params', 'u_n', 'u', 'exposure'] as const;
export type DrugKernel = KernelOf<typeof COEFFICIENT_BINDINGS>;

export function drugKernel(device: GPUDevice): DrugKernel {
  return new Kernel(device, { label: 'Drug.coefficients', code: compose(wgsl.drugParams, wgsl.drugCoefficients), bindings: COEFFICIENT_BINDINGS });
}

function exposureKernel(device: GPUDevice): KernelOf<typeof EXPOSURE_BINDINGS> {
  return new Kernel(device, { label: 'Drug.exposure', code: compose(wgsl.drugParams, wgsl.drugExposure), bindings: EXPOSURE_BINDINGS });
}

export class Drug {
  readonly mg: Multigrid;
  private readonly previous: GPUBuffer;
  private readonly beforePrevious: GPUBuffer;
  /** One uniform buffer and bind group per solve recorded in one encoder (a step cut at doses needs several). */
  private readonly params: GPUBuffer[] = [];
  private readonly groups: GPUBindGroup[] = [];
  private readonly exposureGroups: GPUBindGroup[] = [];
  private readonly exposureKernel?: KernelOf<typeof EXPOSURE_BINDINGS>;
  /** ∫ u/(1 + u) dt in days, summed over the solves since its consumer last zeroed it (options.exposure). */
  readonly exposure?: GPUBuffer;
  private readonly vessel: GPUBuffer;
  private readonly perfusion: GPUBuffer;
  private readonly cells: number;
  private readonly label: string;
  private readonly slot: number;
  private coefficients: DrugCoefficients;
  private stepsTaken = 0;
  /** The tissue holds none of the drug: never delivered, and not written from outside. */
  private empty: boolean;

  /**
   * `vessel` and `perfusion` are the oxygen solver's buffers: the same capillaries feed both;
   * `vessel` holds this drug's exchange in its `options.slot` component.
   */
  constructor(mgKernels: MultigridKernels, private readonly kernel: DrugKernel, options: DrugOptions, vessel: GPUBuffer, perfusion: GPUBuffer) {
    const device = mgKernels.device;
    const { label, nx, ny } = options;
    this.cells = nx * ny;
    this.label = label;
    this.slot = DRUG_SLOT[options.slot];
    this.coefficients = coefficientsOf(options);
    this.empty = options.skipWhileEmpty ?? true;
    this.mg = new Multigrid(mgKernels, { label: `${label}.mg`, nx, ny, hx: options.hMicrons, bc: options.bc ?? ZERO_FLUX, tiled: options.tiled });
    this.previous = storageBuffer(device, `${label}.u[n]`, this.cells * 4);
    this.beforePrevious = storageBuffer(device, `${label}.u[n-1]`, this.cells * 4);
    this.vessel = vessel;
    this.perfusion = perfusion;
    if (options.exposure) {
      this.exposureKernel = exposureKernel(device);
      this.exposure = storageBuffer(device, `${label}.exposure`, this.cells * 4);
    }
    // Enough for a step that holds one dose, so that dosing allocates nothing in a run; a step
    // that holds several (doses closer than dt) adds slots on first use.
    this.slotFor(SOLVES_AFTER_A_DOSE);
  }

  /** The uniforms and bind group of the i-th solve in an encoder, made on first use. */
  private slotFor(i: number): { params: GPUBuffer; group: GPUBindGroup; exposureGroup?: GPUBindGroup } {
    while (this.params.length <= i) {
      const params = structUniform(this.kernel.device, `${this.label}.params[${this.params.length}]`, scalarStruct(wgsl.drugParams, 'DrugParams'));
      this.params.push(params);
      this.groups.push(this.kernel.bind(this.label, {
        params, vessel: this.vessel, perfusion: this.perfusion, u_n: this.previous, u_nm1: this.beforePrevious, k: this.mg.k, a: this.mg.a, f: this.mg.f, u: this.mg.u,
      }));
      if (this.exposureKernel) this.exposureGroups.push(this.exposureKernel.bind(this.label, { params, u_n: this.previous, u: this.mg.u, exposure: this.exposure! }));
    }
    return { params: this.params[i], group: this.groups[i], exposureGroup: this.exposureGroups[i] };
  }

  /** Tissue concentration; write the initial state here (and call restart()). */
  get concentration(): GPUBuffer {
    return this.mg.u;
  }

  /** Coefficients for the steps from the next one on (the state is kept). */
  setCoefficients(c: DrugCoefficients): void {
    this.coefficients = coefficientsOf(c);
  }

  /**
   * The next step uses backward Euler again: after the state was overwritten from outside, or
   * when dt changes (BDF2's coefficients assume the last step had the same size).
   */
  restart(): void {
    this.stepsTaken = 0;
    this.empty = false;
  }

  /**
   * Records one step of dt seconds with plasma level `plasma` at the new time: shifts the
   * history, then solves. The step size must stay constant between restarts (BDF2 assumes it).
   * The step's parameters are written to the queue now, so submit each step's encoder before
   * recording the next step (queue writes and submissions run in order).
   */
  step(encoder: GPUCommandEncoder, dtSeconds: number, plasma: number, cycles = 2): void {
    this.solve(encoder, 0, dtSeconds, plasma, cycles);
  }

  /**
   * One model step as planned by drugStepPlan: a regular step, or backward-Euler solves cut at
   * dose times, after which BDF2 starts afresh (its history would have the wrong spacing).
   */
  advance(encoder: GPUCommandEncoder, plan: DrugStepPlan, cycles = 2): void {
    if (plan.regular) {
      this.step(encoder, plan.solves[0].minutes * 60, plan.solves[0].plasma, cycles);
      return;
    }
    plan.solves.forEach((s, i) => {
      this.stepsTaken = 0;
      this.solve(encoder, i, s.minutes * 60, s.plasma, cycles);
    });
    this.stepsTaken = 0;
  }

  private solve(encoder: GPUCommandEncoder, slot: number, dtSeconds: number, plasma: number, cycles: number): void {
    // Undosed tissue stays exactly zero (zero start, zero history, zero source: every smoother
    // update of zeros is zero), so its solve is skipped; the step still counts, so the first
    // dosed step is the same BDF2 step it would have been. An untreated run saves both drugs'
    // solves, a third of a default step's transport.
    if (this.empty && plasma === 0) {
      this.stepsTaken++;
      return;
    }
    this.empty = false;
    const bdf2 = this.stepsTaken > 0;
    const k = this.coefficients;
    const { params, group, exposureGroup } = this.slotFor(slot);
    this.kernel.device.queue.writeBuffer(params, 0, packNamed(wgsl.drugParams, 'DrugParams', {
      cells: this.cells, diffusivity: k.diffusivityUm2PerS, decay: k.decayPerS, dt: dtSeconds,
      alpha: bdf2 ? 1.5 : 1, beta: bdf2 ? 2 : 1, gamma: bdf2 ? 0.5 : 0, plasma, slot: this.slot, extrapolate: bdf2 ? 1 : 0,
    }));
    const bytes = this.cells * 4;
    encoder.copyBufferToBuffer(this.previous, 0, this.beforePrevious, 0, bytes);
    encoder.copyBufferToBuffer(this.mg.u, 0, this.previous, 0, bytes);
    const pass = encoder.beginComputePass({ label: `${this.label}.step` });
    this.kernel.dispatch(pass, group, ...linearGroups(this.cells, WG_1D));
    this.mg.assemble(pass);
    // Without history to extrapolate from, the guess is uⁿ, off by the whole step's change: twice
    // the cycles. Such steps are few: the first, and those cut at doses (dose-substeps.ts).
    const vcycles = bdf2 ? cycles : 2 * cycles;
    for (let c = 0; c < vcycles; c++) this.mg.vcycle(pass);
    if (exposureGroup) this.exposureKernel!.dispatch(pass, exposureGroup, ...linearGroups(this.cells, WG_1D));
    pass.end();
    this.stepsTaken++;
  }

  /** Its storage buffers: the multigrid's, the BDF2 history u[n], u[n-1] and the exposure (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    return [...this.mg.stateBuffers(), this.previous, this.beforePrevious, ...(this.exposure ? [this.exposure] : [])];
  }

  /** BDF2's step count and the skip-while-empty flag: the CPU half of its state. */
  checkpointState(): DrugState {
    return { stepsTaken: this.stepsTaken, empty: this.empty };
  }

  restoreState(state: DrugState): void {
    this.stepsTaken = state.stepsTaken;
    this.empty = state.empty;
  }

  destroy(): void {
    this.mg.destroy();
    this.previous.destroy();
    this.beforePrevious.destroy();
    this.exposure?.destroy();
    for (const b of this.params) b.destroy();
  }
}

function coefficientsOf(c: DrugCoefficients): DrugCoefficients {
  return { diffusivityUm2PerS: c.diffusivityUm2PerS, decayPerS: c.decayPerS };
}
