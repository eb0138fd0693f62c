// Stable compaction of an agent population on the GPU (shaders/cells/compact.wgsl): from the
// alive flags, each survivor's new index in original order and the survivor count, so births
// and deaths never reorder agents and a run repeats bit for bit. The CPU twin is `compactionTwin`.
import { Kernel, linearGroups, type KernelOf } from '../gpu/kernel.ts';
import { isStorage, storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import { wgsl } from '../gpu/shaders.ts';
import { packNamed } from '../gpu/struct-layout.ts';
import { WG_1D } from '../gpu/workgroup.ts';

export const CHUNK = 256;
export const NONE = 0xffffffff;
const BINDINGS = ['params', 'alive', 'chunk_count', 'chunk_offset', 'destination', 'total'] as const;

export class CompactionKernels {
  readonly count: KernelOf<typeof BINDINGS>;
  readonly scan: KernelOf<typeof BINDINGS>;
  readonly scatter: KernelOf<typeof BINDINGS>;

  constructor(readonly device: GPUDevice) {
    const make = (entryPoint: string) => new Kernel(device, { label: `Compaction.${entryPoint}`, code: wgsl.compact, entryPoint, bindings: BINDINGS });
    this.count = make('count');
    this.scan = make('scan');
    this.scatter = make('scatter');
  }
}

export class Compaction {
  /** Per agent: its index after compaction, or NONE for the dead. */
  readonly destination: GPUBuffer;
  /** total[slot]: the number of survivors. */
  readonly total: GPUBuffer;
  private readonly group: GPUBindGroup;
  private readonly chunks: number;
  private readonly owned: GPUBuffer[];

  /**
   * `alive`: u32 per agent slot (non-zero: alive), `capacity` slots. The survivor count goes to
   * `total[slot]`: a buffer of the caller's (not destroyed here), or one of its own.
   */
  constructor(private readonly kernels: CompactionKernels, label: string, alive: GPUBuffer, capacity: number, total?: { buffer: GPUBuffer; slot: number }) {
    const device = kernels.device;
    this.chunks = Math.ceil(capacity / CHUNK);
    const params = uniformBuffer(device, `${label}.params`, packNamed(wgsl.compact, 'CompactParams', { count: capacity, chunks: this.chunks, slot: total?.slot ?? 0 }));
    const chunkCount = storageBuffer(device, `${label}.chunkCount`, this.chunks * 4);
    const chunkOffset = storageBuffer(device, `${label}.chunkOffset`, this.chunks * 4);
    this.destination = storageBuffer(device, `${label}.destination`, capacity * 4);
    this.total = total?.buffer ?? storageBuffer(device, `${label}.total`, 4);
    this.owned = [params, chunkCount, chunkOffset, this.destination];
    if (!total) this.owned.push(this.total);
    this.group = kernels.count.bind(label, { params, alive, chunk_count: chunkCount, chunk_offset: chunkOffset, destination: this.destination, total: this.total });
  }

  encode(pass: GPUComputePassEncoder): void {
    const k = this.kernels;
    k.count.dispatch(pass, this.group, ...linearGroups(this.chunks, WG_1D));
    k.scan.dispatch(pass, this.group, 1);
    k.scatter.dispatch(pass, this.group, ...linearGroups(this.chunks, WG_1D));
  }

  /** Its storage buffers: chunk counts and offsets, destinations, its own total (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    return this.owned.filter(isStorage);
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}

/** The CPU twin: destination indices and survivor count for the same flags. */
export function compactionTwin(alive: Uint32Array): { destination: Uint32Array; total: number } {
  const destination = new Uint32Array(alive.length);
  let next = 0;
  alive.forEach((flag, i) => {
    destination[i] = flag !== 0 ? next++ : NONE;
  });
  return { destination, total: next };
}
