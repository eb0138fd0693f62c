// One run of a sweep, start to end on a given GPU, reduced to its record: the kept readouts of
// the final state and their time courses (every metrics sample). The caller appends the record
// the moment it is returned. With checkpoints on, the run's state is kept in one file every
// few steps and a run that finds its file goes on from it, so a sweep killed in the middle of a
// long run loses at most the steps since the last checkpoint.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { removeLeftoverTemporaries, writeFileAtomic } from '../io/output-dir.ts';
import { captureCheckpoint, restoreCheckpoint } from '../sim/checkpoint.ts';
import { checkpointSteps, type CheckpointInterval } from '../sim/checkpoint-interval.ts';
import { canonicalJson } from './load-plan.ts';
import type { Gpu } from '../gpu/device.ts';
import { resolveScenarioVessels } from '../model/scenario-vessels.ts';
import { metricsColumns, metricsRow, tissueReadout } from '../sim/cell-readouts.ts';
import { nonFinite } from '../sim/readouts.ts';
import { Simulation, stepCountOf } from '../sim/simulation.ts';
import { snapshot } from '../sim/snapshot.ts';
import type { PlannedRun, SweepPlan } from './plan.ts';
import { RUN_FORMAT, type RunRecord } from './results-file.ts';

const MINUTES_PER_DAY = 1440;
/** Steps recorded ahead of the GPU before the CPU waits: enough to keep it busy, few enough to follow it. */
const QUEUE_DEPTH = 4;

export interface RunContext {
  gpu: Gpu;
  plan: SweepPlan;
  scenarioDir: string;
  adapter: string;
  /** The confine that runs it (version and commit), kept with each result. */
  software: string;
  /** Called with the number of steps taken: 1 after each step, or those a checkpoint already holds. */
  onStep?: (steps: number) => void;
  checkpoints?: { dir: string; every: CheckpointInterval };
}

export function checkpointFile(dir: string, run: PlannedRun): string {
  return join(dir, `run-${run.run}.ckpt`);
}

/**
 * Removes what killed writers left of these runs' checkpoints in `dir`, and nothing of any other
 * run's: the other shards of an array job share the directory and may be writing there now.
 */
export async function removeCheckpointTemporaries(dir: string, runs: readonly PlannedRun[]): Promise<void> {
  const names = new Set(runs.map((r) => basename(checkpointFile(dir, r))));
  await removeLeftoverTemporaries(dir, (name) => names.has(name));
}

export function plannedSteps(run: PlannedRun): number {
  return stepCountOf(run.scenario.parameters);
}

export async function executeRun(run: PlannedRun, ctx: RunContext): Promise<RunRecord> {
  const started = performance.now();
  const scenario = await resolveScenarioVessels(run.scenario, ctx.scenarioDir, (file) => readFile(file));
  const file = ctx.checkpoints && checkpointFile(ctx.checkpoints.dir, run);
  const sim = (file && await resumeFrom(file, run, ctx.gpu)) || new Simulation(ctx.gpu, scenario);
  try {
    const cells = sim.cells;
    if (!cells) throw new Error('the scenario has no cells, so there are no readouts to keep');
    const steps = plannedSteps(run);
    const every = ctx.checkpoints ? checkpointSteps(ctx.checkpoints.every, scenario.parameters.dtMinutes) : 0;
    if (sim.steps > 0) ctx.onStep?.(sim.steps);
    while (sim.steps < steps) {
      await sim.step();
      if (sim.steps % QUEUE_DEPTH === 0) await ctx.gpu.device.queue.onSubmittedWorkDone();
      if (file && sim.steps % every === 0 && sim.steps < steps) await writeFileAtomic(file, await captureCheckpoint(sim));
      ctx.onStep?.(1);
    }
    const samples = [...await cells.drain()];
    const final = await cells.sampleNow(sim.steps, sim.timeMinutes);
    if (samples.at(-1)?.step !== final.step) samples.push(final);
    const bad = nonFinite(await snapshot(sim));
    const names = metricsColumns().map((c) => c.name);
    const rows = samples.map((s) => metricsRow(s, scenario));
    const column = (name: string) => rows.map((r) => finiteOrNull(r[names.indexOf(name)]!));
    const finalReadout = tissueReadout(final, scenario);
    return {
      ...identity(run),
      status: bad.length ? 'failed' : 'ok',
      ...(bad.length ? { error: `non-finite values in ${bad.join(', ')}` } : {}),
      steps: sim.steps,
      simulatedDays: sim.timeMinutes / MINUTES_PER_DAY,
      readouts: Object.fromEntries(ctx.plan.readouts.map((k) => [k, finalReadout[k] ?? null])),
      series: Object.fromEntries([['time', column('time')], ...ctx.plan.series.map((k) => [k, column(k)])]),
      nonFinite: bad,
      timing: timing(started, ctx),
    };
  } finally {
    sim.destroy();
  }
}

/**
 * The simulation a run's checkpoint holds, or undefined when there is none. A file that cannot
 * be read back or belongs to another run is reported and the run starts over.
 */
async function resumeFrom(file: string, run: PlannedRun, gpu: Gpu): Promise<Simulation | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    const sim = await restoreCheckpoint(gpu, bytes, file);
    const same = sim.scenario.seed === run.seed && canonicalJson(sim.parameters) === canonicalJson(run.scenario.parameters);
    if (same) return sim;
    sim.destroy();
    console.error(`\n${file} holds another run (seed or parameters differ); run ${run.run} starts over`);
  } catch (error) {
    console.error(`\n${file}: ${(error as Error).message}; run ${run.run} starts over`);
  }
  return undefined;
}

/** The record of a run that could not finish; the sweep goes on with the next. */
export function failedRecord(run: PlannedRun, error: unknown, started: number, ctx: Pick<RunContext, 'adapter' | 'software'>): RunRecord {
  return {
    ...identity(run), status: 'failed', error: error instanceof Error ? error.message : String(error),
    steps: 0, simulatedDays: 0, timing: timing(started, ctx),
  };
}

function identity(run: PlannedRun): Pick<RunRecord, 'format' | 'run' | 'arm' | 'values' | 'replicate' | 'seed'> {
  return { format: RUN_FORMAT, run: run.run, arm: run.arm, values: run.values, replicate: run.replicate, seed: run.seed };
}

function timing(started: number, ctx: Pick<RunContext, 'adapter' | 'software'>): RunRecord['timing'] {
  return {
    wallSeconds: Number(((performance.now() - started) / 1000).toFixed(3)), finishedAt: new Date().toISOString(),
    adapter: ctx.adapter, software: ctx.software,
  };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
