// confine run [scenario.json] --out DIR: runs a scenario headless and writes its fields.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { DEFAULT_SCENARIO, loadScenarioText, type Scenario } from '../model/scenario.ts';
import { resolveScenarioVessels } from '../model/vessel-import.ts';
import { Simulation } from '../sim/simulation.ts';
import { snapshot } from '../sim/snapshot.ts';
import { nonFinite, readouts, stats } from '../sim/readouts.ts';
import { prepareOutputDir, writeFileAtomic } from '../io/output-dir.ts';
import { writeFields } from '../io/run-output.ts';
import { createProgress } from './progress.ts';
import { CellsOutput, METRICS_FILE, readoutLines } from './run-cells.ts';

export async function loadScenario(path: string | undefined): Promise<Scenario> {
  if (!path || path === 'default') return DEFAULT_SCENARIO;
  // A vessel file named in the scenario is read relative to the scenario's own directory.
  return resolveScenarioVessels(loadScenarioText(await readFile(path, 'utf8'), path), dirname(path), (file) => readFile(file));
}

export interface RunOptions {
  scenario?: string;
  out: string;
  steps?: number;
}

export async function runCommand(options: RunOptions): Promise<number> {
  const scenario = await loadScenario(options.scenario);
  const gpuErrors: string[] = [];
  const gpu = await acquireGpu({
    onError: (e) => {
      gpuErrors.push(e.message);
      console.error(`[confine] GPU error: ${e.message}`);
    },
  });
  const dir = await prepareOutputDir(options.out);
  console.error(`confine run: ${scenario.name} on ${describeAdapter(gpu.report)} → ${dir}`);
  const started = performance.now();
  const sim = new Simulation(gpu, scenario);
  // Tissue and assays run for their duration; the verification kinds are one steady solve.
  const steps = options.steps ?? (scenario.kind === 'tissue' || scenario.kind === 'assay' ? sim.stepCount : 1);
  const cellsOutput = sim.cells ? new CellsOutput(dir, scenario, sim.cells) : undefined;
  // Once every injected cell has died or extravasated, a tail-vein run has nothing left to decide.
  const stopWhenEmpty = scenario.assay?.type === 'tail-vein';
  const progress = createProgress(steps, scenario.name);
  for (let s = 0; s < steps; s++) {
    await sim.step();
    // Keep the queue a few steps deep and let the bar follow the GPU; results are not read here.
    if (s % 4 === 3 || s === steps - 1) await gpu.device.queue.onSubmittedWorkDone();
    cellsOutput?.poll();
    progress.update(s + 1, `day ${(sim.timeMinutes / 1440).toFixed(1)}`);
    if (stopWhenEmpty && sim.cells?.liveAtLastCheck === 0) break;
  }
  progress.done();
  const cells = await cellsOutput?.finish(sim.steps, sim.timeMinutes);
  const fields = await snapshot(sim);
  const wallSeconds = (performance.now() - started) / 1000;
  // An assay's dish has no tissue fields worth a picture; its readouts are the cells'.
  const files = scenario.kind === 'assay' ? [] : await writeFields(dir, fields, sim.world.nx, sim.world.ny, sim.world.hMicrons);
  if (cells) files.push(METRICS_FILE);
  const bad = nonFinite(fields);
  const summary = {
    scenario: scenario.name,
    kind: scenario.kind,
    seed: scenario.seed,
    adapter: gpu.report,
    grid: { nx: sim.world.nx, ny: sim.world.ny, dxMicrons: sim.world.hMicrons },
    steps: sim.steps,
    simulatedDays: sim.timeMinutes / 1440,
    wallSeconds,
    readouts: readouts(scenario, sim.world, fields),
    cellReadouts: cells?.readout,
    metricsRows: cells?.rows,
    fields: Object.fromEntries(fields.map((f) => [f.name, { unit: f.unit, ...stats(f.data) }])),
    nonFiniteFields: bad,
    files: [...files, 'summary.json'],
    parameters: scenario.parameters,
  };
  await writeFileAtomic(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  sim.destroy();
  gpu.destroy();
  console.error(`wrote ${summary.files.length} files in ${wallSeconds.toFixed(1)} s`);
  for (const [k, v] of Object.entries(summary.readouts)) console.error(`  ${k}: ${v.toPrecision(4)}`);
  if (cells) for (const line of readoutLines(cells.readout)) console.error(`  ${line}`);
  if (gpuErrors.length) {
    console.error(`error: the GPU reported ${gpuErrors.length} error(s) during the run (above); the results are not trustworthy`);
    return 4;
  }
  if (bad.length) {
    console.error(`error: non-finite values in ${bad.join(', ')} (written as they are, for inspection)`);
    return 3;
  }
  return 0;
}
