// The GPU object census counts what a device makes, and what is still alive: a destroyed buffer
// once however often it is destroyed, an object the garbage collector took once it is collected.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { startGpuCensus } from '../../src/gpu/census.ts';

/** Stands in for a GPUDevice: each creator returns a fresh object, buffers with a destroy(). */
function fakeDevice() {
  let destroyed = 0;
  const device = {
    createBuffer: (d: { size: number }) => ({ size: d.size, destroy: () => void destroyed++ }),
    createBindGroup: () => ({}),
    createComputePipelineAsync: async () => ({}),
    createShaderModule: () => ({}),
  };
  return { device, destroyed: () => destroyed };
}

async function collect(): Promise<void> {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('GPU census', () => {
  it('counts made and alive, a destroy once, and keeps the original methods working', async () => {
    const fake = fakeDevice();
    const census = startGpuCensus(fake.device);
    const a = fake.device.createBuffer({ size: 256 });
    const b = fake.device.createBuffer({ size: 1024 });
    const groups = [fake.device.createBindGroup(), fake.device.createBindGroup()];
    const pipeline = await fake.device.createComputePipelineAsync();
    expect(census.live()).toMatchObject({ buffers: 2, bufferBytes: 1280, bindGroups: 2, pipelines: 1 });
    a.destroy();
    a.destroy();
    expect(fake.destroyed()).toBe(2);
    expect(census.live()).toMatchObject({ buffers: 1, bufferBytes: 1024 });
    expect(census.made()).toMatchObject({ buffers: 2, bufferBytes: 1280, bindGroups: 2, pipelines: 1 });
    expect([b, groups, pipeline]).toHaveLength(3);
  });

  it('sees an object the garbage collector took', async () => {
    const fake = fakeDevice();
    const census = startGpuCensus(fake.device);
    let kept: object[] = [];
    for (let i = 0; i < 5; i++) kept.push(fake.device.createBindGroup(), fake.device.createShaderModule());
    expect(census.live()).toMatchObject({ bindGroups: 5, shaderModules: 5 });
    kept = kept.slice(0, 2);
    await collect();
    expect(census.live()).toMatchObject({ bindGroups: 1, shaderModules: 1 });
    expect(census.made()).toMatchObject({ bindGroups: 5, shaderModules: 5 });
    expect(kept).toHaveLength(2);
  });
});
