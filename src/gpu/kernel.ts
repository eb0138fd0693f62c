// A compute kernel with an explicit bind-group layout (never 'auto', so layouts can be shared)
// and labels that name its owner. Pipelines are built once; bind groups are built once per
// set of buffers and reused every step. Its bindings are named as its WGSL names them, and their
// numbers and kinds read from the WGSL (gpu/wgsl-bindings.ts); workgroup sizes come from
// gpu/workgroup.ts.
import { wgslBindings, type BindingKind, type WgslBinding } from './wgsl-bindings.ts';
import { workgroupConstants } from './workgroup.ts';

/** A whole buffer, or a range ({ buffer, offset, size }) where buffers share one allocation. */
export type Binding = GPUBuffer | GPUBufferBinding;

export interface KernelSpec<Name extends string> {
  label: string;
  code: string;
  entryPoint?: string;
  /** The WGSL names of every buffer the code binds (checked against it when the kernel is built). */
  bindings: readonly Name[];
}

/** A kernel's type from its spec's names, kept `as const`: bind() then takes exactly those keys. */
export type KernelOf<Names extends readonly string[]> = Kernel<Names[number]>;

/**
 * Bytes a dispatch with this bind group moves, as a cost model counts them: every storage buffer
 * bound, read once, and read and written again where it is writable. Per-level buffers make this
 * the level's own size; a stencil's neighbour reads are taken to hit the cache.
 */
const MOVED_BYTES = new WeakMap<GPUBindGroup, number>();

const PASSES: Record<BindingKind, number> = { uniform: 0, 'read-only-storage': 1, storage: 2 };

export function movedBytesOf(group: GPUBindGroup): number | undefined {
  return MOVED_BYTES.get(group);
}

export class Kernel<Name extends string = string> {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  readonly label: string;
  private readonly slots: ReadonlyMap<string, WgslBinding>;

  constructor(
    readonly device: GPUDevice,
    spec: KernelSpec<Name>,
  ) {
    this.label = spec.label;
    this.slots = wgslBindings(spec.label, spec.code);
    checkNames(spec.label, spec.bindings, this.slots);
    const module = device.createShaderModule({ label: `${spec.label}.module`, code: spec.code });
    this.layout = device.createBindGroupLayout({
      label: `${spec.label}.layout`,
      entries: [...this.slots.values()].map(({ binding, kind }) => ({
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

  /** A bind group of one buffer (or range) per binding, by its WGSL name. */
  bind(label: string, buffers: Readonly<Record<Name, Binding>>): GPUBindGroup {
    const given = Object.keys(buffers);
    checkNames(`${this.label}: bind group "${label}"`, given, this.slots);
    const entries = given.map((name) => {
      const b: Binding = buffers[name as Name];
      return { slot: this.slots.get(name)!, resource: 'buffer' in b ? b : { buffer: b } };
    });
    const group = this.device.createBindGroup({
      label: `${this.label}[${label}]`,
      layout: this.layout,
      entries: entries.map(({ slot, resource }) => ({ binding: slot.binding, resource })),
    });
    const bytes = (r: GPUBufferBinding) => r.size ?? r.buffer.size - (r.offset ?? 0);
    MOVED_BYTES.set(group, entries.reduce((sum, { slot, resource }) => sum + PASSES[slot.kind] * bytes(resource), 0));
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

/** Names must be exactly the WGSL's bindings: none missing, none unknown, none twice. */
function checkNames(owner: string, names: readonly string[], slots: ReadonlyMap<string, WgslBinding>): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (!slots.has(name)) throw new Error(`${owner}: binding "${name}" is not declared in the WGSL (it declares ${[...slots.keys()].join(', ')})`);
    if (seen.has(name)) throw new Error(`${owner}: binding "${name}" is named twice`);
    seen.add(name);
  }
  const missing = [...slots.keys()].filter((name) => !seen.has(name));
  if (missing.length) throw new Error(`${owner}: WGSL binding(s) ${missing.map((n) => `"${n}" (@binding(${slots.get(n)!.binding}))`).join(', ')} not named`);
}
