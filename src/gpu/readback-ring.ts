// Metrics come back from the GPU through a ring of staging buffers, a few steps late, and the
// step loop never waits for them (README, "Model and numerics"). A sample is never dropped either: when
// every staging buffer is still in flight, one more is made, and `allocated` says how many.
//
// Life of a sample: record() encodes the copy → the caller submits the encoder → submitted()
// starts the map → the map resolves, the bytes are copied out and the buffer goes back to the
// free list → onSample sees the sample once every sample recorded before it has been seen.

import { BufferCapacityError } from './buffers.ts';

interface Sample<T> {
  seq: number;
  buffer: GPUBuffer;
  tag: T;
}

export class ReadbackRing<T> {
  readonly label: string;
  readonly byteSize: number;
  #device: GPUDevice;
  #onSample: (data: ArrayBuffer, tag: T) => void;
  #free: GPUBuffer[] = [];
  #all = new Set<GPUBuffer>();
  #allocated = 0;
  #recorded: Sample<T>[] = []; // copies encoded, map not yet started
  #ready = new Map<number, { data: ArrayBuffer; tag: T }>(); // mapped, waiting for earlier samples
  #nextSeq = 0;
  #nextDelivery = 0;
  #failure: Error | undefined;
  #destroyed = false;
  #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(device: GPUDevice, label: string, byteSize: number, onSample: (data: ArrayBuffer, tag: T) => void, slots = 4) {
    // copyBufferToBuffer moves whole 4-byte words; a size that is not one would read past the end.
    if (!(byteSize > 0) || byteSize % 4 !== 0) throw new RangeError(`${label}: byteSize ${byteSize} must be a positive multiple of 4`);
    if (byteSize > device.limits.maxBufferSize) {
      throw new BufferCapacityError(`${label}: a ${byteSize}-byte sample exceeds this adapter's ${device.limits.maxBufferSize}-byte buffer limit`);
    }
    if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`${label}: slots = ${slots} must be a positive integer`);
    this.#device = device;
    this.label = label;
    this.byteSize = byteSize;
    this.#onSample = onSample;
    for (let i = 0; i < slots; i++) this.#free.push(this.#create());
  }

  /** Staging buffers made so far: `slots` at construction, one more each time all were in flight. */
  get allocated(): number {
    return this.#allocated;
  }

  /** Samples recorded and not yet delivered to onSample. */
  get pending(): number {
    return this.#nextSeq - this.#nextDelivery;
  }

  /** Encodes a copy of `byteSize` bytes of `source` from `sourceOffset`; throws a map failure seen since. */
  record(encoder: GPUCommandEncoder, source: GPUBuffer, tag: T, sourceOffset = 0): void {
    const buffer = this.#staging();
    encoder.copyBufferToBuffer(source, sourceOffset, buffer, 0, this.byteSize);
    this.#recorded.push({ seq: this.#nextSeq++, buffer, tag });
  }

  /** One sample of several whole buffers, one after the other; their sizes must add up to `byteSize`. */
  recordAll(encoder: GPUCommandEncoder, sources: readonly GPUBuffer[], tag: T): void {
    const total = sources.reduce((sum, b) => sum + b.size, 0);
    if (total !== this.byteSize) throw new RangeError(`${this.label}: the sources hold ${total} bytes, a sample ${this.byteSize}`);
    const buffer = this.#staging();
    let offset = 0;
    for (const source of sources) {
      encoder.copyBufferToBuffer(source, 0, buffer, offset, source.size);
      offset += source.size;
    }
    this.#recorded.push({ seq: this.#nextSeq++, buffer, tag });
  }

  #staging(): GPUBuffer {
    if (this.#destroyed) throw new Error(`${this.label}: record() after destroy()`);
    if (this.#failure) throw this.#failure;
    return this.#free.pop() ?? this.#create();
  }

  /** Call after queue.submit() of the encoder(s) holding the copies recorded since the last call. */
  submitted(): void {
    const samples = this.#recorded;
    this.#recorded = [];
    for (const sample of samples) {
      sample.buffer.mapAsync(GPUMapMode.READ).then(
        () => this.#mapped(sample),
        (error: unknown) => this.#fail(sample, error),
      );
    }
  }

  /**
   * Resolves once every recorded sample has been delivered. A sample recorded but not yet passed
   * to submitted() cannot arrive, so drain() rejects at once, naming how many there are, rather
   * than waiting forever; nothing is discarded, so submitting, calling submitted() and draining
   * again still delivers them. A failed map or a throwing onSample rejects it too.
   */
  drain(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#recorded.length > 0) {
      const n = this.#recorded.length;
      return Promise.reject(new Error(`${this.label}: ${n} sample${n === 1 ? ' was' : 's were'} recorded but never submitted(); call submitted() after queue.submit()`));
    }
    if (this.#destroyed) return Promise.reject(new Error(`${this.label}: drain() after destroy()`));
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** Frees every staging buffer; maps still in flight are abandoned and their samples never delivered. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    for (const buffer of this.#all) buffer.destroy();
    this.#all.clear();
    this.#free = [];
    this.#ready.clear();
    this.#settle(new Error(`${this.label}: destroyed with ${this.pending} sample(s) undelivered`));
  }

  #create(): GPUBuffer {
    const buffer = this.#device.createBuffer({
      label: `${this.label}.staging[${this.#allocated}]`,
      size: this.byteSize,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    this.#allocated++;
    this.#all.add(buffer);
    return buffer;
  }

  #mapped(sample: Sample<T>): void {
    if (this.#destroyed) return;
    let data: ArrayBuffer;
    try {
      data = sample.buffer.getMappedRange(0, this.byteSize).slice(0);
      sample.buffer.unmap();
    } catch (error) {
      this.#fail(sample, error);
      return;
    }
    this.#free.push(sample.buffer);
    this.#ready.set(sample.seq, { data, tag: sample.tag });
    // After a failure, the failed sample is a hole that later samples cannot pass in order.
    if (this.#failure) return;
    for (let next = this.#ready.get(this.#nextDelivery); next; next = this.#ready.get(this.#nextDelivery)) {
      this.#ready.delete(this.#nextDelivery);
      this.#nextDelivery++;
      try {
        this.#onSample(next.data, next.tag);
      } catch (error) {
        this.#failure = new Error(`${this.label}: onSample threw for sample ${this.#nextDelivery - 1}: ${message(error)}`, { cause: error });
        this.#settle(this.#failure);
        return;
      }
    }
    if (this.pending === 0) this.#settle();
  }

  // Device loss, or a buffer destroyed under a pending map: the sample is gone, and order with it.
  #fail(sample: Sample<T>, error: unknown): void {
    if (this.#destroyed) return;
    this.#all.delete(sample.buffer);
    this.#failure ??= new Error(`${this.label}: reading back sample ${sample.seq} failed: ${message(error)}`, { cause: error });
    this.#settle(this.#failure);
  }

  #settle(error?: Error): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }
}

// Dawn rejects a map on a lost device with an empty message: the error's name is all there is.
function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  return error.name === 'AbortError' ? 'AbortError (device lost, or the staging buffer destroyed)' : error.name;
}
