// Metrics read back without stalling: every sample arrives, in the order it was recorded, with
// the bytes the buffer held when its copy ran; staging buffers grow only when all are in flight.
import { describe, expect, it } from 'vitest';
import { acquireGpu } from '../../src/gpu/device.ts';
import { storageBuffer } from '../../src/gpu/buffers.ts';
import { ReadbackRing } from '../../src/gpu/readback-ring.ts';
import { scoped, useGpu } from './fixture.ts';

describe('ReadbackRing', () => {
  const gpu = useGpu();

  it('delivers 20 samples in order with the values of their submission, growing only when needed', async () => {
    const g = gpu();
    const { device } = g;
    await scoped(g, async () => {
      const source = storageBuffer(device, 'test.metrics', 8);
      const seen: { values: number[]; tag: string }[] = [];
      const ring = new ReadbackRing<string>(device, 'test.ring', 8, (data, tag) => seen.push({ values: [...new Uint32Array(data)], tag }), 2);
      // Bursts are submitted back to back with no await inside, so no map can resolve during one:
      // a burst of k needs k staging buffers, and the ring should own max(2, largest burst).
      const bursts = [1, 1, 5, 3, 5, 5];
      const allocatedAfter: number[] = [];
      let i = 0;
      for (const burst of bursts) {
        for (let k = 0; k < burst; k++, i++) {
          device.queue.writeBuffer(source, 0, new Uint32Array([i, 1000 + i]));
          const encoder = device.createCommandEncoder({ label: 'test.step' });
          ring.record(encoder, source, `sample ${i}`);
          device.queue.submit([encoder.finish()]);
          ring.submitted();
        }
        await ring.drain();
        allocatedAfter.push(ring.allocated);
      }
      expect(i).toBe(20);
      expect(seen).toEqual(Array.from({ length: 20 }, (_, j) => ({ values: [j, 1000 + j], tag: `sample ${j}` })));
      expect(allocatedAfter).toEqual([2, 2, 5, 5, 5, 5]);
      expect(ring.pending).toBe(0);
      ring.destroy();
      source.destroy();
    });
  });

  it('reads at an offset of the source', async () => {
    const g = gpu();
    const { device } = g;
    await scoped(g, async () => {
      const source = storageBuffer(device, 'test.metrics', 16);
      device.queue.writeBuffer(source, 0, new Float32Array([1, 2, 3, 4]));
      const seen: number[][] = [];
      const ring = new ReadbackRing<null>(device, 'test.ring', 8, (data) => seen.push([...new Float32Array(data)]), 1);
      const encoder = device.createCommandEncoder();
      ring.record(encoder, source, null, 8);
      device.queue.submit([encoder.finish()]);
      ring.submitted();
      await ring.drain();
      expect(seen).toEqual([[3, 4]]);
      ring.destroy();
      source.destroy();
    });
  });

  it('holds back a sample whose map resolves first until the earlier ones are delivered', async () => {
    gpu(); // GPUMapMode and GPUBufferUsage are Dawn's globals
    const fake = fakeDevice();
    const order: number[] = [];
    const ring = new ReadbackRing<number>(fake.device, 'fake.ring', 4, (data, tag) => order.push(tag * 100 + new Uint32Array(data)[0]!), 3);
    for (let tag = 0; tag < 3; tag++) ring.record(fake.encoder(tag), fake.source, tag);
    ring.submitted();
    const drained = ring.drain();
    fake.resolve(2);
    fake.resolve(1);
    await flush();
    expect(order).toEqual([]);
    fake.resolve(0);
    await drained;
    expect(order).toEqual([0, 101, 202]);
  });

  it('rejects drain() for a sample recorded but never submitted, and keeps it', async () => {
    const g = gpu();
    const { device } = g;
    await scoped(g, async () => {
      const source = storageBuffer(device, 'test.metrics', 4);
      device.queue.writeBuffer(source, 0, new Uint32Array([7]));
      const seen: number[] = [];
      const ring = new ReadbackRing<null>(device, 'test.forgotten', 4, (data) => seen.push(new Uint32Array(data)[0]!));
      const encoder = device.createCommandEncoder();
      ring.record(encoder, source, null);
      await expect(ring.drain()).rejects.toThrow('test.forgotten: 1 sample was recorded but never submitted()');
      device.queue.submit([encoder.finish()]);
      ring.submitted();
      await ring.drain();
      expect(seen).toEqual([7]);
      ring.destroy();
      source.destroy();
    });
  });

  it('rejects drain() with the label when the device is lost', async () => {
    const own = await acquireGpu({ onLost: () => {} });
    const source = storageBuffer(own.device, 'test.metrics', 4);
    const ring = new ReadbackRing<null>(own.device, 'test.lost', 4, () => {});
    const encoder = own.device.createCommandEncoder();
    ring.record(encoder, source, null);
    own.device.queue.submit([encoder.finish()]);
    own.destroy();
    ring.submitted();
    await expect(ring.drain()).rejects.toThrow(/^test\.lost: reading back sample 0 failed/);
    expect(() => ring.record(own.device.createCommandEncoder(), source, null)).toThrow(/test\.lost/);
    ring.destroy();
  });

  it('rejects drain() when onSample throws', async () => {
    gpu();
    const fake = fakeDevice();
    const ring = new ReadbackRing<null>(fake.device, 'fake.ring', 4, () => {
      throw new Error('bad metric');
    });
    ring.record(fake.encoder(1), fake.source, null);
    ring.submitted();
    fake.resolve(0);
    await expect(ring.drain()).rejects.toThrow('fake.ring: onSample threw for sample 0: bad metric');
  });
});

const flush = () => new Promise((r) => setTimeout(r, 10));

// A device whose maps resolve when the test says, to force an order Dawn would not promise.
function fakeDevice() {
  const resolvers: (() => void)[] = [];
  const makeBuffer = () => {
    const bytes = new Uint32Array(1);
    return {
      bytes,
      mapAsync: () => new Promise<void>((r) => resolvers.push(r)),
      getMappedRange: () => bytes.buffer.slice(0),
      unmap: () => {},
      destroy: () => {},
    };
  };
  type FakeBuffer = ReturnType<typeof makeBuffer>;
  const device = { limits: { maxBufferSize: 1 << 20 }, createBuffer: makeBuffer } as unknown as GPUDevice;
  const encoder = (value: number) =>
    ({ copyBufferToBuffer: (_s: unknown, _o: number, dst: FakeBuffer) => dst.bytes.set([value]) }) as unknown as GPUCommandEncoder;
  return { device, encoder, source: {} as GPUBuffer, resolve: (i: number) => resolvers[i]!() };
}
