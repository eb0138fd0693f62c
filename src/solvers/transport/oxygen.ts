// Quasi-steady oxygen: Newton iterations around the multigrid (the uptake is Michaelis–Menten),
// a fixed number, or with a tolerance at most that many: after each V-cycle the residual
// ‖f − A u‖ of the system being solved is measured on the GPU, and once that is ≤ τ‖f‖ a gate
// (gpu/gate.ts) shuts every later cycle and Newton step of the solve.
import { Kernel, linearGroups, type KernelOf } from '../../gpu/kernel.ts';
import { storageBuffer, uniformBuffer } from '../../gpu/buffers.ts';
import { Dot, type DotKernels } from '../../gpu/dot.ts';
import { Gate, type GateKernels } from '../../gpu/gate.ts';
import { wgsl } from '../../gpu/shaders.ts';
import { packNamed, scalarStruct } from '../../gpu/struct-layout.ts';
import { Multigrid, type BoundaryConditions, type MultigridKernels } from '../multigrid.ts';
import { WG_1D } from '../../gpu/workgroup.ts';

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
  /** The multigrid's levels in tiles (MultigridOptions.tiled; default true). */
  tiled?: boolean;
}

/** What the coefficient kernel reads, settable live. */
export type OxygenCoefficients = Pick<OxygenOptions, 'diffusivityUm2PerS' | 'maxUptakeMmHgPerS' | 'kmMmHg' | 'nusselt'>;

/** Stopping the solve after the first V-cycle that leaves ‖f − A u‖ ≤ tolerance·‖f‖ (relative, > 0 and < 1). */
export interface OxygenTolerance {
  dots: DotKernels;
  gates: GateKernels;
  tolerance: number;
}

/** The Newton solve's scalars (f32 each): r·r and f·f after the last V-cycle that ran, the gate's open flag, and the checks that found ‖r‖ > τ‖f‖ (a solve of N cycles in all ran min(N, 1 + above) and ended above τ when above = N). */
export const NEWTON_SLOTS = { rr: 0, ff: 1, open: 2, above: 3 } as const;

const ZERO_FLUX: BoundaryConditions = {
  west: { kind: 'neumann' }, east: { kind: 'neumann' }, south: { kind: 'neumann' }, north: { kind: 'neumann' },
};

const COEFFICIENT_BINDINGS = ['params', 'density', 'vessel', 'perfusion', 'p', 'k', 'a', 'f', 'ring'] as const;
const LOG_BINDINGS = ['params', 's', 'tally'] as const;
export type OxygenKernel = KernelOf<typeof COEFFICIENT_BINDINGS>;

