// One run of a sweep, start to end on a given GPU, reduced to its record: the kept readouts of
// the final state and their time courses (every metrics sample). Nothing is written to disk
// here; the caller appends the record the moment it is returned.
import { readFile } from 'node:fs/promises';
import type { Gpu } from '../gpu/device.ts';
import { resolveScenarioVessels } from '../model/vessel-import.ts';
import { metricsColumns, metricsRow, tissueReadout } from '../sim/cell-readouts.ts';
import { nonFinite } from '../sim/readouts.ts';
import { Simulation } from '../sim/simulation.ts';
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
  /** Called after each step is recorded. */
  onStep?: () => void;
}

export function plannedSteps(run: PlannedRun): number {
  return Math.round((run.scenario.parameters.durationDays * MINUTES_PER_DAY) / run.scenario.parameters.dtMinutes);
}

export async function executeRun(run: PlannedRun, ctx: RunContext): Promise<RunRecord> {
  const started = performance.now();
  const scenario = await resolveScenarioVessels(run.scenario, ctx.scenarioDir, (file) => readFile(file));
  const sim = new Simulation(ctx.gpu, scenario);
  try {
    const cells = sim.cells;
    if (!cells) throw new Error('the scenario has no cells, so there are no readouts to keep');
    const steps = plannedSteps(run);
    for (let s = 0; s < steps; s++) {
      await sim.step();
      if (s % QUEUE_DEPTH === QUEUE_DEPTH - 1) await ctx.gpu.device.queue.onSubmittedWorkDone();
      ctx.onStep?.();
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
      timing: timing(started, ctx.adapter),
    };
  } finally {
    sim.destroy();
  }
}

/** The record of a run that could not finish; the sweep goes on with the next. */
export function failedRecord(run: PlannedRun, error: unknown, started: number, adapter: string): RunRecord {
  return {
    ...identity(run), status: 'failed', error: error instanceof Error ? error.message : String(error),
    steps: 0, simulatedDays: 0, timing: timing(started, adapter),
  };
}

function identity(run: PlannedRun): Pick<RunRecord, 'format' | 'run' | 'arm' | 'values' | 'replicate' | 'seed'> {
  return { format: RUN_FORMAT, run: run.run, arm: run.arm, values: run.values, replicate: run.replicate, seed: run.seed };
}

function timing(started: number, adapter: string): RunRecord['timing'] {
  return { wallSeconds: Number(((performance.now() - started) / 1000).toFixed(3)), finishedAt: new Date().toISOString(), adapter };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
