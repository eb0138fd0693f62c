import { describe, expect, it } from 'vitest';
import { parsePlan, parseResults, resultFileNames, SweepFileError } from '../../src/report/sweep-files.ts';
import { jsonl, syntheticPlan, syntheticRuns } from './report-fixture.ts';

describe('parsePlan', () => {
  it('reads the plan as confine sweep writes it (under "plan")', () => {
    const plan = parsePlan(JSON.stringify(syntheticPlan()), 'DIR/plan.json');
    expect(plan.name).toBe('stiffness × softening');
    expect(plan.runs).toBe(29);
    expect(plan.planHash).toBe('abc123');
    expect(plan.replicates).toBe(3);
    expect(plan.factors.map((f) => [f.key, f.scale])).toEqual([['tumourStiffnessKPa', 'linear'], ['softenerDoseRelative', 'log']]);
    expect(plan.readouts[0]).toBe('lung_metastases');
    expect(plan.arms).toBeNull();
  });

  it('names the file and the field it refuses', () => {
    expect(() => parsePlan('{', 'DIR/plan.json')).toThrow(/DIR\/plan.json: not JSON/);
    expect(() => parsePlan(JSON.stringify({ ...syntheticPlan(), format: 'x/1' }), 'DIR/plan.json')).toThrow(/DIR\/plan.json: "format" must be "confine-sweep-plan\/1", got "x\/1"/);
    expect(() => parsePlan(JSON.stringify({ ...syntheticPlan(), plan: undefined }), 'P')).toThrow(/P: "plan" must be an object, got nothing/);
    expect(() => parsePlan(JSON.stringify(syntheticPlan({ readouts: [] })), 'P')).toThrow(/P: "plan.readouts" must be a non-empty array/);
    expect(() => parsePlan(JSON.stringify(syntheticPlan({ factors: [{ key: 'a', values: [1], scale: 'cubic' }] })), 'P')).toThrow(/P: plan.factors\[0\] must be/);
    expect(() => parsePlan(JSON.stringify(syntheticPlan({ name: 3 })), 'P')).toThrow(SweepFileError);
    expect(() => parsePlan(JSON.stringify(syntheticPlan({ name: 3 })), 'P')).toThrow(/"plan.name" must be a string, got 3/);
  });
});

describe('resultFileNames', () => {
  it('reads results.jsonl first, then the shards by index, and nothing else', () => {
    const names = ['plan.json', 'results.shard-10-of-12.jsonl', 'results.shard-2-of-12.jsonl', 'results.jsonl', 'results.csv', 'report'];
    expect(resultFileNames(names)).toEqual(['results.jsonl', 'results.shard-2-of-12.jsonl', 'results.shard-10-of-12.jsonl']);
  });
});

describe('parseResults', () => {
  const [a, b] = syntheticRuns();

  it('keeps a run\'s ok line over a failed one, else its later line, across files too', () => {
    const failed = { ...a!, status: 'failed', error: 'lost' };
    const retried = parseResults([{ path: 'results.jsonl', text: jsonl([failed, b!, a!]) }]);
    expect(retried.runs.map((r) => [r.run, r.status])).toEqual([[0, 'ok'], [1, 'ok']]);
    expect(retried.notes).toEqual([]);
    expect(parseResults([{ path: 'results.jsonl', text: jsonl([a!, failed]) }]).runs[0]!.status).toBe('ok');
    const twice = parseResults([{ path: 'results.jsonl', text: jsonl([failed, { ...failed, error: 'lost again' }]) }]).runs;
    expect(twice[0]!.error).toBe('lost again');
    const first = { ...a!, readouts: { lung_metastases: 1 } };
    const second = { ...a!, readouts: { lung_metastases: 2 } };
    const files = [{ path: 'results.jsonl', text: jsonl([first]) }, { path: 'results.shard-1-of-2.jsonl', text: jsonl([second]) }];
    expect(parseResults(files).runs[0]!.readouts.lung_metastases).toBe(2);
    expect(parseResults([files[0]!, { path: 'results.shard-1-of-2.jsonl', text: jsonl([failed]) }]).runs[0]!.status).toBe('ok');
  });

  it('ignores a cut-off last line and notes it, but reads a whole last line without its newline', () => {
    const cut = parseResults([{ path: 'results.jsonl', text: `${jsonl([a!])}{"format":"confine-sweep-run/1","run":1,"st` }]);
    expect(cut.runs.map((r) => r.run)).toEqual([0]);
    expect(cut.notes).toEqual(['results.jsonl:2: the last line is unfinished (a run being written, or cut off); ignored']);
    const whole = parseResults([{ path: 'results.jsonl', text: `${jsonl([a!])}${JSON.stringify(b)}` }]);
    expect(whole.runs.map((r) => r.run)).toEqual([0, 1]);
    expect(whole.notes).toEqual([]);
  });

  it('skips a damaged line in the middle with its file and line number', () => {
    const { runs, notes } = parseResults([{ path: 'r.jsonl', text: `${jsonl([a!])}garbage\n${jsonl([{ ...b!, status: 'done' }])}` }]);
    expect(runs.map((r) => r.run)).toEqual([0]);
    expect(notes).toEqual(['r.jsonl:2: not JSON; line skipped', 'r.jsonl:3: "status" is "done", expected "ok" or "failed"; line skipped']);
  });

  it('reads readouts (null for NaN), series, timing, the adapter and the software', () => {
    const line = { ...a!, readouts: { lung_metastases: null, extravasated: 3, transwell: { crossed: [1] } } };
    const [run] = parseResults([{ path: 'r', text: jsonl([line]) }]).runs;
    expect(run!.readouts).toEqual({ lung_metastases: null, extravasated: 3 });
    expect(run!.series.live_tissue).toEqual([100, 109, 118]); // replicate 0: 100 + (10 − 1)·t
    expect(run!.finishedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(run!.adapter).toBe('Test GPU [node-dawn]');
    expect(run!.software).toBe('0.1.0 (abc1234)');
    expect(parseResults([{ path: 'r', text: jsonl([{ ...a!, timing: {} }]) }]).runs[0]).toMatchObject({ adapter: null, software: null, finishedAt: null });
  });

  it('refuses a line whose parameters differ from the other lines', () => {
    const odd = { ...b!, values: { tumourStiffnessKPa: 10 } };
    const { runs, notes } = parseResults([{ path: 'r', text: jsonl([a!, odd]) }]);
    expect(runs).toHaveLength(1);
    expect(notes[0]).toMatch(/^r:2: run 1 sets parameters \{tumourStiffnessKPa\}, the other lines \{softenerDoseRelative,tumourStiffnessKPa\}/);
  });
});
