// The field solves, each on its own: the quasi-steady oxygen solve, one SMAC mimetic step (BDF2)
// and the stress solve, on the default tumour in an n² grid. The simulation takes one whole step
// first, so every solve is timed from a warm, realistic state, as it runs inside a step.
import type { Gpu } from '../../gpu/device.ts';
import { Simulation, type SimulationOptions } from '../../sim/simulation.ts';
import { STRESS_ITERATIONS } from '../../sim/solve-mode.ts';
import { GRID_SIZES, idle, passRun, type BenchCase, type CaseInstance } from '../case.ts';
import { solveScenario } from '../scenarios.ts';

type Physics = Parameters<typeof solveScenario>[1];

async function warmSimulation(gpu: Gpu, n: number, physics: Physics, options: SimulationOptions = {}): Promise<Simulation> {
  const sim = new Simulation(gpu, solveScenario(n, physics), options);
  await sim.step();
  await idle(gpu);
  return sim;
}

function instance(sim: Simulation, run: () => Promise<void>): CaseInstance {
  return { gridCells: sim.world.nx * sim.world.ny, agents: 0, updatesPerRun: 1, run, destroy: () => sim.destroy() };
}

export const oxygenSolve: BenchCase = {
  name: 'oxygen-solve',
  update: 'one quasi-steady oxygen solve: 2 Newton steps × 2 V(3,3)-cycles, warm-started',
  axis: 'grid',
  figures: ['gridCellUpdatesPerSecond'],
  sizes: GRID_SIZES,
  async build(gpu, n) {
    const sim = await warmSimulation(gpu, n, { oxygen: true });
    return instance(sim, passRun(gpu, 'bench.oxygen', (pass) => sim.oxygen!.solve(pass, 2, 2)));
  },
};

/** Plasma level (nM) of the SMAC mimetic: any positive level makes the vessels a source. */
const PLASMA_NM = 100;

export const drugStep: BenchCase = {
  name: 'drug-step',
  update: 'one SMAC mimetic step (Drug.step): BDF2 coefficients, then 2 V(3,3)-cycles',
  axis: 'grid',
  figures: ['gridCellUpdatesPerSecond'],
  sizes: GRID_SIZES,
  async build(gpu, n) {
    const sim = await warmSimulation(gpu, n, { oxygen: true, smac: true });
    const dtSeconds = sim.dtMinutes * 60;
    return instance(sim, async () => {
      const encoder = gpu.device.createCommandEncoder({ label: 'bench.drug' });
      sim.smac!.step(encoder, dtSeconds, PLASMA_NM);
      gpu.device.queue.submit([encoder.finish()]);
    });
  },
};

export const stressSolve: BenchCase = {
  name: 'stress-solve',
  update: 'one stress solve: assembly, 8 warm-started multigrid-preconditioned CG iterations, stresses',
  axis: 'grid',
  figures: ['gridCellUpdatesPerSecond'],
  sizes: GRID_SIZES,
  async build(gpu, n) {
    // Fixed counts: repeated on one state, a solve to a tolerance would stop at once after the first.
    const sim = await warmSimulation(gpu, n, { oxygen: true, mechanics: true }, { solves: 'fixed' });
    const iterations = STRESS_ITERATIONS.fixed.warm;
    return instance(sim, passRun(gpu, 'bench.stress', (pass) => sim.mechanics!.solve(pass, iterations)));
  },
};
