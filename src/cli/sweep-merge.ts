// confine sweep merge DIR... [--out OUT]: joins the results of a sweep's shards (one directory
// each, or one shared directory) into OUT/results.jsonl, one line per run in run order, after
// checking that every part ran the same plan. Runs still missing are named.
import { join } from 'node:path';
import { prepareOutputDir, writeFileAtomic } from '../io/output-dir.ts';
import { PLAN_FILE, readPlanFile } from '../sweep/plan-file.ts';
import { comparable, latestByRun, readResults, resultsFileName, type RunRecord } from '../sweep/results-file.ts';
import { SweepError } from './sweep.ts';

export interface MergeOptions {
  dirs: string[];
  out?: string;
}

export async function sweepMergeCommand(options: MergeOptions): Promise<number> {
  if (options.dirs.length === 0) throw new SweepError('confine sweep merge needs at least one results directory');
  const plans = await Promise.all(options.dirs.map(async (dir) => ({ dir, plan: await readPlanFile(dir) })));
  const other = plans.find((p) => p.plan.hash !== plans[0]!.plan.hash);
  if (other) {
    throw new SweepError(`${other.dir} ran another plan (hash ${other.plan.hash}) than ${plans[0]!.dir} (hash ${plans[0]!.plan.hash}); only parts of one sweep can be merged`);
  }
  const { files, records, notes } = await readResults(options.dirs);
  for (const note of notes) console.error(`note: ${note}`);
  const conflicts = differingResults(records);
  if (conflicts.length) {
    console.error(`warning: runs ${conflicts.join(', ')} have differing results in different files (another adapter or build?); the last file read is kept`);
  }
  const byRun = latestByRun(records);
  const merged = [...byRun.values()].sort((a, b) => a.run - b.run);
  const out = await prepareOutputDir(options.out ?? options.dirs[0]!);
  await writeFileAtomic(join(out, PLAN_FILE), plans[0]!.plan.text);
  await writeFileAtomic(join(out, resultsFileName()), merged.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const total = plans[0]!.plan.runs;
  const missing = Array.from({ length: total }, (_, i) => i).filter((i) => byRun.get(i)?.status !== 'ok');
  const failed = merged.filter((r) => r.status === 'failed').length;
  console.error(`merged ${merged.length} of ${total} runs from ${files.length} file(s) → ${join(out, resultsFileName())}${failed ? `; ${failed} failed` : ''}`);
  if (missing.length) console.error(`not done: runs ${abbreviate(missing)} — resume the shards that hold them`);
  return 0;
}

/** Runs with two ok records whose results differ. */
function differingResults(records: RunRecord[]): number[] {
  const seen = new Map<number, string>();
  const differing = new Set<number>();
  for (const r of records) {
    if (r.status !== 'ok') continue;
    const text = JSON.stringify(comparable(r));
    const held = seen.get(r.run);
    if (held !== undefined && held !== text) differing.add(r.run);
    seen.set(r.run, text);
  }
  return [...differing].sort((a, b) => a - b);
}

function abbreviate(runs: number[]): string {
  return runs.length > 20 ? `${runs.slice(0, 20).join(', ')} … (${runs.length} in all)` : runs.join(', ');
}
