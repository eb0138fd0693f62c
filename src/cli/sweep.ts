// confine sweep <plan.json> --out DIR [--shard i/n] [--parallel K] [--dry-run]: runs a plan's
// runs one after another (or K at once on one device), appending each result as a JSON line the
// moment it finishes. Run again with the same plan and DIR, it skips what is done; a shard
// runs every n-th run, so a job array spreads a sweep over machines (`confine sweep merge`).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { prepareOutputDir, writeFileAtomic } from '../io/output-dir.ts';
import { describeRun, expandPlan, type PlannedRun } from '../sweep/plan.ts';
import { loadPlan, type LoadedPlan } from '../sweep/load-plan.ts';
import { PLAN_FILE, findPlanFile, planRecord } from '../sweep/plan-file.ts';
import { ResultsWriter, latestByRun, readResults, resultsFileName, type RunRecord, type Shard } from '../sweep/results-file.ts';
import { checkpointFile, executeRun, failedRecord, plannedSteps, removeCheckpointTemporaries } from '../sweep/run-one.ts';
import type { CheckpointInterval } from '../sim/checkpoint-interval.ts';
import { parseShard, shardRuns } from '../sweep/shard.ts';
import { createProgress, formatDuration } from './progress.ts';
import { softwareVersion } from './software-version.ts';

export interface SweepOptions {
  plan: string;
  out: string;
  shard?: string;
  parallel?: number;
  dryRun?: boolean;
  /** Keep each run's state in DIR/checkpoints every so often, so a killed sweep resumes mid-run. */
  checkpointEvery?: CheckpointInterval;
}

export class SweepError extends Error {}

export async function sweepCommand(options: SweepOptions): Promise<number> {
  const loaded = await loadPlan(options.plan);
  const { plan } = loaded;
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const all = expandPlan(plan, options.plan);
  const mine = shard ? shardRuns(all, shard) : all;
  await checkSamePlan(options.out, loaded);
  const results = await readResults([options.out]);
  for (const note of results.notes) console.error(`note: ${note}`);
  const done = new Set([...latestByRun(results.records).values()].filter((r) => r.status === 'ok').map((r) => r.run));
  const pending = mine.filter((r) => !done.has(r.run));
  const part = shard ? `, shard ${shard.index}/${shard.count}: ${mine.length}` : '';
  console.error(`sweep ${plan.name}: ${all.length} runs${part}; ${mine.length - pending.length} done, ${pending.length} to run → ${options.out}`);
  if (options.dryRun) {
    for (const r of pending) console.log(`${r.run}\t${describeRun(r.arm, r.values, r.seed)}\t${plannedSteps(r)} steps`);
    return 0;
  }
  if (pending.length === 0) return 0;
  const dir = await prepareOutputDir(options.out);
  await writeFileAtomic(join(dir, PLAN_FILE), `${JSON.stringify(planRecord(loaded, all.length, dir), null, 2)}\n`);
  const checkpoints = options.checkpointEvery && { dir: join(dir, CHECKPOINTS_DIR), every: options.checkpointEvery };
  if (checkpoints) {
    await mkdir(checkpoints.dir, { recursive: true });
    await removeCheckpointTemporaries(checkpoints.dir, pending);
  }
  return runPending(pending, loaded, dir, shard, options.parallel ?? 1, checkpoints);
}

const CHECKPOINTS_DIR = 'checkpoints';

async function runPending(
  pending: PlannedRun[], loaded: LoadedPlan, dir: string, shard: Shard | undefined, parallel: number,
  checkpoints: { dir: string; every: CheckpointInterval } | undefined,
): Promise<number> {
  let gpuErrors = 0;
  let lost = false;
  const gpu = await acquireGpu({
    onError: (e) => {
      gpuErrors++;
      console.error(`\n[confine] GPU error: ${e.message}`);
    },
    onLost: (info) => {
      lost = true;
      console.error(`\n[confine] GPU device lost (${info.reason}): ${info.message}`);
    },
  });
  const adapter = describeAdapter(gpu.report);
  const software = softwareVersion();
  console.error(`on ${adapter}${parallel > 1 ? `, ${parallel} runs at once` : ''}`);
  const writer = await ResultsWriter.open(join(dir, resultsFileName(shard)));
  const progress = createProgress(pending.reduce((n, r) => n + plannedSteps(r), 0), `sweep ${loaded.plan.name}`);
  const started = performance.now();
  let stepsDone = 0, ok = 0, failed = 0, next = 0;
  const note = () => `runs ${ok + failed}/${pending.length}${failed ? ` (${failed} failed)` : ''}`;
  const worker = async () => {
    while (next < pending.length && !lost) {
      const run = pending[next++]!;
      const runStarted = performance.now();
      const errorsBefore = gpuErrors;
      let record: RunRecord;
      try {
        record = await executeRun(run, {
          gpu, plan: loaded.plan, scenarioDir: loaded.scenarioDir, adapter, software, checkpoints,
          onStep: (n) => progress.update((stepsDone += n), note()),
        });
      } catch (error) {
        record = failedRecord(run, error, runStarted, { adapter, software });
      }
      // A lost device ends the sweep; its runs in flight are not theirs to fail, so a resume redoes them.
      if (lost) break;
      if (gpuErrors > errorsBefore && record.status === 'ok') {
        record = { ...record, status: 'failed', error: `${gpuErrors - errorsBefore} GPU error(s) during the run (printed above)` };
      }
      await writer.append(record);
      if (checkpoints) await rm(checkpointFile(checkpoints.dir, run), { force: true });
      console.log(JSON.stringify(record));
      if (record.status === 'ok') ok++;
      else {
        failed++;
        console.error(`\n${describeRun(run.arm, run.values, run.seed)} failed: ${record.error}`);
      }
      progress.update(stepsDone, note());
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, pending.length) }, worker));
  } finally {
    progress.done();
    await writer.close();
    gpu.destroy();
  }
  const hours = (performance.now() - started) / 3.6e6;
  console.error(`${ok} ok, ${failed} failed in ${formatDuration(hours * 3.6e6)}: ${((ok + failed) / hours).toFixed(1)} runs/hour`);
  if (lost) {
    console.error('error: the GPU device was lost; run the same command again to resume the runs not finished');
    return 1;
  }
  return failed ? 3 : 0;
}

/** A directory holds the results of one plan: another plan's results must not be mixed in. */
async function checkSamePlan(dir: string, loaded: LoadedPlan): Promise<void> {
  const held = await findPlanFile(dir);
  if (held && held.hash !== loaded.hash) {
    throw new SweepError(`${dir} holds results of another plan ("${held.plan.name}", hash ${held.hash}; this plan's hash is ${loaded.hash}): give another --out, or the plan those results came from`);
  }
}
