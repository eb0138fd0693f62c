// The cancer cells' storage on the GPU: structure-of-arrays buffers in two parities (compaction
// writes the survivors and newborns of one into the other), the per-step flags, the census and
// the two stable compactions (survivors, births). A population has a fixed capacity; growing it
// builds a larger one and copies the live agents across (Cells does that, ahead of need).
import { BufferCapacityError, storageBuffer } from '../gpu/buffers.ts';
import { linearGroups } from '../gpu/kernel.ts';
import { Compaction } from './compaction.ts';
import type { CellKernels } from './kernels.ts';
import { WG_1D } from '../gpu/workgroup.ts';

export const BODY_FLOATS = 8;
export const TAG_WORDS = 4;
const BODY_BYTES = BODY_FLOATS * 4;

/** Agents on the CPU, in the storage layout of shaders/cells/agents.wgsl. */
export interface AgentArrays {
  count: number;
  body: Float32Array;
  tag: Uint32Array;
  nextId: number;
}

/** Buffers shared by every population of one simulation. */
export interface SharedCellBuffers {
  params: GPUBuffer;
  ledger: GPUBuffer;
  env: GPUBuffer;
  contact: GPUBuffer;
}

/** The largest storage binding this device allows, in bytes. */
export function bindingBytes(device: GPUDevice): number {
  return Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
}

/** The most agents one storage binding of this device can hold (the body buffer is the largest). */
export function maxCapacity(device: GPUDevice): number {
  return Math.floor(bindingBytes(device) / BODY_BYTES / 256) * 256;
}

export class Population {
  readonly body: [GPUBuffer, GPUBuffer];
  readonly tag: [GPUBuffer, GPUBuffer];
  /** (survivors, births, next id, live count) after the last compaction. */
  readonly census: GPUBuffer;
  readonly killer: GPUBuffer;
  /** Per cell, the next cell of its grid cell's list (deposit.wgsl). */
  readonly link: GPUBuffer;
  parity = 0;
  private readonly alive: GPUBuffer;
  private readonly born: GPUBuffer;
  private readonly survivors: Compaction;
  private readonly births: Compaction;
  private readonly groups: { act: GPUBindGroup[]; deposit: GPUBindGroup[]; scatter: GPUBindGroup[]; metrics: GPUBindGroup[]; census: GPUBindGroup };

  constructor(private readonly kernels: CellKernels, readonly label: string, readonly capacity: number, shared: SharedCellBuffers) {
    const device = kernels.device;
    const ceiling = maxCapacity(device);
    if (capacity > ceiling) {
      throw new BufferCapacityError(
        `${label}: ${capacity} cell slots need ${((capacity * BODY_BYTES) / 2 ** 20).toFixed(1)} MiB per storage buffer, but this adapter binds at most ${((ceiling * BODY_BYTES) / 2 ** 20).toFixed(1)} MiB (${ceiling} cells); use fewer cells or a GPU with larger limits`,
      );
    }
    const buffer = (role: string, bytes: number) => storageBuffer(device, `${label}.${role}`, bytes);
    this.body = [buffer('body[0]', capacity * BODY_BYTES), buffer('body[1]', capacity * BODY_BYTES)];
    this.tag = [buffer('tag[0]', capacity * 16), buffer('tag[1]', capacity * 16)];
    this.alive = buffer('alive', capacity * 4);
    this.born = buffer('born', capacity * 4);
    this.killer = buffer('killer', capacity * 4);
    this.link = buffer('link', capacity * 4);
    this.census = buffer('census', 16);
    const k = kernels;
    this.survivors = new Compaction(k.compaction, `${label}.survivors`, this.alive, capacity, { buffer: this.census, slot: 0 });
    this.births = new Compaction(k.compaction, `${label}.births`, this.born, capacity, { buffer: this.census, slot: 1 });
    const { params, ledger, env, contact } = shared;
    const both = <T>(make: (p: number) => T): T[] => [make(0), make(1)];
    this.groups = {
      act: both((p) => k.act.bind(`${label}[${p}]`, {
        params, body: this.body[p], tag: this.tag[p], alive: this.alive, born: this.born, killer: this.killer, ledger, env, census: this.census,
      })),
      deposit: both((p) => k.deposit.bind(`${label}[${p}]`, { params, body: this.body[p], tag: this.tag[p], census: this.census, contact, link: this.link })),
      scatter: both((p) => k.scatter.bind(`${label}[${p}→${1 - p}]`, {
        params, src_body: this.body[p], src_tag: this.tag[p], dst_body: this.body[1 - p], dst_tag: this.tag[1 - p],
        survivor_slot: this.survivors.destination, birth_rank: this.births.destination, census: this.census,
      })),
      metrics: both((p) => k.metrics.bind(`${label}[${p}]`, { params, body: this.body[p], tag: this.tag[p], census: this.census, env, ledger })),
      census: k.census.bind(label, { params, census: this.census, ledger }),
    };
  }

