// A steady step creates nothing on the GPU: every pipeline, bind group and buffer is made when
// the simulation is built (or when the cell population grows), so a step is only queue writes,
// encoding and one submission (building GPU objects costs milliseconds, so the loop builds none).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { startGpuCensus } from '../../src/gpu/census.ts';
import { scoped, useGpu } from './fixture.ts';

describe('step allocations', () => {
  const gpu = useGpu();

  it('makes no bind group, buffer, pipeline, shader module, texture or query set in a steady step', async () => {
    await scoped(gpu(), async () => {
      const census = startGpuCensus(gpu().device);
      const scenario = parseScenario({
        ...DEFAULT_SCENARIO_JSON,
        parameters: { ...DEFAULT_SCENARIO_JSON.parameters, nx: 64, ny: 64, dxMicrons: 40, smacDoseNM: 20, softenerDoseRelative: 1 },
      });
      const sim = new Simulation(gpu(), scenario);
      for (let i = 0; i < 4; i++) await sim.step();
      await sim.cells!.drain();
      const built = census.made();
      expect(built.bindGroups).toBeGreaterThan(0); // the census sees what the build makes
      for (let i = 0; i < 12; i++) {
        await sim.step();
        // Metrics come back every step here; draining keeps the readback ring at its size.
        await sim.cells!.drain();
      }
      expect(census.made()).toEqual(built);
      sim.destroy();
    });
  });
});
