// A long run watched for leaks: the loop of `confine run --checkpoint-every 1d` (steps with the
// queue kept a few deep, metrics.csv appended as samples arrive, a checkpoint written each
// simulated day) on the default tumour, sampled every so many steps after a garbage collection:
// JS heap, memory outside it, the GPU objects alive and their bytes, and the time a step takes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Gpu } from '../gpu/device.ts';
import { startGpuCensus } from '../gpu/census.ts';
import { Simulation } from '../sim/simulation.ts';
import { captureCheckpoint } from '../sim/checkpoint.ts';
import { writeFileAtomic } from '../io/output-dir.ts';
import { CellsOutput } from '../cli/run-cells.ts';
import { soakScenario } from './scenarios.ts';
import { soakSummary, type SoakReport, type SoakSample } from './soak-report.ts';

export interface SoakOptions {
  n: number;
  steps: number;
  /** Steps between two samples. */
  every: number;
  /** Minutes between two metrics samples, where not the parameter table's. */
  metricsIntervalMinutes?: number;
}

/** A full collection, then a turn of the event loop so finalizers of what it freed have run. */
async function collect(): Promise<void> {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

const MB = 1024 * 1024;

export async function soakRun(gpu: Gpu, o: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const census = startGpuCensus(gpu.device);
  const scenario = soakScenario(o.n, o.steps, o.metricsIntervalMinutes);
  const dir = await mkdtemp(join(tmpdir(), 'confine-soak-'));
  const samples: SoakSample[] = [];
  try {
    const sim = new Simulation(gpu, scenario);
    const cellsOutput = sim.cells ? new CellsOutput(dir, scenario, sim.cells) : undefined;
    const checkpointEvery = Math.round(1440 / sim.dtMinutes);
    let stepsTimed = 0;
    let since = performance.now();
    const sample = async () => {
      await gpu.device.queue.onSubmittedWorkDone();
      const msPerStep = stepsTimed ? (performance.now() - since) / stepsTimed : 0;
      await collect();
      const memory = process.memoryUsage();
      const code = getHeapSpaceStatistics().filter((space) => space.space_name.startsWith('code')).reduce((sum, space) => sum + space.space_used_size, 0);
      const live = census.live();
      samples.push({
        step: sim.steps, day: sim.timeMinutes / 1440, msPerStep, heapMB: memory.heapUsed / MB, codeMB: code / MB, outsideHeapMB: memory.external / MB, rssMB: memory.rss / MB,
        gpu: live, made: census.made(), cells: sim.cells?.liveAtLastCheck ?? 0, capacity: sim.cells?.cells.capacity ?? 0, metricsSamples: sim.cells?.samples.length ?? 0,
      });
      const s = samples[samples.length - 1];
      log(`step ${s.step} (day ${s.day.toFixed(1)}): ${s.msPerStep.toFixed(1)} ms/step, heap ${s.heapMB.toFixed(1)} MB, GPU ${live.buffers} buffers ${(live.bufferBytes / MB).toFixed(1)} MB, ${live.bindGroups} bind groups, ${live.pipelines} pipelines, ${s.cells} cells`);
      stepsTimed = 0;
      since = performance.now();
    };
    await sample();
    for (let s = 0; s < o.steps; s++) {
      await sim.step();
      if (s % 4 === 3) await gpu.device.queue.onSubmittedWorkDone();
      cellsOutput?.poll();
      if (sim.steps % checkpointEvery === 0) await writeFileAtomic(join(dir, 'checkpoint.ckpt'), await captureCheckpoint(sim));
      stepsTimed++;
      if (sim.steps % o.every === 0) await sample();
    }
    sim.destroy();
    return soakSummary({
      runner: 'node', what: 'confine run --checkpoint-every 1d loop', scenario: scenario.name, grid: o.n, dxMicrons: scenario.parameters.dxMicrons,
      dtMinutes: sim.dtMinutes, steps: o.steps, made: census.made(), samples,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
