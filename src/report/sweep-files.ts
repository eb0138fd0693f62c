// What a parameter sweep leaves in its directory, read back for the report: the plan
// (plan.json) and one JSON line per finished run (results.jsonl and, from sharded runs,
// results.shard-<i>-of-<n>.jsonl). Parsing only, from text: the command reads the files.
//
// A run may appear more than once (a failed run retried, shards and their merge side by side):
// as in `confine sweep merge`, an ok line wins over a failed one, and otherwise the line read
// later (results.jsonl first, then the shards by index). A last line cut short (no newline, not whole JSON) is a
// run still being written, or killed while writing, and is ignored; any other unreadable line is
// skipped with a note naming its file and line, so one bad line never hides a whole sweep.

import { PLAN_FORMAT } from '../sweep/load-plan.ts';
import { RUN_FORMAT, latestByRun } from '../sweep/results-file.ts';

/** A sweep directory that cannot be reported on: the message names the file and what is wrong. */
export class SweepFileError extends Error {}

export { PLAN_FORMAT } from '../sweep/load-plan.ts';
export { RUN_FORMAT } from '../sweep/results-file.ts';

export type FactorScale = 'linear' | 'log';

export interface PlanFactor {
  key: string;
  values: number[];
  scale: FactorScale;
}

export interface PlanArm {
  name: string;
  parameters: Record<string, number>;
}

export interface SweepPlan {
  format: string;
  name: string;
  description: string;
  scenarioSource: string;
  scenario: unknown;
  factors: PlanFactor[];
  arms: PlanArm[] | null;
  replicates: number;
  seeds: number[];
  /** Metrics column names; the first is the primary readout. */
  readouts: string[];
  /** Metrics columns kept as time courses. */
  series: string[];
  runs: number;
  planHash: string;
}

export interface SweepRun {
  run: number;
  arm: string | null;
  values: Record<string, number>;
  replicate: number;
  seed: number;
  status: 'ok' | 'failed';
  readouts: Record<string, number | null>;
  /** Time courses; JSON writes NaN as null. */
  series: Record<string, (number | null)[]>;
  error: string | null;
  finishedAt: string | null;
  /** The GPU adapter, as the line describes it, when it does. */
  adapter: string | null;
  /** The confine that made the run (version and commit), when the line says. */
  software: string | null;
}

