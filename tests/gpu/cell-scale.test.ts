// Scale: the default tumour with about 10⁶ cancer cells on a 1024² grid steps on an adapter whose
// storage bindings stop at 128 MiB (Chrome's SwiftShader), with no validation or memory error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, type Gpu } from '../../src/gpu/device.ts';
import { largeDefaultScenario } from '../../src/bench/scenarios.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { maxCapacity } from '../../src/cells/population.ts';
import { scoped } from './fixture.ts';

const MIB_128 = 128 * 2 ** 20;

describe('scale', () => {
  let gpu: Gpu;
  beforeAll(async () => {
    gpu = await acquireGpu({ maxStorageBindingBytes: MIB_128 });
  });
  afterAll(() => gpu?.destroy());

  it('runs the default with 10⁶ cells on 1024² within 128 MiB storage bindings', async () => {
    expect(gpu.device.limits.maxStorageBufferBindingSize).toBe(MIB_128);
    await scoped(gpu, async () => {
      const sim = new Simulation(gpu, largeDefaultScenario());
      const cells = sim.cells!.liveAtLastCheck;
      console.log(`${cells} cells in ${sim.cells!.cells.capacity} slots (at most ${maxCapacity(gpu.device)} fit a 128 MiB binding), grid ${sim.world.nx}²`);
      expect(cells).toBeGreaterThan(0.9e6);
      expect(sim.cells!.cells.capacity).toBeLessThanOrEqual(maxCapacity(gpu.device));
      await sim.step();
      const agents = await sim.cells!.readAgents();
      expect(agents.cancer.count).toBeGreaterThan(0.9e6);
      sim.destroy();
    });
  }, 600_000);
});
