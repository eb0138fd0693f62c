// confine run [scenario.json] --out DIR: runs a scenario headless and writes its fields. With
// --checkpoint-every it keeps DIR/checkpoint.ckpt at the latest scheduled state (and the final
// one); --resume FILE goes on from such a file to the run's end, with the outputs of a run that
// was never interrupted. A write the system refuses (a full disk) ends the run with one line that
// names the file and the last good checkpoint, and the command that goes on from it.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { DEFAULT_SCENARIO, ScenarioError, loadScenarioText, type Scenario } from '../model/scenario.ts';
import { resolveScenarioVessels } from '../model/scenario-vessels.ts';
import { Simulation } from '../sim/simulation.ts';
import { captureCheckpoint, restoreCheckpoint } from '../sim/checkpoint.ts';
import { CheckpointError } from '../io/checkpoint-file.ts';
import { snapshot } from '../sim/snapshot.ts';
import { nonFinite, rangeNote, readouts, stats } from '../sim/readouts.ts';
import { OutputWriteError, prepareOutputDir, removeLeftoverTemporaries, writeFileAtomic } from '../io/output-dir.ts';
import { isFieldFile, writeFields } from '../io/run-output.ts';
import { createProgress } from './progress.ts';
import { checkpointSteps, type CheckpointInterval } from '../sim/checkpoint-interval.ts';
import { CellsOutput, METRICS_FILE, readoutLines } from './run-cells.ts';

export async function loadScenario(path: string | undefined): Promise<Scenario> {
  if (!path || path === 'default') return DEFAULT_SCENARIO;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScenarioError([`the scenario file cannot be read (${(error as Error).message.split('\n')[0]})`], path);
  }
  // A vessel file named in the scenario is read relative to the scenario's own directory.
  return resolveScenarioVessels(loadScenarioText(text, path), dirname(path), (file) => readFile(file));
}

export const CHECKPOINT_FILE = 'checkpoint.ckpt';
const SUMMARY_FILE = 'summary.json';

/** Whether `name` is a file that `confine run` writes into its output directory. */
const isRunOutput = (name: string) => name === CHECKPOINT_FILE || name === METRICS_FILE || name === SUMMARY_FILE || isFieldFile(name);

export interface RunOptions {
  scenario?: string;
  out: string;
  /** The run's last step (counted from day 0, also when resuming). */
  steps?: number;
  checkpointEvery?: CheckpointInterval;
  /** A checkpoint file to go on from; the scenario is the one it holds. */
  resume?: string;
}

