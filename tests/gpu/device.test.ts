// One way to get a GPU: the adapter is reported, limits are checked before allocation, and
// errors outside an error scope reach the handler instead of vanishing.
import { describe, expect, it } from 'vitest';
import { acquireGpu, describeAdapter } from '../../src/gpu/device.ts';
import { BufferCapacityError, checkBindingSize } from '../../src/gpu/buffers.ts';
import { parseScenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { snapshot } from '../../src/sim/snapshot.ts';
import twoCapillaries from '../../scenarios/two-capillaries.json';
import { useGpu } from './fixture.ts';

describe('device', () => {
  const gpu = useGpu();

  it('reports the adapter it runs on', () => {
    const { report } = gpu();
    expect(report.backend).toBe('node-dawn');
    expect(report.vendor.length).toBeGreaterThan(0);
    expect(describeAdapter(report)).toContain(report.vendor);
  });

  it('refuses a buffer larger than the adapter binds, with the sizes in the message', () => {
    const { device } = gpu();
    const tooBig = device.limits.maxStorageBufferBindingSize + 4;
    expect(() => checkBindingSize(device, 'Oxygen.u', tooBig)).toThrow(BufferCapacityError);
    expect(() => checkBindingSize(device, 'Oxygen.u', tooBig)).toThrow(/Oxygen\.u: needs .* MiB but this adapter binds at most .* MiB/);
  });

  it('passes uncaptured GPU errors to the handler', async () => {
    const errors: string[] = [];
    const own = await acquireGpu({ onError: (e) => errors.push(e.message) });
    own.device.createShaderModule({ code: 'this is not WGSL' });
    await own.device.queue.onSubmittedWorkDone();
    for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    own.destroy();
    expect(errors.join('\n')).toMatch(/WGSL|parse|expected/i);
  });

  it('gives identical fields for the same scenario on the same adapter', async () => {
    const g = gpu();
    const scenario = parseScenario(twoCapillaries);
    const run = async () => {
      const sim = new Simulation(g, scenario);
      await sim.step();
      await sim.step();
      const fields = await snapshot(sim);
      sim.destroy();
      return fields.find((f) => f.name === 'oxygen')!.data;
    };
    const a = await run();
    const b = await run();
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });
});
