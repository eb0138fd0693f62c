import { Kernel, type KernelOf } from './kernel.ts';
import { storageBuffer, uniformBuffer } from './buffers.ts';
import { wgsl } from './shaders.ts';
import { packNamed } from './struct-layout.ts';
import { WG_1D } from './workgroup.ts';

const PARTIALS = 1024;
const BINDINGS = ['params', 'x', 'y', 'partials', 'out'] as const;

/** Kernels for deterministic GPU dot products; one instance per device, shared by solvers. */
export class DotKernels {
  readonly partial: KernelOf<typeof BINDINGS>;
  readonly total: KernelOf<typeof BINDINGS>;

  constructor(readonly device: GPUDevice) {
    this.partial = new Kernel(device, { label: 'Dot.partial', code: wgsl.dot, entryPoint: 'partial', bindings: BINDINGS });
    this.total = new Kernel(device, { label: 'Dot.total', code: wgsl.dot, entryPoint: 'total', bindings: BINDINGS });
  }
}

/** out[slot] = x·y (or += with `accumulate`), recorded into a compute pass; nothing is read back. */
export class Dot {
  /** Per-invocation partial sums: scratch, rewritten whole by every encode(). */
  readonly partials: GPUBuffer;
  private readonly params: GPUBuffer;
  private readonly partialGroup: GPUBindGroup;
  private readonly totalGroup: GPUBindGroup;

  constructor(private readonly kernels: DotKernels, label: string, x: GPUBuffer, y: GPUBuffer, n: number, out: GPUBuffer, slot: number, accumulate = false) {
    const device = kernels.device;
    const params = uniformBuffer(device, `${label}.params`, packNamed(wgsl.dot, 'DotParams', { n, slot, partial_count: PARTIALS, accumulate: accumulate ? 1 : 0 }));
    const partials = storageBuffer(device, `${label}.partials`, PARTIALS * 4);
    this.params = params;
    this.partials = partials;
    const buffers = { params, x, y, partials, out };
    this.partialGroup = kernels.partial.bind(label, buffers);
    this.totalGroup = kernels.total.bind(label, buffers);
  }

  encode(pass: GPUComputePassEncoder): void {
    this.kernels.partial.dispatch(pass, this.partialGroup, PARTIALS / WG_1D);
    this.kernels.total.dispatch(pass, this.totalGroup, 1);
  }

  /** Destroys its own buffers (x, y and out are the caller's). */
  destroy(): void {
    this.params.destroy();
    this.partials.destroy();
  }
}
