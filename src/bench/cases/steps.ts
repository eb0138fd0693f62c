// Whole simulation steps: agents moving in a dish (the agent kernels and compaction, with no
// field solves to hide them), and the default scenario with every physics on, its solves
// stopped at their tolerances (the default) and at fixed counts side by side.
import type { Gpu } from '../../gpu/device.ts';
import type { Scenario } from '../../model/scenario.ts';
import { Simulation, type SimulationOptions } from '../../sim/simulation.ts';
import { profileStep } from '../../sim/profile-step.ts';
import { countStep } from '../../sim/count-step.ts';
import { AGENT_COUNTS, GRID_SIZES, idle, type BenchCase, type CaseInstance } from '../case.ts';
import { defaultStepScenario, dishScenario } from '../scenarios.ts';

/**
 * A simulation ready to step. `settleDays`: run that long first, so the timed steps are the warm
 * steps of a run, whose solves record what they have been needing (sim/solve-planner.ts), not the
 * first ones, which record their limits.
 */
async function stepping(gpu: Gpu, scenario: Scenario, options?: SimulationOptions, settleDays = 0): Promise<CaseInstance> {
  const sim = new Simulation(gpu, scenario, options);
  while (sim.timeMinutes < settleDays * 1440) await sim.step();
  await idle(gpu);
  return {
    gridCells: sim.world.nx * sim.world.ny,
    agents: sim.cells?.liveAtLastCheck ?? 0,
    updatesPerRun: 1,
    dtMinutes: sim.dtMinutes,
    run: () => sim.step(),
    profile: () => profileStep(sim),
    count: () => countStep(sim),
    destroy: () => sim.destroy(),
  };
}

export const agentStep: BenchCase = {
  name: 'agent-step',
  update: 'one step of cancer cells moving in a dish on a 256² grid (deposit, environment, rules, compaction, scatter; no NK cells, no division)',
  axis: 'agents',
  figures: ['agentUpdatesPerSecond', 'stepsPerSecond'],
  sizes: AGENT_COUNTS,
  build: (gpu, cells) => stepping(gpu, dishScenario(cells)),
};

/** The default step is timed from the end of day 2 on (on day 1 the CG solves still need 4–5 iterations at 1024², 3 from day 2). */
export const SETTLE_DAYS = 2;

export const defaultStep: BenchCase = {
  name: 'default-step',
  update: 'one whole step (4 h) of the default scenario after its first two days, every physics and cell rule on, the tumour grown with the grid',
  axis: 'grid',
  figures: ['stepsPerSecond', 'simulatedDaysPerWallMinute', 'gridCellUpdatesPerSecond', 'agentUpdatesPerSecond'],
  sizes: GRID_SIZES,
  build: (gpu, n) => stepping(gpu, defaultStepScenario(n), undefined, SETTLE_DAYS),
};

export const defaultStepFixed: BenchCase = {
  name: 'default-step-fixed',
  update: 'default-step with the solves at fixed counts (8 CG iterations, 2 Newton steps of 2 V-cycles) whatever their residuals, Gauss–Seidel stress smoothing and every colour pass of the scalar fields its own dispatch: the path before tolerances, Chebyshev and tiles',
  axis: 'grid',
  figures: ['stepsPerSecond', 'simulatedDaysPerWallMinute'],
  sizes: GRID_SIZES,
  build: (gpu, n) => stepping(gpu, defaultStepScenario(n), { solves: 'fixed' }, SETTLE_DAYS),
};
