// Reads a plan file (Node): its base scenario is "default", a path relative to the plan, or an
// inline object. The plan's hash names its content, so a results directory can tell whether
// the results in it belong to the plan it is given.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_SCENARIO_JSON } from '../model/scenario.ts';
import { ScenarioError, isPlainObject } from '../model/validation.ts';
import { parsePlan, type SweepPlan } from './plan.ts';

export interface LoadedPlan {
  readonly plan: SweepPlan;
  readonly hash: string;
  /** Where a vessel file named by the base scenario is read from. */
  readonly scenarioDir: string;
}

export async function loadPlan(path: string): Promise<LoadedPlan> {
  const json = parseJson(await readText(path, 'plan'), path);
  const planDir = dirname(resolve(path));
  const ref = isPlainObject(json) ? json.scenario : undefined;
  let base: { source: string; json: unknown };
  let scenarioDir = planDir;
  if (ref === undefined || ref === 'default') base = { source: 'default', json: DEFAULT_SCENARIO_JSON };
  else if (typeof ref === 'string') {
    const file = resolve(planDir, ref);
    base = { source: ref, json: parseJson(await readText(file, `scenario of ${path}`), file) };
    scenarioDir = dirname(file);
  } else base = { source: 'inline', json: ref };
  return fromPlan(parsePlan(json, base, path), scenarioDir);
}

export function fromPlan(plan: SweepPlan, scenarioDir: string): LoadedPlan {
  return { plan, hash: planHash(plan), scenarioDir };
}

/** A short digest of everything that decides the runs and their results. */
export function planHash(plan: SweepPlan): string {
  return createHash('sha256').update(canonicalJson(plan)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ScenarioError([`cannot read the ${what}: ${(error as Error).message}`], path);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScenarioError([`invalid JSON: ${(error as Error).message}`], source);
  }
}
