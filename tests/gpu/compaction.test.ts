// Stable compaction on the GPU against its CPU twin: same destinations, same survivor count.
import { describe, expect, it } from 'vitest';
import { readBuffer, storageFrom } from '../../src/gpu/buffers.ts';
import { Compaction, CompactionKernels, compactionTwin, NONE } from '../../src/cells/compaction.ts';
import { uniform4 } from '../../src/model/rng.ts';
import { scoped, useGpu } from './fixture.ts';

describe('stable compaction', () => {
  const gpu = useGpu();

  const run = async (alive: Uint32Array) => {
    const g = gpu();
    return scoped(g, async () => {
      const kernels = new CompactionKernels(g.device);
      const flags = storageFrom(g.device, 'test.alive', alive);
      const compaction = new Compaction(kernels, 'test.compaction', flags, alive.length);
      const encoder = g.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      compaction.encode(pass);
      pass.end();
      g.device.queue.submit([encoder.finish()]);
      const destination = new Uint32Array(await readBuffer(g.device, compaction.destination));
      const total = new Uint32Array(await readBuffer(g.device, compaction.total))[0];
      compaction.destroy();
      flags.destroy();
      return { destination, total };
    });
  };

  it('matches the CPU twin on 100 003 agents, 70 % alive, in original order', async () => {
    const alive = Uint32Array.from({ length: 100_003 }, (_, i) => (uniform4(7, i, 0, 9)[0] < 0.7 ? 1 : 0));
    const gpuResult = await run(alive);
    const twin = compactionTwin(alive);
    expect(gpuResult.total).toBe(twin.total);
    expect(gpuResult.total).toBeGreaterThan(69_000);
    expect(gpuResult.total).toBeLessThan(71_000);
    expect(Buffer.from(gpuResult.destination.buffer).equals(Buffer.from(twin.destination.buffer))).toBe(true);
  });

  it('handles none alive and all alive', async () => {
    const none = await run(new Uint32Array(1000));
    expect(none.total).toBe(0);
    expect(none.destination.every((d) => d === NONE)).toBe(true);
    const all = await run(new Uint32Array(1000).fill(1));
    expect(all.total).toBe(1000);
    expect(Array.from(all.destination)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
