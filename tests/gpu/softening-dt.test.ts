// Softening through the whole field pipeline (softener solve → exposure → material → stress), with
// the cells off so that the tumour is the same at every dt: the default tumour (radius 900 µm, its
// 300 µm stroma, 2.56 mm of tissue) on 40 µm cells for 4 days, the default softener course from
// day 0. Before softening integrated the agent's exposure over the step, the median tumour stress
// at dt = 4 h missed about a sixth of softening's effect.
import { describe, expect, it } from 'vitest';
import { readF32 } from '../../src/gpu/buffers.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { scoped, useGpu } from './fixture.ts';
import type { Gpu } from '../../src/gpu/device.ts';

async function medianTumourStress(gpu: Gpu, dtMinutes: number, softenerDoseRelative: number): Promise<number> {
  const scenario = parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    physics: { ...DEFAULT_SCENARIO_JSON.physics, cells: false },
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: 64, ny: 64, dxMicrons: 40, dtMinutes, durationDays: 4,
      tumourRadiusMicrons: 900, stromaWidthMicrons: 300, softenerDoseRelative, softenerStartDay: 0, smacDoseNM: 0,
    },
  }, 'softening dt');
  const sim = new Simulation(gpu, scenario);
  try {
    for (let s = 0; s < sim.stepCount; s++) await sim.step();
    const pressure = await readF32(gpu.device, sim.mechanics!.pressure);
    const tumour = [...sim.world.density.keys()].filter((c) => sim.world.density[c] >= 0.5).map((c) => pressure[c]).sort((a, b) => a - b);
    return tumour[Math.floor(tumour.length / 2)];
  } finally {
    sim.destroy();
  }
}

describe('softening in dt', () => {
  const gpu = useGpu();

  it('gives the same softened stress and softening effect at dt = 4 h as at 1 h', async () => {
    const g = gpu();
    const rows = await scoped(g, async () => {
      const out = [];
      for (const dt of [240, 120, 60]) out.push({ dt, untreated: await medianTumourStress(g, dt, 0), softened: await medianTumourStress(g, dt, 1) });
      return out;
    });
    const fine = rows[rows.length - 1];
    const effect = (r: (typeof rows)[number]) => r.untreated - r.softened;
    console.table(rows.map((r) => ({
      ...r, 'softened vs dt 60': `${(100 * (r.softened / fine.softened - 1)).toFixed(3)} %`, 'effect vs dt 60': `${(100 * (effect(r) / effect(fine) - 1)).toFixed(2)} %`,
    })));
    expect(effect(fine) / fine.untreated).toBeGreaterThan(0.1);
    for (const r of rows) {
      expect(Math.abs(r.untreated / fine.untreated - 1), `untreated at dt ${r.dt}`).toBeLessThan(0.001);
      expect(Math.abs(r.softened / fine.softened - 1), `softened at dt ${r.dt}`).toBeLessThan(0.005);
      expect(Math.abs(effect(r) / effect(fine) - 1), `softening's effect at dt ${r.dt}`).toBeLessThan(0.03);
    }
  }, 600_000);
});
