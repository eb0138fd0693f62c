// Mechanics to metastasis in the default tumour (science.md): a stiffer tumour (tumour tissue
// and its stroma) stores more stress, collapses more capillaries, deepens hypoxia and primes more
// cells; softening therapy undoes it; softening plus SMAC mimetic leaves circulating cells less
// protected than either alone. The default scenario on a coarser grid (128² of 20 µm: the same
// 2.56 mm of tissue) for 14 days, drugs off unless an arm adds them. Each arm's numbers are printed.
import { describe, expect, it } from 'vitest';
import { readF32 } from '../../../src/gpu/buffers.ts';
import type { Gpu } from '../../../src/gpu/device.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../../src/model/scenario.ts';
import { Simulation } from '../../../src/sim/simulation.ts';
import { stressPercentile } from '../../../src/cells/ledger.ts';
import { scoped, useGpu } from '../fixture.ts';

interface Arm {
  coreStressKPa: number;
  bedPerfused: number;
  bedHypoxic: number;
  primed: number;
  tumourCells: number;
  circulationSurvival: number;
  colonisers: number;
  colonisersPerThousand: number;
  metastases: number;
}

async function arm(gpu: Gpu, parameters: Record<string, number>): Promise<Arm> {
  const scenario = parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    parameters: { ...DEFAULT_SCENARIO_JSON.parameters, nx: 128, ny: 128, dxMicrons: 20, metricsIntervalMinutes: 10080, smacDoseNM: 0, softenerDoseRelative: 0, ...parameters },
  });
  return scoped(gpu, async () => {
    const sim = new Simulation(gpu, scenario);
    for (let s = 0; s < sim.stepCount; s++) await sim.step();
    await sim.cells!.drain();
    const { ledger } = await sim.cells!.sampleNow(sim.steps, sim.timeMinutes);
    const po2 = await readF32(gpu.device, sim.oxygen!.pO2);
    const perfusion = await readF32(gpu.device, sim.oxygen!.perfusion);
    // The tumour bed: where the tumour was laid down, a fixed region in every arm, so cells that
    // died of anoxia still count as hypoxic tissue.
    const bed = Array.from(sim.world.density.keys()).filter((c) => sim.world.density[c] >= 0.5);
    const vessels = Array.from(sim.world.raster.cellIndex).filter((c) => sim.world.density[c] >= 0.5);
    const p = scenario.parameters;
    sim.destroy();
    const c = ledger.counters;
    const tissue = ledger.groups[0].tissue;
    const circulationDeaths = c.anoikisBlood + c.anoikisLung + c.nkBlood;
    return {
      coreStressKPa: stressPercentile(ledger.stressHistogram, 0.5),
      bedPerfused: vessels.filter((v) => perfusion[v] >= 0.5).length / vessels.length,
      bedHypoxic: bed.filter((b) => po2[b] < p.hypoxiaThresholdMmHg).length / bed.length,
      primed: ledger.groups[0].primed / tissue,
      tumourCells: tissue,
      circulationSurvival: c.extravasated / (c.extravasated + circulationDeaths),
      colonisers: c.extravasated,
      colonisersPerThousand: (1000 * c.extravasated) / tissue,
      metastases: c.metastases,
    };
  });
}

describe('mechanics to metastasis in the default tumour', () => {
  const gpu = useGpu();
  const arms: Record<string, Arm> = {};
  const run = async (name: string, parameters: Record<string, number>) => (arms[name] ??= await arm(gpu(), parameters));
  const base = () => run('no therapy', {});
  const report = () => console.table(arms);

  it('the default tumour holds 1–10 kPa of compressive stress in its core', async () => {
    const a = await base();
    report();
    expect(a.coreStressKPa).toBeGreaterThan(1);
    expect(a.coreStressKPa).toBeLessThan(10);
  }, 600_000);

  it('a stiffer tumour: more stress, more collapsed capillaries, deeper hypoxia, more primed cells and colonisers per tumour cell', async () => {
    const a = await base();
    const s = await run('stiffer ×2', { tumourStiffnessKPa: 40, stromaStiffnessKPa: 80 });
    report();
    expect(s.coreStressKPa).toBeGreaterThan(a.coreStressKPa);
    expect(s.bedPerfused).toBeLessThan(a.bedPerfused);
    expect(s.bedHypoxic).toBeGreaterThan(a.bedHypoxic);
    expect(s.primed).toBeGreaterThan(a.primed);
    expect(s.colonisersPerThousand).toBeGreaterThan(a.colonisersPerThousand);
  }, 600_000);

  it('softening therapy lowers stress, collapse, hypoxia, priming and colonisers', async () => {
    const a = await base();
    const s = await run('softening', { softenerDoseRelative: 1 });
    report();
    expect(s.coreStressKPa).toBeLessThan(a.coreStressKPa);
    expect(s.bedPerfused).toBeGreaterThan(a.bedPerfused);
    expect(s.bedHypoxic).toBeLessThan(a.bedHypoxic);
    expect(s.primed).toBeLessThan(a.primed);
    expect(s.colonisersPerThousand).toBeLessThan(a.colonisersPerThousand);
  }, 600_000);

  it('softening plus SMAC mimetic lowers circulating-cell survival more than either alone', async () => {
    const soft = await run('softening', { softenerDoseRelative: 1 });
    const smac = await run('SMAC mimetic', { smacDoseNM: 200 });
    const both = await run('both', { softenerDoseRelative: 1, smacDoseNM: 200 });
    report();
    expect(both.circulationSurvival).toBeLessThan(soft.circulationSurvival);
    expect(both.circulationSurvival).toBeLessThan(smac.circulationSurvival);
  }, 900_000);
});
