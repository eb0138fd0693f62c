// The CPU side of a solve that stops at a tolerance on the GPU (shaders/lib/gate.wgsl). Every
// dispatch recorded through gated(pass) becomes an indirect one whose workgroup counts the gate
// kernel writes after each residual norm: the nominal counts while the solve goes on, zero once
// ‖r‖ ≤ τ‖f‖. So a solve records its most rounds and does only those it needs, and the CPU
// never waits for a residual. The stress solve's CG (elasticity/pcg.ts) and the oxygen's Newton
// steps (transport/oxygen.ts) stop this way.
import { Kernel, type KernelOf } from './kernel.ts';
import { storageBuffer, uniformBuffer } from './buffers.ts';
import { wgsl } from './shaders.ts';
import { packStruct, scalarStruct, type ScalarStruct } from './struct-layout.ts';

/** Distinct dispatch sizes one gate can hold: a V-cycle uses a handful a level. */
const CAPACITY = 128;
const BINDINGS = ['params', 's', 'nominal', 'args'] as const;

/** The gate's two kernels, built once per device and shared by every gate. */
export class GateKernels {
  readonly open: KernelOf<typeof BINDINGS>;
  readonly gate: KernelOf<typeof BINDINGS>;
  readonly layout: ScalarStruct;

  constructor(readonly device: GPUDevice) {
    this.open = new Kernel(device, { label: 'Gate.open', code: wgsl.gate, entryPoint: 'open', bindings: BINDINGS });
    this.gate = new Kernel(device, { label: 'Gate.gate', code: wgsl.gate, entryPoint: 'gate', bindings: BINDINGS });
    this.layout = scalarStruct(wgsl.gate, 'GateParams');
  }
}

/** Where the gate finds its numbers in the owner's scalars buffer (f32 indices). */
export interface GateSlots {
  /** r·r and f·f, written by the owner before each check. */
  rr: number;
  ff: number;
  /** 1 while the solve goes on, 0 once shut. */
  open: number;
  /** Rounds done: zeroed by open(); counted by the gate when `counts`, else by the owner. */
  count: number;
  counts: boolean;
}

export class Gate {
  /** (x, y, z) per registered size: as dispatched (nominal) and as the gate last wrote them (args). */
  private readonly nominal: GPUBuffer;
  private readonly args: GPUBuffer;
  private readonly params: GPUBuffer;
  private readonly sizes = new Map<string, number>();
  private readonly openGroup: GPUBindGroup;
  private readonly gateGroup: GPUBindGroup;

  constructor(private readonly kernels: GateKernels, private readonly label: string, scalars: GPUBuffer, private readonly slots: GateSlots, readonly tolerance: number) {
    if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`${label}: tolerance ${tolerance} is not in (0, 1)`);
    const device = kernels.device;
    this.nominal = storageBuffer(device, `${label}.nominal`, 12 * CAPACITY);
    this.args = device.createBuffer({
      label: `${label}.args`, size: 12 * CAPACITY,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_SRC,
    });
    this.params = uniformBuffer(device, `${label}.params`, this.packParams());
    const buffers = { params: this.params, s: scalars, nominal: this.nominal, args: this.args };
    this.openGroup = kernels.open.bind(label, buffers);
    this.gateGroup = kernels.gate.bind(label, buffers);
  }

  /** Starts a solve: the gate opens and the round count restarts. */
  open(pass: GPUComputePassEncoder): void {
    this.kernels.open.dispatch(pass, this.openGroup, 1);
  }

  /** After ‖r‖² and ‖f‖² are in the scalars: lets the next dispatches run, or shuts them for the rest of the solve. */
  check(pass: GPUComputePassEncoder): void {
    this.kernels.gate.dispatch(pass, this.gateGroup, 1);
  }

  /** The pass, with every dispatchWorkgroups(x, y, z) made indirect through the gate. */
  gated(pass: GPUComputePassEncoder): GPUComputePassEncoder {
    return new Proxy(pass, {
      get: (target, key) => {
        if (key === 'dispatchWorkgroups') {
          return (x: number, y = 1, z = 1) => target.dispatchWorkgroupsIndirect(this.args, 12 * this.slot(x, y, z));
        }
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Index of a dispatch size, registered (and uploaded before the next submission) on first use. */
  private slot(x: number, y: number, z: number): number {
    const key = `${x},${y},${z}`;
    let k = this.sizes.get(key);
    if (k === undefined) {
      k = this.sizes.size;
      if (k >= CAPACITY) throw new RangeError(`${this.label}: more than ${CAPACITY} distinct dispatch sizes in one solve`);
      this.sizes.set(key, k);
      const queue = this.kernels.device.queue;
      queue.writeBuffer(this.nominal, 12 * k, new Uint32Array([x, y, z]));
      queue.writeBuffer(this.params, 0, this.packParams());
    }
    return k;
  }

  private packParams(): ArrayBuffer {
    const s = this.slots;
    return packStruct(this.kernels.layout, {
      sizes: this.sizes.size, tolerance: this.tolerance, rr: s.rr, ff: s.ff, open: s.open, count: s.count, counts: s.counts ? 1 : 0,
    });
  }

  destroy(): void {
    for (const b of [this.nominal, this.args, this.params]) b.destroy();
  }
}
