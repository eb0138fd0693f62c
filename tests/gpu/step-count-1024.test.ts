// A warm step of the default tumour on a 1024² grid records at most 400 dispatches: what a GPU,
// whose steps at this size are bound by how many dispatches they record, needs for the default
// tumour at interactive rates. Warm as the benchmark times it (src/bench/cases/steps.ts): after the
// first two simulated days, when the solves record what they have been needing plus their margins
// (sim/solve-planner.ts). A count is the same on every adapter, so it can be held here.
import { describe, expect, it } from 'vitest';
import { countStep } from '../../src/sim/count-step.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { defaultStepScenario } from '../../src/bench/scenarios.ts';
import { SETTLE_DAYS } from '../../src/bench/cases/steps.ts';
import { scoped, useGpu } from './fixture.ts';

describe('dispatches of a warm 1024² default step', () => {
  const gpu = useGpu();

  it('are at most 400, in one submission', async () => {
    const count = await scoped(gpu(), async () => {
      const sim = new Simulation(gpu(), defaultStepScenario(1024));
      while (sim.timeMinutes < SETTLE_DAYS * 1440) await sim.step();
      const c = await countStep(sim);
      sim.destroy();
      return c;
    });
    console.log(count.stages.map((s) => `${s.stage} ${s.count.dispatches}`).join(', '), `→ ${count.total.dispatches} dispatches`);
    expect(count.total.submissions).toBe(1);
    expect(count.total.dispatches).toBeLessThanOrEqual(400);
  }, 900_000);
});
