// A steady step creates nothing on the GPU: every pipeline, bind group and buffer is made when
// the simulation is built (or when the cell population grows), so a step is only queue writes,
// encoding and one submission (building GPU objects costs milliseconds, so the loop builds none).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { scoped, useGpu } from './fixture.ts';

const CREATORS = ['createBindGroup', 'createBuffer', 'createComputePipeline', 'createShaderModule', 'createQuerySet', 'createTexture'] as const;

describe('step allocations', () => {
  const gpu = useGpu();

  it('makes no bind group, buffer, pipeline or query set in a steady step', async () => {
    await scoped(gpu(), async () => {
      const device = gpu().device;
      const counts: Record<string, number> = {};
      const originals = CREATORS.map((name) => [name, device[name]] as const);
      for (const [name, original] of originals) {
        (device as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
          counts[name] = (counts[name] ?? 0) + 1;
          return (original as (...a: unknown[]) => unknown).apply(device, args);
        };
      }
      try {
        const scenario = parseScenario({
          ...DEFAULT_SCENARIO_JSON,
          parameters: { ...DEFAULT_SCENARIO_JSON.parameters, nx: 64, ny: 64, dxMicrons: 40, smacDoseNM: 20, softenerDoseRelative: 1 },
        });
        const sim = new Simulation(gpu(), scenario);
        for (let i = 0; i < 4; i++) await sim.step();
        await sim.cells!.drain();
        expect(counts.createBindGroup).toBeGreaterThan(0); // the wrapper sees what the build makes
        for (const name of CREATORS) counts[name] = 0;
        for (let i = 0; i < 12; i++) {
          await sim.step();
          // Metrics come back every step here; draining keeps the readback ring at its size.
          await sim.cells!.drain();
        }
        expect(counts).toEqual(Object.fromEntries(CREATORS.map((n) => [n, 0])));
        sim.destroy();
      } finally {
        for (const [name, original] of originals) (device as unknown as Record<string, unknown>)[name] = original;
      }
    });
  });
});
