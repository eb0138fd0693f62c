// Benchmark: the agent step at 10⁴…10⁶ cancer cells (a dish of moving cells on a fixed 256²
// grid, so the agents dominate), and the full default step scaled to a 1024² grid with about
// 10⁶ cells. Wall time from submission to onSubmittedWorkDone; median of repeats after warm-up.
import type { Gpu } from '../src/gpu/device.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario, type Scenario } from '../src/model/scenario.ts';
import { Simulation } from '../src/sim/simulation.ts';
import { fittedExponent, median } from './grid-solves.ts';

export interface AgentTiming {
  label: string;
  cells: number;
  gridCells: number;
  stepMs: number[];
}

/** Cells moving in a dish (no NK, no division): the agent kernels and compaction, every step. */
export function dishScenario(cells: number): Scenario {
  return parseScenario({
    name: `bench-dish-${cells}`, kind: 'assay', seed: 1,
    parameters: { nx: 256, ny: 256, dxMicrons: 10, dtMinutes: 10, durationDays: 1, metricsIntervalMinutes: 10080 },
    assay: { type: 'nk-coculture', targetsPerGroup: cells / 2, nkPerTarget: 0 },
  });
}

/** The default tumour on a 1024² grid of 15 µm cells, packed to about 10⁶ cells. */
export function largeDefaultScenario(): Scenario {
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON, name: 'bench-default-1024',
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: 1024, ny: 1024, dxMicrons: 15, tumourRadiusMicrons: 7000,
      stromaWidthMicrons: 300, carryingCapacityCellsPerMm2: 6500, initialDensityFraction: 1, metricsIntervalMinutes: 10080,
    },
  });
}

async function timeSteps(gpu: Gpu, scenario: Scenario, repeats: number): Promise<{ ms: number[]; cells: number }> {
  gpu.device.pushErrorScope('validation');
  gpu.device.pushErrorScope('out-of-memory');
  const sim = new Simulation(gpu, scenario);
  const cells = sim.cells!.liveAtLastCheck;
  const ms: number[] = [];
  for (let r = 0; r <= repeats; r++) {
    const start = performance.now();
    await sim.step();
    await gpu.device.queue.onSubmittedWorkDone();
    if (r > 0) ms.push(performance.now() - start);
  }
  const oom = await gpu.device.popErrorScope();
  const invalid = await gpu.device.popErrorScope();
  sim.destroy();
  if (oom || invalid) throw new Error(`benchmark ${scenario.name}: ${(oom ?? invalid)!.message}`);
  return { ms, cells };
}

export async function benchAgents(gpu: Gpu, counts: number[], repeats: number, withDefault: boolean, log: (s: string) => void) {
  const dish: AgentTiming[] = [];
  for (const n of counts) {
    const { ms, cells } = await timeSteps(gpu, dishScenario(n), repeats);
    log(`dish, ${cells} cells: ${median(ms).toFixed(1)} ms a step`);
    dish.push({ label: 'dish', cells, gridCells: 256 * 256, stepMs: ms });
  }
  let full: AgentTiming | undefined;
  if (withDefault) {
    const { ms, cells } = await timeSteps(gpu, largeDefaultScenario(), repeats);
    log(`default at 1024², ${cells} cells: ${median(ms).toFixed(0)} ms a step`);
    full = { label: 'default 1024²', cells, gridCells: 1024 * 1024, stepMs: ms };
  }
  return {
    dish,
    full,
    agentExponent: fittedExponent(dish.map((t) => t.cells), dish.map((t) => median(t.stepMs))),
  };
}
