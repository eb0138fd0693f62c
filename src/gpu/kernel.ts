// A compute kernel with an explicit bind-group layout (never 'auto', so layouts can be shared)
// and labels that name its owner. Pipelines are built once; bind groups are built once per
// set of buffers and reused every step. Workgroup sizes come from gpu/workgroup.ts.
import { workgroupConstants } from './workgroup.ts';

export type BindingKind = 'uniform' | 'storage' | 'read-only-storage';

export interface KernelSpec {
  label: string;
  code: string;
  entryPoint?: string;
  bindings: readonly BindingKind[];
}

/**
 * Bytes a dispatch with this bind group moves, as a cost model counts them: every storage buffer
 * bound, read once, and read and written again where it is writable. Per-level buffers make this
 * the level's own size; a stencil's neighbour reads are taken to hit the cache.
 */
const MOVED_BYTES = new WeakMap<GPUBindGroup, number>();

export function movedBytesOf(group: GPUBindGroup): number | undefined {
  return MOVED_BYTES.get(group);
}

export class Kernel {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;

  constructor(
    readonly device: GPUDevice,
    readonly spec: KernelSpec,
  ) {
    const module = device.createShaderModule({ label: `${spec.label}.module`, code: spec.code });
    this.layout = device.createBindGroupLayout({
      label: `${spec.label}.layout`,
      entries: spec.bindings.map((kind, binding) => ({
        binding,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: kind },
      })),
    });
    this.pipeline = device.createComputePipeline({
      label: spec.label,
      layout: device.createPipelineLayout({ label: `${spec.label}.pipelineLayout`, bindGroupLayouts: [this.layout] }),
      compute: { module, entryPoint: spec.entryPoint ?? 'main', constants: workgroupConstants(spec.label, spec.code) },
    });
  }

  /** Binds whole buffers, or a range ({ buffer, offset, size }) where buffers share one allocation. */
  bind(label: string, buffers: readonly (GPUBuffer | GPUBufferBinding)[]): GPUBindGroup {
    if (buffers.length !== this.spec.bindings.length) {
      throw new Error(`${this.spec.label}: bind group "${label}" has ${buffers.length} buffers, layout wants ${this.spec.bindings.length}`);
    }
    const group = this.device.createBindGroup({
      label: `${this.spec.label}[${label}]`,
      layout: this.layout,
      entries: buffers.map((b, binding) => ({ binding, resource: 'buffer' in b ? b : { buffer: b } })),
    });
    const kinds = this.spec.bindings;
    const bytes = (b: GPUBuffer | GPUBufferBinding) => ('buffer' in b ? b.size ?? b.buffer.size - (b.offset ?? 0) : b.size);
    MOVED_BYTES.set(group, buffers.reduce((sum, b, k) => sum + (kinds[k] === 'storage' ? 2 : kinds[k] === 'read-only-storage' ? 1 : 0) * bytes(b), 0));
    return group;
  }

  dispatch(pass: GPUComputePassEncoder, group: GPUBindGroup, x: number, y = 1, z = 1): void {
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(x, y, z);
  }
}

export function groups(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / size));
}

/** Workgroups must number ≤ 65535 per dimension (WebGPU's default and SwiftShader's limit). */
export const MAX_GROUPS_PER_DIMENSION = 65535;

/**
 * Workgroups (x, y) covering `count` invocations of a 1D kernel: beyond 65535 along x the
 * grid folds into rows, and the kernel takes its index as gid.x + gid.y·num_workgroups.x·WG.
 */
export function linearGroups(count: number, size: number): [number, number] {
  const total = groups(count, size);
  if (total <= MAX_GROUPS_PER_DIMENSION) return [total, 1];
  const x = 32768;
  return [x, Math.ceil(total / x)];
}