export function oxygenKernel(device: GPUDevice): OxygenKernel {
  return new Kernel(device, { label: 'Oxygen.coefficients', code: wgsl.oxygenCoefficients, bindings: COEFFICIENT_BINDINGS });
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
  /** With a tolerance: NEWTON_SLOTS of the last solve, and the OxygenLog of oxygen-log.wgsl (every solve so far). */
  readonly scalars?: GPUBuffer;
  readonly log?: GPUBuffer;
  private readonly group: GPUBindGroup;
  private readonly params: GPUBuffer;
  private readonly cells: number;
  private readonly stop?: { gate: Gate; rr: Dot; ff: Dot; logKernel: KernelOf<typeof LOG_BINDINGS>; logParams: GPUBuffer; logGroup: GPUBindGroup };

  constructor(mgKernels: MultigridKernels, private readonly kernel: OxygenKernel, options: OxygenOptions, tolerance?: OxygenTolerance) {
    const device = mgKernels.device;
    const label = options.label ?? 'Oxygen';
    this.cells = options.nx * options.ny;
    this.mg = new Multigrid(mgKernels, { label: `${label}.mg`, nx: options.nx, ny: options.ny, hx: options.hMicrons, bc: options.bc ?? ZERO_FLUX, tiled: options.tiled });
    this.density = storageBuffer(device, `${label}.density`, this.cells * 4);
    this.vessel = storageBuffer(device, `${label}.vessel`, this.cells * 16);
    this.perfusion = storageBuffer(device, `${label}.perfusion`, this.cells * 4);
    this.ring = storageBuffer(device, `${label}.ring`, this.cells * 8);
    this.params = uniformBuffer(device, `${label}.params`, this.packParams(options));
    this.group = kernel.bind(label, {
      params: this.params, density: this.density, vessel: this.vessel, perfusion: this.perfusion, p: this.mg.u, k: this.mg.k, a: this.mg.a, f: this.mg.f, ring: this.ring,
    });
    if (tolerance) {
      const scalars = storageBuffer(device, `${label}.newton`, 16);
      const slots = { rr: NEWTON_SLOTS.rr, ff: NEWTON_SLOTS.ff, open: NEWTON_SLOTS.open, count: NEWTON_SLOTS.above, counts: true };
      this.scalars = scalars;
      const log = storageBuffer(device, `${label}.log`, scalarStruct(wgsl.oxygenLog, 'OxygenLog').size);
      this.log = log;
      const logKernel = new Kernel(device, { label: `${label}.log`, code: wgsl.oxygenLog, bindings: LOG_BINDINGS });
      const logParams = uniformBuffer(device, `${label}.logParams`, this.packLogParams(0, false));
      this.stop = {
        gate: new Gate(tolerance.gates, `${label}.gate`, scalars, slots, tolerance.tolerance),
        rr: new Dot(tolerance.dots, `${label}.r·r`, this.mg.r, this.mg.r, this.cells, scalars, NEWTON_SLOTS.rr),
        ff: new Dot(tolerance.dots, `${label}.f·f`, this.mg.rhs, this.mg.rhs, this.cells, scalars, NEWTON_SLOTS.ff),
        logKernel, logParams, logGroup: logKernel.bind(label, { params: logParams, s: scalars, tally: log }),
      };
    }
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

  /**
   * Records `newton` Newton steps of `cycles` V-cycles each, or only the first `recorded` of those
   * cycles. With a tolerance and `stopAtTolerance`, the first cycle always runs (the problem has
   * changed since the last solve), and each later one, and each later Newton step, only while
   * the residual the cycle before left is above τ‖f‖.
   */
  solve(pass: GPUComputePassEncoder, newton = 3, cycles = 2, stopAtTolerance = true, recorded = newton * cycles): void {
    if (!Number.isInteger(recorded) || recorded < 1 || recorded > newton * cycles) {
      throw new RangeError(`Oxygen: ${recorded} V-cycles recorded must be an integer in 1–${newton * cycles} (${newton} Newton steps × ${cycles})`);
    }
    const stop = this.stop;
    // Not stopping, the solve still measures its residuals and goes through the open gate: a
    // step records the same dispatches either way (but the checks), and the first registers their sizes.
    stop?.gate.open(pass);
    const gated = stop ? stop.gate.gated(pass) : pass;
    for (let n = 0; n * cycles < recorded; n++) {
      const assemble = n > 0 ? gated : pass;
      this.kernel.dispatch(assemble, this.group, ...linearGroups(this.cells, WG_1D));
      this.mg.assemble(assemble);
      stop?.ff.encode(assemble);
      for (let c = 0; c < cycles && n * cycles + c < recorded; c++) {
        const run = n > 0 || c > 0 ? gated : pass;
        this.mg.vcycle(run);
        if (!stop) continue;
        // The linear residual of the system being solved: at a Newton step's end, the nonlinear
        // one at the new u up to the square of the step's change (the uptake is smooth), with
        // no new assembly.
        this.mg.residual(run);
        stop.rr.encode(run);
        if (stopAtTolerance) stop.gate.check(pass);
      }
    }
    if (!stop) return;
    // One solve a submission: the step's params are on the queue before the step is submitted.
    this.kernel.device.queue.writeBuffer(stop.logParams, 0, this.packLogParams(recorded, stopAtTolerance));
    stop.logKernel.dispatch(pass, stop.logGroup, 1);
  }

  private packLogParams(cycles: number, checked: boolean): ArrayBuffer {
    return packNamed(wgsl.oxygenLog, 'OxygenLogParams', { cycles, checked: checked ? 1 : 0 });
  }

  /**
   * Its storage buffers: the multigrid's and the inputs the owner writes (checkpoints save them).
   * `ring` is left out: it depends on the vessels' geometry alone, written when the owner is built.
   */
  stateBuffers(): GPUBuffer[] {
    return [...this.mg.stateBuffers(), this.density, this.vessel, this.perfusion, ...(this.scalars ? [this.scalars] : []), ...(this.log ? [this.log] : [])];
  }

  destroy(): void {
    this.mg.destroy();
    this.density.destroy();
    this.vessel.destroy();
    this.perfusion.destroy();
    this.ring.destroy();
    this.params.destroy();
    this.scalars?.destroy();
    this.log?.destroy();
    if (this.stop) for (const d of [this.stop.gate, this.stop.rr, this.stop.ff, this.stop.logParams]) d.destroy();
  }
}