export interface SweepResults {
  runs: SweepRun[];
  notes: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * The plan as `confine sweep` writes it (its fields under "plan", beside the file's format, hash
 * and run count), checked field by field; an error names the file, the field and what it holds.
 */
export function parsePlan(text: string, path: string): SweepPlan {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (err) {
    throw new SweepFileError(`${path}: not JSON (${(err as Error).message})`);
  }
  if (!isObject(file)) throw new SweepFileError(`${path}: expected a JSON object`);
  const top = file;
  const bad = (field: string, want: string, from: Record<string, unknown> = json) =>
    new SweepFileError(`${path}: "${from === top ? '' : 'plan.'}${field}" must be ${want}, got ${JSON.stringify(from[field]) ?? 'nothing'}`);
  if (file.format !== PLAN_FORMAT) throw bad('format', `"${PLAN_FORMAT}"`, file);
  if (!isObject(file.plan)) throw bad('plan', 'an object', file);
  const json = file.plan;
  if (typeof json.name !== 'string') throw bad('name', 'a string');
  if (!Array.isArray(json.factors)) throw bad('factors', 'an array');
  const factors = json.factors.map((f: unknown, i): PlanFactor => {
    if (!isObject(f) || typeof f.key !== 'string' || !isNumberArray(f.values) || (f.scale !== 'linear' && f.scale !== 'log')) {
      throw new SweepFileError(`${path}: plan.factors[${i}] must be {key, values: number[], scale: "linear" | "log"}, got ${JSON.stringify(f)}`);
    }
    return { key: f.key, values: f.values, scale: f.scale };
  });
  let arms: PlanArm[] | null = null;
  if (json.arms !== null && json.arms !== undefined) {
    if (!Array.isArray(json.arms)) throw bad('arms', 'an array or null');
    arms = json.arms.map((a: unknown, i): PlanArm => {
      if (!isObject(a) || typeof a.name !== 'string' || !isObject(a.parameters)) {
        throw new SweepFileError(`${path}: plan.arms[${i}] must be {name, parameters}, got ${JSON.stringify(a)}`);
      }
      return { name: a.name, parameters: a.parameters as Record<string, number> };
    });
  }
  if (!isStringArray(json.readouts) || json.readouts.length === 0) throw bad('readouts', 'a non-empty array of metrics column names');
  if (json.series !== undefined && !isStringArray(json.series)) throw bad('series', 'an array of metrics column names');
  if (!Number.isInteger(file.runs) || (file.runs as number) < 0) throw bad('runs', 'a count of runs', file);
  const seeds = isNumberArray(json.seeds) ? json.seeds : [];
  return {
    format: file.format,
    name: json.name,
    description: typeof json.description === 'string' ? json.description : '',
    scenarioSource: typeof json.scenarioSource === 'string' ? json.scenarioSource : '',
    scenario: json.scenario,
    factors,
    arms,
    replicates: Math.max(1, seeds.length),
    seeds,
    readouts: json.readouts,
    series: (json.series as string[] | undefined) ?? [],
    runs: file.runs as number,
    planHash: typeof file.planHash === 'string' ? file.planHash : '',
  };
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

/** Every run's surviving line from the results files, ordered by run number. */
export function parseResults(files: ReadonlyArray<{ path: string; text: string }>): SweepResults {
  const notes: string[] = [];
  const read: SweepRun[] = [];
  let keySet: string | null = null;
  for (const { path, text } of files) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${path}:${i + 1}`;
      // Text ending in LF splits into a last empty string, so a last non-empty piece has no LF.
      const unterminated = i === lines.length - 1;
      let run: SweepRun;
      try {
        run = parseRunLine(line);
      } catch (err) {
        notes.push(unterminated
          ? `${where}: the last line is unfinished (a run being written, or cut off); ignored`
          : `${where}: ${(err as Error).message}; line skipped`);
        return;
      }
      const keys = Object.keys(run.values).sort().join(',');
      keySet ??= keys;
      if (keys !== keySet) {
        notes.push(`${where}: run ${run.run} sets parameters {${keys}}, the other lines {${keySet}}; line skipped`);
        return;
      }
      read.push(run);
    });
  }
  return { runs: [...latestByRun(read).values()].sort((a, b) => a.run - b.run), notes };
}

function parseRunLine(line: string): SweepRun {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error('not JSON');
  }
  if (!isObject(json)) throw new Error('not a JSON object');
  if (json.format !== RUN_FORMAT) throw new Error(`"format" is ${JSON.stringify(json.format)}, expected "${RUN_FORMAT}"`);
  if (!Number.isInteger(json.run)) throw new Error(`"run" is ${JSON.stringify(json.run)}, expected an integer`);
  if (json.status !== 'ok' && json.status !== 'failed') throw new Error(`"status" is ${JSON.stringify(json.status)}, expected "ok" or "failed"`);
  if (!isObject(json.values) || !Object.values(json.values).every((v) => typeof v === 'number')) {
    throw new Error(`"values" is ${JSON.stringify(json.values)}, expected an object of numbers`);
  }
  const readouts: Record<string, number | null> = {};
  if (json.status === 'ok') {
    if (!isObject(json.readouts)) throw new Error(`run ${json.run} is ok but has no "readouts" object`);
    for (const [name, v] of Object.entries(json.readouts)) {
      // Assays also report structured readouts (tables per group); only numbers are aggregated.
      if (typeof v === 'number' || v === null) readouts[name] = v;
    }
  }
  const series: Record<string, (number | null)[]> = {};
  if (isObject(json.series)) {
    for (const [name, v] of Object.entries(json.series)) {
      if (Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null)) series[name] = v;
    }
  }
  const timing = isObject(json.timing) ? json.timing : {};
  return {
    run: json.run as number,
    arm: typeof json.arm === 'string' ? json.arm : null,
    values: json.values as Record<string, number>,
    replicate: typeof json.replicate === 'number' ? json.replicate : 0,
    seed: typeof json.seed === 'number' ? json.seed : NaN,
    status: json.status,
    readouts,
    series,
    error: typeof json.error === 'string' ? json.error : null,
    finishedAt: typeof timing.finishedAt === 'string' ? timing.finishedAt : null,
    adapter: typeof timing.adapter === 'string' ? timing.adapter : null,
    software: typeof timing.software === 'string' ? timing.software : null,
  };
}

