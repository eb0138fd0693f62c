// The model-convergence suite resumes from its runs file: held runs are not run again, and a
// file from another plan or another build is refused with the line that differs.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Gpu } from '../../src/gpu/device.ts';
import { ResultsWriter } from '../../src/sweep/results-file.ts';
import { CONVERGENCE_RUN_FORMAT, planTumour, readConvergenceRuns, type ConvergenceRunRecord } from '../../src/verify/convergence-runs.ts';
import { FULL_PLAN, MODEL_READOUTS, runConvergence, runKey, type ConvergenceSetting, type ModelReadouts } from '../../src/verify/model-convergence.ts';

const readouts = (v: number): ModelReadouts =>
  Object.fromEntries(Object.keys(MODEL_READOUTS).map((k) => [k, v])) as ModelReadouts;

const record = (setting: ConvergenceSetting, seed: number, software = '1.0.0 (abc1234)'): ConvergenceRunRecord => ({
  format: CONVERGENCE_RUN_FORMAT, tumour: planTumour(FULL_PLAN), setting, seed, readouts: readouts(seed + setting.hMicrons),
  software, adapter: 'test', wallSeconds: 1,
});

async function runsFile(records: object[], tail = ''): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'confine-conv-')), 'runs.jsonl');
  await writeFile(file, records.map((r) => `${JSON.stringify(r)}\n`).join('') + tail);
  return file;
}

describe('model convergence runs file', () => {
  it('reads the runs it holds by setting and seed, dropping a line cut short by a kill', async () => {
    const a = record(FULL_PLAN.settings[0], 1);
    const b = record(FULL_PLAN.settings[2], 3);
    const file = await runsFile([a, b], '{"format":"confine-conv');
    const runs = await readConvergenceRuns(file, FULL_PLAN, '1.0.0 (abc1234)');
    expect([...runs.keys()]).toEqual([runKey(a.setting, 1), runKey(b.setting, 3)]);
    expect(runs.get(runKey(b.setting, 3))?.readouts).toEqual(b.readouts);
  });

  it('holds nothing when the file does not exist yet', async () => {
    expect((await readConvergenceRuns('/nonexistent/runs.jsonl', FULL_PLAN, 'x')).size).toBe(0);
  });

  it('refuses runs by another build, naming the line and both builds', async () => {
    const file = await runsFile([record(FULL_PLAN.settings[0], 1), record(FULL_PLAN.settings[1], 1, '1.0.0 (def5678)')]);
    await expect(readConvergenceRuns(file, FULL_PLAN, '1.0.0 (abc1234)')).rejects.toThrow(/runs\.jsonl:2: a run by confine 1\.0\.0 \(def5678\); this is confine 1\.0\.0 \(abc1234\)/);
  });

  it('refuses runs of another plan', async () => {
    const file = await runsFile([record(FULL_PLAN.settings[0], 1)]);
    await expect(readConvergenceRuns(file, { ...FULL_PLAN, durationDays: 7 }, '1.0.0 (abc1234)')).rejects.toThrow(/runs\.jsonl:1: a run of another plan/);
  });

  it('does not run again what the file holds, and gives the results in the plan\'s order', async () => {
    const done = new Map<string, ModelReadouts>();
    for (const seed of FULL_PLAN.seeds) for (const s of FULL_PLAN.settings) done.set(runKey(s, seed), readouts(seed + s.hMicrons));
    // No GPU: a run that were not held would fail at once.
    const results = await runConvergence({} as Gpu, FULL_PLAN, { done });
    expect(results.map((r) => r.setting)).toEqual(FULL_PLAN.settings);
    results.forEach((r) => expect(r.runs.map((x) => x.primedFraction)).toEqual(FULL_PLAN.seeds.map((seed) => seed + r.setting.hMicrons)));
  });

  it('appends each record as one line that reads back', async () => {
    const file = await runsFile([]);
    const writer = await ResultsWriter.open(file);
    await writer.append(record(FULL_PLAN.settings[4], 2));
    await writer.close();
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(2);
    expect((await readConvergenceRuns(file, FULL_PLAN, '1.0.0 (abc1234)')).has(runKey(FULL_PLAN.settings[4], 2))).toBe(true);
  });
});
