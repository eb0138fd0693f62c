// What a results directory keeps of its plan: DIR/plan.json, written by `confine sweep` and read
// back by every command that works on the directory (a resumed sweep, a merge, a report). The
// plan in it is checked by the rules of a plan file (parseStoredPlan); its scenarioDir is
// relative to the directory, so the directory can move.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ScenarioError, describeValue, isPlainObject, nestingProblem } from '../model/validation.ts';
import { fromPlan, type LoadedPlan } from './load-plan.ts';
import { parseStoredPlan } from './plan.ts';
import { SweepFileError } from './results-file.ts';

export const PLAN_FILE = 'plan.json';
export const PLAN_FORMAT = 'confine-sweep-plan/1';

export interface PlanFile extends LoadedPlan {
  /** How many runs the plan has. */
  readonly runs: number;
  /** plan.json as written, for a report to show and a merge to copy. */
  readonly text: string;
}

/** What a results directory `dir` stores of its plan (plan.json). */
export function planRecord(loaded: LoadedPlan, runs: number, dir: string): unknown {
  return { format: PLAN_FORMAT, planHash: loaded.hash, runs, scenarioDir: relative(resolve(dir), loaded.scenarioDir) || '.', plan: loaded.plan };
}

/** The plan a results directory holds, or undefined where it holds none yet. */
export async function findPlanFile(dir: string): Promise<PlanFile | undefined> {
  const path = join(dir, PLAN_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SweepFileError(`${path}: ${(error as Error).message}`);
  }
  return parsePlanFile(text, path);
}

/** The plan a results directory holds; a directory without one is an error saying what it is not. */
export async function readPlanFile(dir: string): Promise<PlanFile> {
  if (!existsSync(dir)) throw new SweepFileError(`${dir} does not exist`);
  const found = await findPlanFile(dir);
  if (found) return found;
  throw new SweepFileError(`${join(dir, PLAN_FILE)} not found: ${dir} is not a sweep's output directory (confine sweep PLAN --out DIR writes one)`);
}

/** plan.json's text (at `path`) checked: its format, run count and plan, every problem with the plan listed. */
export function parsePlanFile(text: string, path: string): PlanFile {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new SweepFileError(`${path}: not JSON (${(error as Error).message})`);
  }
  // Refused before anything walks it: a value nested thousands deep would overflow the stack.
  const nesting = nestingProblem(record, '');
  if (nesting !== undefined) throw new SweepFileError(`${path}: ${nesting}`);
  if (!isPlainObject(record) || record.format !== PLAN_FORMAT) throw new SweepFileError(`${path}: not a ${PLAN_FORMAT} file`);
  if (!Number.isInteger(record.runs) || (record.runs as number) < 0) throw new SweepFileError(`${path}: "runs" must be the plan's count of runs, got ${describeValue(record.runs)}`);
  let plan;
  try {
    plan = parseStoredPlan(record.plan, `${path} (its "plan")`);
  } catch (error) {
    // One kind of error for whatever in a sweep directory cannot be read.
    if (error instanceof ScenarioError) throw new SweepFileError(error.message);
    throw error;
  }
  const dir = resolve(path, '..');
  const scenarioDir = typeof record.scenarioDir === 'string' ? resolve(dir, record.scenarioDir) : dir;
  return { ...fromPlan(plan, scenarioDir), runs: record.runs as number, text };
}