  /** Writes agents into parity 0 (before any step). */
  upload(agents: AgentArrays): void {
    const q = this.kernels.device.queue;
    if (agents.count > this.capacity) throw new Error(`${this.label}: ${agents.count} agents do not fit ${this.capacity} slots`);
    q.writeBuffer(this.body[0], 0, agents.body.buffer, agents.body.byteOffset, agents.count * BODY_BYTES);
    q.writeBuffer(this.tag[0], 0, agents.tag.buffer, agents.tag.byteOffset, agents.count * 16);
    q.writeBuffer(this.census, 0, new Uint32Array([agents.count, 0, agents.nextId, agents.count]));
    this.parity = 0;
  }

  /** Copies the live agents and the census of `from` into this (larger) population. */
  copyFrom(encoder: GPUCommandEncoder, from: Population): void {
    const p = from.parity;
    encoder.copyBufferToBuffer(from.body[p], 0, this.body[0], 0, from.capacity * BODY_BYTES);
    encoder.copyBufferToBuffer(from.tag[p], 0, this.tag[0], 0, from.capacity * 16);
    encoder.copyBufferToBuffer(from.census, 0, this.census, 0, 16);
    this.parity = 0;
  }

  get slots(): [number, number] {
    return linearGroups(this.capacity, WG_1D);
  }

  encodeDeposit(pass: GPUComputePassEncoder): void {
    this.kernels.deposit.dispatch(pass, this.groups.deposit[this.parity], ...this.slots);
  }

  encodeAct(pass: GPUComputePassEncoder): void {
    this.kernels.act.dispatch(pass, this.groups.act[this.parity], ...this.slots);
  }

  /** Compaction, scatter into the other parity, census; then the other parity is current. */
  encodeCompact(pass: GPUComputePassEncoder): void {
    this.survivors.encode(pass);
    this.births.encode(pass);
    this.kernels.scatter.dispatch(pass, this.groups.scatter[this.parity], ...this.slots);
    this.kernels.census.dispatch(pass, this.groups.census, 1);
    this.parity = 1 - this.parity;
  }

  encodeMetrics(pass: GPUComputePassEncoder): void {
    this.kernels.metrics.dispatch(pass, this.groups.metrics[this.parity], ...this.slots);
  }

  /** The current parity's storage, for readback. */
  current(): { body: GPUBuffer; tag: GPUBuffer } {
    return { body: this.body[this.parity], tag: this.tag[this.parity] };
  }

  /**
   * Every storage buffer of the population, both parities and the compactions' (checkpoints save
   * them), but the grid cells' lists (`link`): rebuilt each step before they are read, in the
   * threads' order, so they hold nothing a run needs and would differ between identical runs.
   */
  stateBuffers(): GPUBuffer[] {
    return [...this.body, ...this.tag, this.alive, this.born, this.killer, this.census, ...this.survivors.stateBuffers(), ...this.births.stateBuffers()];
  }

  destroy(): void {
    for (const b of [...this.body, ...this.tag, this.alive, this.born, this.killer, this.link, this.census]) b.destroy();
    this.survivors.destroy();
    this.births.destroy();
  }
}
