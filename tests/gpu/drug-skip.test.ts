// An undosed drug's solve is skipped (drug.ts): the skipped steps leave the tissue exactly as the
// solved ones would (zero), and the dosed steps after them are bit for bit the same.
import { describe, expect, it } from 'vitest';
import { readF32 } from '../../src/gpu/buffers.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { MultigridKernels } from '../../src/solvers/multigrid.ts';
import { Drug, drugKernel } from '../../src/solvers/transport/drug.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { scoped, useGpu } from './fixture.ts';

describe('drug solve skipped while the tissue is empty', () => {
  const gpu = useGpu();

  it('gives the same concentrations as solving every step', async () => {
    await scoped(gpu(), async () => {
      const device = gpu().device;
      const sim = new Simulation(gpu(), parseScenario({
        ...DEFAULT_SCENARIO_JSON, parameters: { ...DEFAULT_SCENARIO_JSON.parameters, nx: 64, ny: 64, dxMicrons: 40 },
      }));
      await sim.step(); // perfusion and the vessel field as a run has them
      const o = sim.oxygen!;
      const mg = new MultigridKernels(device), kernel = drugKernel(device);
      const make = (skipWhileEmpty: boolean) => new Drug(mg, kernel, {
        label: `SMAC.${skipWhileEmpty}`, nx: 64, ny: 64, hMicrons: 40, diffusivityUm2PerS: 50, decayPerS: 1e-5,
        slot: 'smac', skipWhileEmpty,
      }, o.vessel, o.perfusion);
      const skipping = make(true), solving = make(false);
      const plasma = [0, 0, 0, 20, 15, 0, 0];
      const after: Float32Array[][] = [];
      for (const p of plasma) {
        for (const drug of [skipping, solving]) {
          const encoder = device.createCommandEncoder();
          drug.step(encoder, 14_400, p);
          device.queue.submit([encoder.finish()]);
        }
        after.push([await readF32(device, skipping.concentration, 64 * 64), await readF32(device, solving.concentration, 64 * 64)]);
      }
      for (const [i, [a, b]] of after.entries()) expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `step ${i}`).toBe(true);
      expect(after[2]![1]!.every((v) => v === 0)).toBe(true);
      expect(Math.max(...after[4]![1]!)).toBeGreaterThan(0);
      skipping.destroy();
      solving.destroy();
      sim.destroy();
    });
  });
});
