// Runs a shipped assay scenario (with overrides) to its end and returns its final ledger sample
// and, if asked, the live agents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Gpu } from '../../../src/gpu/device.ts';
import { parseScenario, type Scenario } from '../../../src/model/scenario.ts';
import { Simulation } from '../../../src/sim/simulation.ts';
import type { LedgerSample } from '../../../src/cells/ledger.ts';
import type { AgentArrays } from '../../../src/cells/population.ts';

export function assayScenario(file: string, parameters: Record<string, number> = {}, assay: Record<string, unknown> = {}, seed?: number): Scenario {
  const json = JSON.parse(readFileSync(join(__dirname, '../../../scenarios', file), 'utf8'));
  return parseScenario({
    ...json,
    seed: seed ?? json.seed,
    parameters: { ...json.parameters, ...parameters },
    assay: { ...json.assay, ...assay },
  }, file);
}

export async function runAssay(gpu: Gpu, scenario: Scenario, withAgents = false): Promise<{ ledger: LedgerSample; agents?: AgentArrays }> {
  const sim = new Simulation(gpu, scenario);
  for (let s = 0; s < sim.stepCount; s++) await sim.step();
  await sim.cells!.drain();
  const { ledger } = await sim.cells!.sampleNow(sim.steps, sim.timeMinutes);
  const agents = withAgents ? (await sim.cells!.readAgents()).cancer : undefined;
  sim.destroy();
  return { ledger, agents };
}