export async function runCommand(options: RunOptions): Promise<number> {
  const refuse = (message: string) => (console.error(`error: ${message}`), 2);
  let resumeBytes: Uint8Array | undefined;
  if (options.resume !== undefined) {
    try {
      resumeBytes = new Uint8Array(await readFile(options.resume));
    } catch (error) {
      return refuse(`--resume ${options.resume} cannot be read: ${(error as Error).message}`);
    }
  }
  const loaded = resumeBytes ? undefined : await loadScenario(options.scenario);
  // Before the GPU, so that a bad --out is refused at once and not after the start-up.
  let dir: string;
  try {
    dir = await prepareOutputDir(options.out);
    // The run owns its files in DIR, and so the temporaries a killed run left for them.
    await removeLeftoverTemporaries(dir, isRunOutput);
  } catch (error) {
    return refuse(`--out ${options.out} cannot be used as the output directory (${(error as Error).message.split('\n')[0]})`);
  }
  const gpuErrors: string[] = [];
  const gpu = await acquireGpu({
    onError: (e) => {
      gpuErrors.push(e.message);
      console.error(`[confine] GPU error: ${e.message}`);
    },
  });
  let sim: Simulation;
  try {
    sim = resumeBytes ? await restoreCheckpoint(gpu, resumeBytes, options.resume) : new Simulation(gpu, loaded!);
  } catch (error) {
    gpu.destroy();
    if (error instanceof CheckpointError) return refuse(error.message);
    throw error;
  }
  let every: number | undefined;
  try {
    every = options.checkpointEvery && checkpointSteps(options.checkpointEvery, sim.dtMinutes);
  } catch (error) {
    sim.destroy();
    gpu.destroy();
    return refuse((error as Error).message);
  }
  const scenario = sim.scenario;
  const from = resumeBytes ? ` from step ${sim.steps} (day ${(sim.timeMinutes / 1440).toFixed(2)}) of ${options.resume}` : '';
  console.error(`confine run: ${scenario.name}${from} on ${describeAdapter(gpu.report)} → ${dir}`);
  const started = performance.now();
  // Tissue and assays run for their duration; the verification kinds are one steady solve.
  const steps = options.steps ?? (scenario.kind === 'tissue' || scenario.kind === 'assay' ? sim.stepCount : 1);
  // Once every injected cell has died or extravasated, a tail-vein run has nothing left to decide.
  const stopWhenEmpty = scenario.assay?.type === 'tail-vein';
  const first = sim.steps;
  const progress = createProgress(Math.max(0, steps - first), scenario.name);
  let saved: SavedCheckpoint | undefined = resumeBytes && { path: resolve(options.resume!), steps: sim.steps, timeMinutes: sim.timeMinutes };
  const checkpoint = async () => {
    const path = join(dir, CHECKPOINT_FILE);
    await writeFileAtomic(path, await captureCheckpoint(sim));
    saved = { path, steps: sim.steps, timeMinutes: sim.timeMinutes };
  };
  try {
    const cellsOutput = sim.cells ? new CellsOutput(dir, scenario, sim.cells) : undefined;
    for (let s = first; s < steps; s++) {
      await sim.step();
      // Keep the queue a few steps deep and let the bar follow the GPU; results are not read here.
      if (s % 4 === 3 || s === steps - 1) await gpu.device.queue.onSubmittedWorkDone();
      cellsOutput?.poll();
      progress.update(s + 1 - first, `day ${(sim.timeMinutes / 1440).toFixed(1)}`);
      if (stopWhenEmpty && sim.cells?.liveAtLastCheck === 0) break;
      if (every && sim.steps % every === 0) await checkpoint();
    }
    progress.done();
    // The file always ends as the run does, so a finished run can be taken further too.
    if (every && sim.steps % every !== 0) await checkpoint();
    const cells = await cellsOutput?.finish(sim.steps, sim.timeMinutes);
    const fields = await snapshot(sim);
    const wallSeconds = (performance.now() - started) / 1000;
    // An assay's dish has no tissue fields worth a picture; its readouts are the cells'.
    const files = scenario.kind === 'assay' ? [] : await writeFields(dir, fields, sim.world.nx, sim.world.ny, sim.world.hMicrons);
    if (cells) files.push(METRICS_FILE);
    if (every) files.push(CHECKPOINT_FILE);
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
      files: [...files, SUMMARY_FILE],
      parameters: scenario.parameters,
    };
    await writeFileAtomic(join(dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    console.error(`wrote ${summary.files.length} files in ${wallSeconds.toFixed(1)} s`);
    for (const [k, v] of Object.entries(summary.readouts)) {
      const note = scenario.kind === 'tissue' ? rangeNote(k, v) : undefined;
      console.error(`  ${k}: ${v.toPrecision(4)}${note ? `  ${note}` : ''}`);
    }
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
  } catch (error) {
    if (!(error instanceof OutputWriteError)) throw error;
    progress.done();
    console.error(`error: ${error.message}; ${wayOn(saved, { out: dir, every, steps: options.steps })}`);
    return 5;
  } finally {
    sim.destroy();
    gpu.destroy();
  }
}

/** A checkpoint file known to be whole, and the state it holds. */
interface SavedCheckpoint { path: string; steps: number; timeMinutes: number }

/** Where a run stopped by a failed write can go on from, with the command that does it. */
function wayOn(saved: SavedCheckpoint | undefined, run: { out: string; every?: number; steps?: number }): string {
  if (!saved) return `no checkpoint of this run was kept${run.every ? ' yet' : ' (--checkpoint-every keeps one)'}, so it must start again once the file can be written`;
  const command = ['confine', 'run', '--resume', shellWord(saved.path), '--out', shellWord(run.out)];
  if (run.every) command.push('--checkpoint-every', String(run.every));
  if (run.steps !== undefined) command.push('--steps', String(run.steps));
  return `the last good checkpoint is ${saved.path} (step ${saved.steps}, day ${(saved.timeMinutes / 1440).toFixed(2)}); once the file can be written, go on from it with: ${command.join(' ')}`;
}

/** `text` as one word for a POSIX shell: as it is when that is safe, else single-quoted. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
