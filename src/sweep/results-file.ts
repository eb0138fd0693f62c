// The results of a sweep: one JSON line per finished run, appended and synced the moment the
// run ends, so a killed sweep keeps every run it finished. A line cut short by a kill is the
// only malformed line allowed (the last one); it is dropped before anything is appended.
import { open, readdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParamKey } from '../model/params.ts';

export const RUN_FORMAT = 'confine-sweep-run/1';
export const PLAN_FILE = 'plan.json';

export interface RunRecord {
  format: typeof RUN_FORMAT;
  run: number;
  arm: string | null;
  values: Partial<Record<ParamKey, number>>;
  replicate: number;
  seed: number;
  status: 'ok' | 'failed';
  error?: string;
  steps: number;
  simulatedDays: number;
  readouts?: Record<string, number | null>;
  series?: Record<string, (number | null)[]>;
  nonFinite?: string[];
  /** What differs between repeats of the same run: never part of a comparison. */
  timing: { wallSeconds: number; finishedAt: string; adapter: string; software: string };
}

export interface Shard {
  index: number;
  count: number;
}

export function resultsFileName(shard?: Shard): string {
  return shard && shard.count > 1 ? `results.shard-${shard.index}-of-${shard.count}.jsonl` : 'results.jsonl';
}

const RESULTS_FILE = /^results(\.shard-\d+-of-\d+)?\.jsonl$/;

/** Every record in `dir`'s results files, by file; a cut-short last line is skipped. */
export async function readResultFiles(dir: string): Promise<{ file: string; records: RunRecord[] }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => RESULTS_FILE.test(n)).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (name) => {
    const file = join(dir, name);
    return { file, records: parseLines(await readFile(file, 'utf8'), file) };
  }));
}

export function parseLines(text: string, file: string): RunRecord[] {
  const lines = text.split('\n');
  const records: RunRecord[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const last = i === lines.length - 1;
    try {
      const record = JSON.parse(line) as RunRecord;
      if (record.format !== RUN_FORMAT || !Number.isInteger(record.run)) throw new Error(`not a ${RUN_FORMAT} record`);
      records.push(record);
    } catch (error) {
      // Only an unterminated last line can be a kill's leftover; anything else is damage.
      if (!last) throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
    }
  });
  return records;
}

/** The record that counts for each run: the last ok one, else the last failed one. */
export function latestByRun<R extends Pick<RunRecord, 'run' | 'status'>>(records: Iterable<R>): Map<number, R> {
  const out = new Map<number, R>();
  for (const r of records) {
    const held = out.get(r.run);
    if (!held || r.status === 'ok' || held.status !== 'ok') out.set(r.run, r);
  }
  return out;
}

/** Appends records (sweep runs, convergence runs) to a JSON-lines file, one synced line each. */
export class ResultsWriter {
  private constructor(private readonly handle: Awaited<ReturnType<typeof open>>) {}

  static async open(path: string): Promise<ResultsWriter> {
    await dropCutLine(path);
    return new ResultsWriter(await open(path, 'a'));
  }

  async append(record: object): Promise<void> {
    await this.handle.appendFile(`${JSON.stringify(record)}\n`);
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

async function dropCutLine(path: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return;
  }
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return;
  await truncate(path, bytes.lastIndexOf(0x0a) + 1);
}

/** A record without what may differ between repeats (timing), for comparisons. */
export function comparable(record: RunRecord): Omit<RunRecord, 'timing'> {
  const { timing: _timing, ...rest } = record;
  return rest;
}
