// Results files: a line cut short by a kill is dropped before appending; any other damage is an error.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_FORMAT, ResultsWriter, latestByRun, parseLines, readResultFiles, type RunRecord } from '../../src/sweep/results-file.ts';
import { parseShard, shardRuns } from '../../src/sweep/shard.ts';

function record(run: number, status: 'ok' | 'failed' = 'ok'): RunRecord {
  return {
    format: RUN_FORMAT, run, arm: null, values: { smacDoseNM: run }, replicate: 0, seed: 1, status, steps: 1, simulatedDays: 1,
    readouts: { lung_metastases: run }, timing: { wallSeconds: 1, finishedAt: 'now', adapter: 'test', software: 'test' },
  };
}

describe('sweep results file', () => {
  it('drops a cut last line before appending, and reads every whole line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confine-results-'));
    const file = join(dir, 'results.jsonl');
    writeFileSync(file, `${JSON.stringify(record(0))}\n${JSON.stringify(record(1)).slice(0, 30)}`);
    const writer = await ResultsWriter.open(file);
    await writer.append(record(1));
    await writer.close();
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    const [{ records }] = await readResultFiles(dir);
    expect(records.map((r) => r.run)).toEqual([0, 1]);
  });

  it('refuses a damaged line that is not the last', () => {
    expect(() => parseLines(`{"broken\n${JSON.stringify(record(1))}\n`, 'r.jsonl')).toThrow(/r\.jsonl:1:/);
    expect(parseLines(`${JSON.stringify(record(1))}\n{"cut`, 'r.jsonl')).toHaveLength(1);
  });

  it('keeps the last ok record of a run over failed ones', () => {
    const byRun = latestByRun([record(0, 'failed'), record(0), record(0, 'failed'), record(1, 'failed')]);
    expect(byRun.get(0)!.status).toBe('ok');
    expect(byRun.get(1)!.status).toBe('failed');
  });

  it('splits runs into disjoint shards that cover the plan', () => {
    const runs = Array.from({ length: 10 }, (_, run) => ({ run }));
    const parts = [1, 2, 3].map((i) => shardRuns(runs, parseShard(`${i}/3`)).map((r) => r.run));
    expect(parts).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2']) expect(() => parseShard(bad)).toThrow(/--shard = .* must be i\/n/);
  });
});
