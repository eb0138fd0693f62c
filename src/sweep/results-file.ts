// The results of a sweep: one JSON line per finished run, appended and synced the moment the
// run ends, so a killed sweep keeps every run it finished. This is the one reader of them, for
// `confine sweep` (what is done), `confine sweep merge` and `confine report`, with one policy:
//   - a last line without its newline that is not whole JSON is a run being written, or cut
//     short by a kill: it is left out, with a note naming its file and line;
//   - any other line that is not a whole run record (damage, a record of another format, a run
//     that sets other parameters than the lines before it) is an error naming its file and line:
//     a results file is never read short without a word, and a merge, which rewrites
//     results.jsonl, never drops a line it could not read;
//   - a run with several lines counts by its last ok line, else its last line (latestByRun), the
//     files read in order: results.jsonl, then the shards by index.
import { appendFile, open, readdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describeValue, isPlainObject } from '../model/validation.ts';

export const RUN_FORMAT = 'confine-sweep-run/1';

export interface RunTiming {
  wallSeconds: number;
  finishedAt: string;
  adapter: string;
  software: string;
}

export interface RunRecord {
  format: typeof RUN_FORMAT;
  run: number;
  arm: string | null;
  /** The parameters the factors and arms set, by key: read back as written, whatever keys a build knows. */
  values: Readonly<Record<string, number>>;
  replicate: number;
  seed: number;
  status: 'ok' | 'failed';
  error?: string;
  steps: number;
  simulatedDays: number;
  /** Every readout the plan keeps (null for NaN); present on every ok line. */
  readouts?: Record<string, number | null>;
  /** Time courses by metrics column, `time` among them; JSON writes NaN as null. */
  series?: Record<string, (number | null)[]>;
  nonFinite?: string[];
  /** What differs between repeats of the same run: never part of a comparison. Lines from older builds may lack some of it. */
  timing?: Partial<RunTiming>;
}

export interface Shard {
  index: number;
  count: number;
}

/** A sweep directory, or a file in it, that cannot be read as `confine sweep` writes it; the message names the file. */
export class SweepFileError extends Error {}

export function resultsFileName(shard?: Shard): string {
  return shard && shard.count > 1 ? `results.shard-${shard.index}-of-${shard.count}.jsonl` : 'results.jsonl';
}

/** The results files among a directory's entries, in reading order: results.jsonl, then the shards by index. */
export function resultFileNames(entries: readonly string[]): string[] {
  const shard = (name: string) => /^results\.shard-(\d+)-of-(\d+)\.jsonl$/.exec(name);
  const main = entries.filter((e) => e === 'results.jsonl');
  const shards = entries.filter((e) => shard(e)).sort((a, b) => {
    const [, ia, na] = shard(a)!.map(Number);
    const [, ib, nb] = shard(b)!.map(Number);
    return na! - nb! || ia! - ib!;
  });
  return [...main, ...shards];
}

export interface SweepResults {
  /** The files read, in reading order. */
  files: string[];
  /** Every run record of every file, in reading order; latestByRun picks the one that counts. */
  records: RunRecord[];
  /** What was left out (a last line still being written), each naming its file and line. */
  notes: string[];
}

/** Every run record in the directories' results files; no files (or no directory yet) is no records. */
export async function readResults(dirs: readonly string[]): Promise<SweepResults> {
  const files = (await Promise.all(dirs.map(async (dir) => {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new SweepFileError(`${dir}: ${(error as Error).message}`);
    }
    return resultFileNames(entries).map((name) => join(dir, name));
  }))).flat();
  const texts = await Promise.all(files.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
  return { files, ...parseResults(texts) };
}

/** The run records in results files' text, by the policy above; throws SweepFileError naming the file and line. */
export function parseResults(files: ReadonlyArray<{ path: string; text: string }>): Omit<SweepResults, 'files'> {
  const records: RunRecord[] = [];
  const notes: string[] = [];
  let keys: { set: string; where: string } | undefined;
  for (const { path, text } of files) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${path}:${i + 1}`;
      // Text ending in LF splits into a last empty string, so a last non-empty piece has no LF.
      if (i === lines.length - 1 && isTorn(line)) {
        notes.push(`${where}: the last line is unfinished (a run being written, or cut off); left out`);
        return;
      }
      const record = parseRecord(line, where);
      const set = Object.keys(record.values).sort().join(',');
      keys ??= { set, where };
      if (set !== keys.set) {
        throw new SweepFileError(`${where}: run ${record.run} sets the parameters {${set}}, ${keys.where} sets {${keys.set}}: the results of two plans are mixed`);
      }
      records.push(record);
    });
  }
  return { records, notes };
}

/** A line that is not whole JSON: what a kill leaves of the line it was writing. */
function isTorn(line: string): boolean {
  try {
    JSON.parse(line);
    return false;
  } catch {
    return true;
  }
}

const isSeries = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null);

/** One line as a run record, checked in what the commands read of it. */
function parseRecord(line: string, where: string): RunRecord {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new SweepFileError(`${where}: not JSON (${(error as Error).message})`);
  }
  const problem = recordProblem(json);
  if (problem !== undefined) throw new SweepFileError(`${where}: ${problem}`);
  return json as RunRecord;
}

function recordProblem(json: unknown): string | undefined {
  if (!isPlainObject(json)) return `${describeValue(json)} is not a run record (a JSON object)`;
  const is = (field: string, want: string) => `"${field}" is ${describeValue(json[field])}, expected ${want}`;
  if (json.format !== RUN_FORMAT) return is('format', `"${RUN_FORMAT}"`);
  if (!Number.isInteger(json.run) || (json.run as number) < 0) return is('run', 'a run number (an integer ≥ 0)');
  if (json.status !== 'ok' && json.status !== 'failed') return is('status', '"ok" or "failed"');
  if (!isPlainObject(json.values) || !Object.values(json.values).every((v) => typeof v === 'number')) return is('values', 'an object of numbers');
  if (json.status === 'ok' && !isPlainObject(json.readouts)) return is('readouts', 'an object on an ok line');
  if (json.series !== undefined && !(isPlainObject(json.series) && Object.values(json.series).every(isSeries))) {
    return is('series', 'an object of arrays of numbers');
  }
  if (json.timing !== undefined && !isPlainObject(json.timing)) return is('timing', 'an object');
  return undefined;
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
    await endLastLine(path);
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

/**
 * Before appending, as the reader sees the file: a last line without its newline is dropped if
 * torn, and given its newline if whole, so the next line starts on a line of its own.
 */
async function endLastLine(path: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return;
  }
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return;
  const start = bytes.lastIndexOf(0x0a) + 1;
  if (isTorn(bytes.subarray(start).toString('utf8'))) await truncate(path, start);
  else await appendFile(path, '\n');
}

/** A record without what may differ between repeats (timing), for comparisons. */
export function comparable(record: RunRecord): Omit<RunRecord, 'timing'> {
  const { timing: _timing, ...rest } = record;
  return rest;
}
