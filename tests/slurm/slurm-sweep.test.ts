// deploy/slurm-sweep.sh on a real Slurm cluster of one node (tests/slurm/local-cluster.ts): the
// shipped plan scenarios/plans/cluster-smoke.json as an array job of shards, then the dependent
// merge and report job. The merged runs must be the runs `confine sweep` makes alone, readouts
// bit for bit (same adapter), and so must they when Slurm requeues one running task and another
// is killed mid-run and requeued: nothing lost, nothing counted twice.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, parseResults } from '../../src/sweep/results-file.ts';
import { missingForCluster, startCluster, waitFor, type LocalCluster } from './local-cluster.ts';

const ROOT = join(__dirname, '../..');
const PLAN = 'scenarios/plans/cluster-smoke.json';
const RUNS = 8;
const missing = missingForCluster();
// Like the GPU tests: with REQUIRE_GPU=1 (the default, and CI) a machine that cannot start the
// cluster fails these tests instead of skipping them.
const skip = missing !== undefined && process.env.REQUIRE_GPU !== '1';

const work = mkdtempSync(join(tmpdir(), 'confine-slurm-sweep-'));
const confine = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/confine.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`confine ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
};
const records = (files: string[]) => parseResults(files.map((path) => ({ path, text: readFileSync(path, 'utf8') }))).records;
const runs = (dir: string) => records([join(dir, 'results.jsonl')]).map(comparable).sort((a, b) => a.run - b.run);
const shardFiles = (dir: string) => readdirSync(dir).filter((f) => /^results\.shard-\d+-of-\d+\.jsonl$/.test(f)).map((f) => join(dir, f));
const reportCsv = (dir: string) => Object.fromEntries(readdirSync(join(dir, 'report')).filter((f) => f.endsWith('.csv')).map((f) => [f, readFileSync(join(dir, 'report', f), 'utf8')]));

describe.skipIf(skip)('a sweep as a Slurm job array', () => {
  let cluster: LocalCluster;
  const alone = join(work, 'alone');

  beforeAll(async () => {
    if (missing) throw new Error(missing);
    cluster = await startCluster();
    confine('sweep', PLAN, '--out', alone);
    confine('report', alone);
  }, 300_000);
  afterAll(() => cluster?.stop());

  /** Submits the plan in `shards` array tasks writing to `out`; the array's and the merge job's ids. */
  const submit = (out: string, shards: number) => {
    const printed = cluster.run('bash', ['deploy/slurm-sweep.sh'], { PLAN, OUT: out, SHARDS: String(shards), GRES: '', CPUS: '1', MEM: '1G', TIME: '30:00' }, ROOT);
    const [, array, merge] = /array (\d+) merge (\d+)/.exec(printed) ?? [];
    expect(array, printed).toBeDefined();
    return { array: array!, merge: merge! };
  };
  const finished = (job: string) => ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'].includes(cluster.state(job));
  const restarts = (job: string) => Number(/Restarts=(\d+)/.exec(cluster.run('scontrol', ['show', 'job', job]))?.[1]);

  it('runs each shard as an array task, then merges and reports: the runs confine sweep makes alone', async () => {
    const out = join(work, 'array');
    const { array, merge } = submit(out, 3);
    await waitFor(() => finished(merge), 240_000, () => cluster.run('squeue', []));
    expect(cluster.state(merge)).toBe('COMPLETED');
    for (const task of [1, 2, 3]) expect(cluster.state(`${array}_${task}`)).toBe('COMPLETED');
    expect(shardFiles(out)).toHaveLength(3);
    expect(runs(out)).toHaveLength(RUNS);
    expect(runs(out)).toEqual(runs(alone));
    expect(reportCsv(out)).toEqual(reportCsv(alone));
  }, 300_000);

  it('loses nothing and counts nothing twice when a running task is requeued and another killed mid-run', async () => {
    const out = join(work, 'requeued');
    const { array, merge } = submit(out, 4);
    // Four tasks of one CPU on this node: two run while two wait.
    const killed = `${array}_1`, requeued = `${array}_2`;
    await waitFor(() => cluster.state(killed) === 'RUNNING' && cluster.state(requeued) === 'RUNNING', 60_000, () => cluster.run('squeue', []));
    const linesOf = (task: number) => shardFiles(out).filter((f) => f.includes(`shard-${task}-of-4`)).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean)).length;
    expect(linesOf(1), 'the task is killed before its shard is done').toBeLessThan(RUNS / 4);
    cluster.run('scancel', ['--signal=KILL', killed]);
    await waitFor(() => finished(killed), 30_000);
    expect(cluster.state(killed)).not.toBe('COMPLETED');
    cluster.run('scontrol', ['requeue', killed]);
    cluster.run('scontrol', ['requeue', requeued]);
    await waitFor(() => finished(merge), 240_000, () => cluster.run('squeue', []));
    expect(cluster.state(merge)).toBe('COMPLETED');
    for (const task of [1, 2, 3, 4]) expect(cluster.state(`${array}_${task}`)).toBe('COMPLETED');
    expect(restarts(killed)).toBe(1);
    expect(restarts(requeued)).toBe(1);
    // Every run once in the shards' own files (a requeued shard resumes; it does not run a finished run again)...
    const shardRuns = records(shardFiles(out)).map((r) => r.run).sort((a, b) => a - b);
    expect(shardRuns).toEqual(Array.from({ length: RUNS }, (_, k) => k));
    // ...and the merged sweep is the one made without Slurm.
    expect(runs(out)).toEqual(runs(alone));
    expect(reportCsv(out)).toEqual(reportCsv(alone));
  }, 300_000);
});
