import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planHash } from '../../src/sweep/load-plan.ts';
import { findPlanFile, parsePlanFile, readPlanFile } from '../../src/sweep/plan-file.ts';
import { SweepFileError } from '../../src/sweep/results-file.ts';
import { syntheticPlan } from './report-fixture.ts';

describe('plan.json read back', () => {
  it('reads the plan as confine sweep writes it (under "plan"), hashed by its content', () => {
    const stored = parsePlanFile(JSON.stringify(syntheticPlan()), 'DIR/plan.json');
    expect(stored.plan.name).toBe('stiffness × softening');
    expect(stored.runs).toBe(29);
    expect(stored.hash).toBe(planHash(stored.plan));
    expect(stored.plan.seeds).toEqual([1, 2, 3]);
    expect(stored.plan.factors.map((f) => [f.key, f.scale])).toEqual([['tumourStiffnessKPa', 'linear'], ['softenerDoseRelative', 'log']]);
    expect(stored.plan.readouts[0]).toBe('lung_metastases');
    expect(stored.plan.arms).toBeNull();
  });

  it('refuses what a plan file may not hold, naming the file and the field', () => {
    const read = (json: unknown) => () => parsePlanFile(typeof json === 'string' ? json : JSON.stringify(json), 'DIR/plan.json');
    const factor = (f: Record<string, unknown>) => syntheticPlan({ factors: [{ key: 'tumourStiffnessKPa', values: [10], scale: 'linear', ...f }] });
    expect(read('{')).toThrow(/^DIR\/plan.json: not JSON/);
    expect(read({ ...syntheticPlan(), format: 'x/1' })).toThrow(/^DIR\/plan.json: not a confine-sweep-plan\/1 file/);
    expect(read({ ...syntheticPlan(), runs: -1 })).toThrow(/"runs" must be the plan's count of runs, got -1/);
    expect(read({ ...syntheticPlan(), plan: undefined })).toThrow(/the plan is missing/);
    expect(read(syntheticPlan({ readouts: [] }))).toThrow(/readouts = \[\] must be a non-empty list of readouts/);
    expect(read(factor({ scale: 'cubic' }))).toThrow(/factors\[0\]\.scale = "cubic" must be one of "linear", "log"/);
    expect(read(factor({ key: 'a' }))).toThrow(/factors\[0\]\.key = "a" must be a parameter's key/);
    expect(read(factor({ values: [1000] }))).toThrow(/factors\[0\]\.values\[0\] = 1000 is out of range/);
    expect(read(syntheticPlan({ name: 3 }))).toThrow(SweepFileError);
    expect(read(syntheticPlan({ name: 3 }))).toThrow(/^DIR\/plan.json \(its "plan"\): 1 problem:\n {2}- name = 3 must be a non-empty string/);
  });

  it('finds no plan in a new directory, and says what a directory without one is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confine-plan-file-'));
    expect(await findPlanFile(dir)).toBeUndefined();
    await expect(readPlanFile(dir)).rejects.toThrow(`${join(dir, 'plan.json')} not found: ${dir} is not a sweep's output directory`);
    await expect(readPlanFile(join(dir, 'missing'))).rejects.toThrow(`${join(dir, 'missing')} does not exist`);
  });
});
