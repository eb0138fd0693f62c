// Results files: one reader for sweep, merge and report. A last line cut short is left out with a
// note (and dropped before appending); any other line that is not a whole run record is an error
// naming its file and line.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RUN_FORMAT, ResultsWriter, SweepFileError, latestByRun, parseResults, readResults, resultFileNames, type RunRecord,
} from '../../src/sweep/results-file.ts';
import { parseShard, shardRuns } from '../../src/sweep/shard.ts';

function record(run: number, status: 'ok' | 'failed' = 'ok', extra: Partial<RunRecord> = {}): RunRecord {
  return {
    format: RUN_FORMAT, run, arm: null, values: { smacDoseNM: run }, replicate: 0, seed: 1, status, steps: 1, simulatedDays: 1,
    readouts: { lung_metastases: run }, timing: { wallSeconds: 1, finishedAt: 'now', adapter: 'test', software: 'test' }, ...extra,
  };
}

const jsonl = (records: readonly object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
const parse = (text: string, path = 'r.jsonl') => parseResults([{ path, text }]);

describe('reading sweep results', () => {
  it('reads results.jsonl first, then the shards by index, and nothing else', () => {
    const names = ['plan.json', 'results.shard-10-of-12.jsonl', 'results.shard-2-of-12.jsonl', 'results.jsonl', 'results.csv', 'report'];
    expect(resultFileNames(names)).toEqual(['results.jsonl', 'results.shard-2-of-12.jsonl', 'results.shard-10-of-12.jsonl']);
  });

  it('leaves out a cut-off last line with a note, and reads a whole last line without its newline', () => {
    const cut = parse(`${jsonl([record(0)])}{"format":"confine-sweep-run/1","run":1,"st`, 'results.jsonl');
    expect(cut.records.map((r) => r.run)).toEqual([0]);
    expect(cut.notes).toEqual(['results.jsonl:2: the last line is unfinished (a run being written, or cut off); left out']);
    const whole = parse(`${jsonl([record(0)])}${JSON.stringify(record(1))}`);
    expect(whole.records.map((r) => r.run)).toEqual([0, 1]);
    expect(whole.notes).toEqual([]);
  });

  it('refuses any other line that is not a whole run record, naming its file and line', () => {
    const refused = (text: string) => () => parse(text);
    expect(refused(`{"broken\n${jsonl([record(1)])}`)).toThrow(SweepFileError);
    expect(refused(`{"broken\n${jsonl([record(1)])}`)).toThrow(/^r\.jsonl:1: not JSON/);
    expect(refused(jsonl([record(0), { ...record(1), format: 'confine-convergence-run/1' }]))).toThrow(/^r\.jsonl:2: "format" is "confine-convergence-run\/1", expected "confine-sweep-run\/1"/);
    expect(refused(jsonl([{ ...record(0), status: 'done' }]))).toThrow(/^r\.jsonl:1: "status" is "done", expected "ok" or "failed"/);
    expect(refused(jsonl([{ ...record(0), run: -1 }]))).toThrow(/"run" is -1, expected a run number/);
    expect(refused(jsonl([{ ...record(0), readouts: undefined }]))).toThrow(/"readouts" is undefined, expected an object on an ok line/);
    expect(refused(jsonl([{ ...record(0), series: { time: 'soon' } }]))).toThrow(/"series" is \{"time":"soon"\}, expected an object of arrays/);
    expect(refused(`${jsonl([record(0)])}[1, 2]`)).toThrow(/^r\.jsonl:2: \[1,2\] is not a run record/);
  });

  it('refuses a run that sets other parameters than the lines before it: the results of two plans', () => {
    const files = [{ path: 'a.jsonl', text: jsonl([record(0)]) }, { path: 'b.jsonl', text: jsonl([record(1, 'ok', { values: { tumourStiffnessKPa: 10 } })]) }];
    expect(() => parseResults(files)).toThrow(/^b\.jsonl:1: run 1 sets the parameters \{tumourStiffnessKPa\}, a\.jsonl:1 sets \{smacDoseNM\}/);
  });

  it('reads a failed line without readouts and an older line without timing', () => {
    const { records } = parse(jsonl([record(0, 'failed', { readouts: undefined, error: 'lost' }), record(1, 'ok', { timing: undefined })]));
    expect(records.map((r) => [r.run, r.status])).toEqual([[0, 'failed'], [1, 'ok']]);
  });

  it('counts a run by its last ok line, else its last line, across files in reading order', () => {
    const byRun = latestByRun([record(0, 'failed'), record(0), record(0, 'failed'), record(1, 'failed'), record(1, 'failed', { error: 'again' })]);
    expect(byRun.get(0)!.status).toBe('ok');
    expect(byRun.get(1)!.error).toBe('again');
    const files = [
      { path: 'results.jsonl', text: jsonl([record(0, 'ok', { readouts: { lung_metastases: 1 } })]) },
      { path: 'results.shard-1-of-2.jsonl', text: jsonl([record(0, 'ok', { readouts: { lung_metastases: 2 } }), record(0, 'failed')]) },
    ];
    expect(latestByRun(parseResults(files).records).get(0)!.readouts).toEqual({ lung_metastases: 2 });
  });

  it('reads every results file of the directories given, and none where there is no directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confine-results-'));
    writeFileSync(join(dir, 'results.shard-2-of-2.jsonl'), jsonl([record(1)]));
    writeFileSync(join(dir, 'results.jsonl'), jsonl([record(0)]));
    const results = await readResults([dir]);
    expect(results.files).toEqual([join(dir, 'results.jsonl'), join(dir, 'results.shard-2-of-2.jsonl')]);
    expect(results.records.map((r) => r.run)).toEqual([0, 1]);
    expect(await readResults([join(dir, 'missing')])).toEqual({ files: [], records: [], notes: [] });
  });
});

describe('appending sweep results', () => {
  it('drops a cut last line before appending, as the reader leaves it out', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'confine-results-')), 'results.jsonl');
    writeFileSync(file, `${JSON.stringify(record(0))}\n${JSON.stringify(record(1)).slice(0, 30)}`);
    const writer = await ResultsWriter.open(file);
    await writer.append(record(1));
    await writer.close();
    expect(readFileSync(file, 'utf8')).toBe(jsonl([record(0), record(1)]));
  });

  it('ends a whole last line before appending, as the reader reads it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'confine-results-')), 'results.jsonl');
    writeFileSync(file, JSON.stringify(record(0)));
    const writer = await ResultsWriter.open(file);
    await writer.append(record(1));
    await writer.close();
    expect(readFileSync(file, 'utf8')).toBe(jsonl([record(0), record(1)]));
  });
});

describe('shards', () => {
  it('splits runs into disjoint shards that cover the plan', () => {
    const runs = Array.from({ length: 10 }, (_, run) => ({ run }));
    const parts = [1, 2, 3].map((i) => shardRuns(runs, parseShard(`${i}/3`)).map((r) => r.run));
    expect(parts).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2']) expect(() => parseShard(bad)).toThrow(/--shard = .* must be i\/n/);
  });
});
