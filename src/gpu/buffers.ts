// Buffer helpers: every buffer is labelled after its owner and role (so a validation error names the culprit).
import type { ScalarStruct } from './struct-layout.ts';

// Usage flags are read when a buffer is made: in Node the GPU* globals exist only after acquireGpu().
function storageUsage(): number {
  return GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
}

export function storageBuffer(device: GPUDevice, label: string, byteSize: number): GPUBuffer {
  checkBindingSize(device, label, byteSize);
  return device.createBuffer({ label, size: align4(byteSize), usage: storageUsage() });
}

export function storageFrom(device: GPUDevice, label: string, data: ArrayBufferView): GPUBuffer {
  const buffer = storageBuffer(device, label, data.byteLength);
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

export function uniformBuffer(device: GPUDevice, label: string, data: ArrayBuffer | ArrayBufferView): GPUBuffer {
  const bytes = ArrayBuffer.isView(data) ? data : new Uint8Array(data);
  const buffer = device.createBuffer({
    label,
    size: Math.max(16, align16(bytes.byteLength)),
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer;
}

/** A uniform of the WGSL struct's size, zeroed: for parameters its owner writes before each use. */
export function structUniform(device: GPUDevice, label: string, struct: ScalarStruct): GPUBuffer {
  return uniformBuffer(device, label, new ArrayBuffer(struct.size));
}

/** Copies a buffer back to the CPU. For tests, exports and metrics — never inside the step loop. */
export async function readBuffer(device: GPUDevice, source: GPUBuffer, byteSize = source.size, offset = 0): Promise<ArrayBuffer> {
  const staging = device.createBuffer({
    label: `readback(${source.label})`,
    size: align4(byteSize),
    usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
  });
  const encoder = device.createCommandEncoder({ label: 'readback' });
  encoder.copyBufferToBuffer(source, offset, staging, 0, align4(byteSize));
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, byteSize);
  staging.unmap();
  staging.destroy();
  return copy;
}

export async function readF32(device: GPUDevice, source: GPUBuffer, count?: number): Promise<Float32Array> {
  const n = count ?? source.size / 4;
  return new Float32Array(await readBuffer(device, source, n * 4));
}

export function writeF32(device: GPUDevice, target: GPUBuffer, data: Float32Array, elementOffset = 0): void {
  device.queue.writeBuffer(target, elementOffset * 4, data.buffer, data.byteOffset, data.byteLength);
}

export class BufferCapacityError extends Error {
  override name = 'BufferCapacityError';
}

/** A binding larger than the adapter allows fails here with the numbers, not later as a validation error. */
export function checkBindingSize(device: GPUDevice, label: string, byteSize: number): void {
  const max = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  if (byteSize > max) {
    throw new BufferCapacityError(
      `${label}: needs ${(byteSize / 2 ** 20).toFixed(1)} MiB but this adapter binds at most ${(max / 2 ** 20).toFixed(1)} MiB per storage buffer; use a smaller grid or a GPU with larger limits`,
    );
  }
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

/** A storage buffer holds state a kernel wrote; a uniform is rewritten from parameters. */
export function isStorage(buffer: GPUBuffer): boolean {
  return (buffer.usage & GPUBufferUsage.STORAGE) !== 0;
}
