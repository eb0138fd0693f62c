// Agent storage: capacity grows ahead of need so no cell is lost, a capacity beyond the adapter's
// binding limit is refused with the numbers, and a run repeats bit for bit for the same seed.
import { describe, expect, it } from 'vitest';
import { BufferCapacityError } from '../../src/gpu/buffers.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario, type Scenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { CellKernels } from '../../src/cells/kernels.ts';
import { maxCapacity, Population } from '../../src/cells/population.ts';
import { scoped, useGpu } from './fixture.ts';

/** A small tumour that grows fast: 8 h doublings, no drugs, on a 64² grid of 20 µm cells. */
function growing(seed: number): Scenario {
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON, seed,
    parameters: {
      nx: 64, ny: 64, dxMicrons: 20, tumourRadiusMicrons: 150, stromaWidthMicrons: 100, dtMinutes: 120, durationDays: 3,
      cellDoublingHours: 8, initialDensityFraction: 0.3, metricsIntervalMinutes: 240, smacDoseNM: 0, softenerDoseRelative: 0,
    },
  });
}

async function run(gpu: Parameters<typeof scoped>[0], scenario: Scenario) {
  return scoped(gpu, async () => {
    const sim = new Simulation(gpu, scenario);
    const startCount = sim.cells!.liveAtLastCheck;
    const startCapacity = sim.cells!.cells.capacity;
    for (let s = 0; s < sim.stepCount; s++) await sim.step();
    const samples = await sim.cells!.drain();
    const agents = await sim.cells!.readAgents();
    const out = { startCount, startCapacity, capacity: sim.cells!.cells.capacity, samples, agents };
    sim.destroy();
    return out;
  });
}

describe('agent storage', () => {
  const gpu = useGpu();

  it('grows its capacity ahead of need: every birth and death accounted for, none deferred', async () => {
    const r = await run(gpu(), growing(3));
    const c = r.samples.at(-1)!.ledger.counters;
    const deaths = c.necrosis + c.anoikisTissue + c.nkTissue + c.anoikisBlood + c.anoikisLung + c.nkBlood + c.extravasated;
    console.log(`cells ${r.startCount} → ${r.agents.cancer.count}; capacity ${r.startCapacity} → ${r.capacity}; divisions ${c.divisions}, deaths ${deaths}`);
    expect(r.capacity).toBeGreaterThan(r.startCapacity);
    expect(c.deferredDivisions).toBe(0);
    expect(r.agents.cancer.count).toBe(r.startCount + c.divisions - deaths);
    // Ids are unique: each newborn took the next id.
    const ids = new Set<number>();
    for (let i = 0; i < r.agents.cancer.count; i++) ids.add(r.agents.cancer.tag[4 * i]);
    expect(ids.size).toBe(r.agents.cancer.count);
    expect(r.agents.cancer.nextId).toBe(r.startCount + c.divisions);
  }, 300_000);

  it('refuses a capacity beyond the adapter binding limit, naming the sizes', () => {
    const device = gpu().device;
    const kernels = new CellKernels(device);
    const tooMany = maxCapacity(device) + 256;
    const dummy = device.createBuffer({ size: 256, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.UNIFORM });
    const make = () => new Population(kernels, 'Cancer', tooMany, { params: dummy, ledger: dummy, env: dummy, contact: dummy });
    expect(make).toThrow(BufferCapacityError);
    expect(make).toThrow(/cell slots need .* MiB per storage buffer, but this adapter binds at most/);
    dummy.destroy();
  });

  it('repeats bit for bit with the same seed and differs with another', async () => {
    const a = await run(gpu(), growing(7));
    const b = await run(gpu(), growing(7));
    const c = await run(gpu(), growing(8));
    const metrics = (r: typeof a) => JSON.stringify(r.samples.map((s) => s.ledger));
    expect(metrics(b)).toBe(metrics(a));
    expect(Array.from(b.agents.cancer.body)).toEqual(Array.from(a.agents.cancer.body));
    expect(metrics(c)).not.toBe(metrics(a));
  }, 300_000);
});
