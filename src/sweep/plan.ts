// A sweep plan: a base scenario, the parameters to vary (lists, linear or log ranges), optional
// named arms, replicate seeds and the readouts to keep. Reading it checks everything — every
// factor value against the parameter table, every run's whole scenario — and throws one
// ScenarioError naming each problem, so a bad plan is refused before any run starts. The plan
// as checked is what a results directory stores (plan.json), and it is read back by the same
// rules. The format is documented in docs/sweeps.md.
import { PARAM_BY_KEY, PARAM_KEYS, isParamKey, type ParamKey } from '../model/params.ts';
import { parseScenario, type Scenario } from '../model/scenario.ts';
import {
  ScenarioError, checkChoice, checkKnownKeys, checkNumber, checkObject, checkText, childPath, describeValue, found,
  isPlainObject, readTopObject, type Problems,
} from '../model/validation.ts';
import { metricsColumns } from '../sim/cell-readouts.ts';

export type FactorScale = 'linear' | 'log';

export interface Factor {
  readonly key: ParamKey;
  readonly values: readonly number[];
  readonly scale: FactorScale;
}

export interface Arm {
  readonly name: string;
  readonly parameters: Readonly<Partial<Record<ParamKey, number>>>;
}

export interface SweepPlan {
  readonly name: string;
  readonly description: string;
  /** Where the base scenario came from: "default", a path, or "inline". */
  readonly scenarioSource: string;
  /** The base scenario's JSON with the plan's fixed parameters merged in. */
  readonly scenario: Readonly<Record<string, unknown>>;
  readonly factors: readonly Factor[];
  readonly arms: readonly Arm[] | null;
  readonly seeds: readonly number[];
  readonly readouts: readonly string[];
  readonly series: readonly string[];
}

export interface PlannedRun {
  readonly run: number;
  readonly arm: string | null;
  /** Every parameter the factors and arms set, the same keys for every run of the plan. */
  readonly values: Readonly<Partial<Record<ParamKey, number>>>;
  readonly replicate: number;
  readonly seed: number;
  readonly scenario: Scenario;
}

const TOP_KEYS = ['name', 'description', 'scenario', 'parameters', 'vary', 'arms', 'replicates', 'seeds', 'readouts', 'series'];
const RANGE_KEYS = ['from', 'to', 'count', 'step', 'scale'];
const SCALES: readonly FactorScale[] = ['linear', 'log'];
const MAX_RUNS = 100_000;
const COUNT_RULE = { min: 1, max: 10_000, unit: '1', integer: true };
const SEED_RULE = { min: 0, max: 4294967295, unit: '1', integer: true };
/** Columns that are the sample's clock, not a readout. */
const CLOCK_COLUMNS = ['time', 'step'];

export function readoutNames(): string[] {
  return metricsColumns().map((c) => c.name).filter((n) => !CLOCK_COLUMNS.includes(n));
}

/**
 * Checks a parsed plan against its base scenario JSON (already read by the caller: a plan
 * names it by path) and returns the plan, or throws a ScenarioError listing every problem.
 */
export function parsePlan(json: unknown, base: { source: string; json: unknown }, source = 'plan'): SweepPlan {
  const problems: Problems = [];
  const obj = readTopObject(json, 'the plan', TOP_KEYS, source, problems);
  const name = checkText(obj.name, 'name', problems, true);
  const description = obj.description === undefined ? '' : checkText(obj.description, 'description', problems, false);
  const fixed = readParameterBlock(obj.parameters, 'parameters', problems) ?? {};
  const factors = readFactors(obj.vary, problems);
  const arms = obj.arms === undefined ? null : readArms(obj.arms, problems);
  for (const f of factors) {
    if (arms?.some((a) => f.key in a.parameters)) problems.push(`vary.${f.key}: an arm also sets "${f.key}"; a parameter is either varied or set by arms`);
  }
  const seeds = readSeeds(obj, base.json, problems);
  const readouts = readReadouts(obj.readouts, 'readouts', problems, true) ?? [];
  const series = obj.series === undefined ? readouts : readReadouts(obj.series, 'series', problems, false) ?? [];
  if (!isPlainObject(base.json)) problems.push(`scenario (${base.source}) must be a scenario JSON object`);
  if (problems.length > 0) throw new ScenarioError(problems, source);
  const baseJson = base.json as Record<string, unknown>;
  const baseParameters = isPlainObject(baseJson.parameters) ? baseJson.parameters : {};
  const plan: SweepPlan = {
    name: name!, description: description!, scenarioSource: base.source,
    scenario: { ...baseJson, parameters: { ...baseParameters, ...fixed } },
    factors, arms: arms ?? null, seeds: seeds!, readouts, series,
  };
  const runCount = (arms?.length ?? 1) * factors.reduce((n, f) => n * f.values.length, 1) * plan.seeds.length;
  if (runCount > MAX_RUNS) throw new ScenarioError([`the plan has ${runCount} runs; at most ${MAX_RUNS} are allowed — split it into several plans`], source);
  expandPlan(plan, source);
  return plan;
}

const STORED_KEYS = ['name', 'description', 'scenarioSource', 'scenario', 'factors', 'arms', 'seeds', 'readouts', 'series'];

/**
 * A plan as a results directory stores it (what parsePlan returned), read back by the same
 * rules, so resuming, merging and reporting work from a plan the sweep would take. Its runs are
 * not expanded again: they are done, or the sweep that does them checks them.
 */
export function parseStoredPlan(json: unknown, source: string): SweepPlan {
  const problems: Problems = [];
  const obj = readTopObject(json, 'the plan', STORED_KEYS, source, problems);
  const name = checkText(obj.name, 'name', problems, true);
  const description = checkText(obj.description, 'description', problems, false);
  const scenarioSource = checkText(obj.scenarioSource, 'scenarioSource', problems, true);
  const scenario = checkObject(obj.scenario, 'scenario', problems);
  const factors = readStoredFactors(obj.factors, problems);
  const arms = obj.arms === null ? null : readArms(obj.arms, problems);
  // Stored seeds are always listed: replicates were turned into seeds when the plan was read.
  if (obj.seeds === undefined) problems.push(`${found('seeds', obj.seeds)} must be a non-empty list of integer seeds`);
  const seeds = readSeeds(obj, undefined, problems);
  const readouts = readReadouts(obj.readouts, 'readouts', problems, true);
  const series = readReadouts(obj.series, 'series', problems, false);
  if (problems.length > 0) throw new ScenarioError(problems, source);
  return {
    name: name!, description: description!, scenarioSource: scenarioSource!, scenario: scenario!,
    factors, arms: arms ?? null, seeds: seeds!, readouts: readouts!, series: series!,
  };
}

/** Factors as stored, each with its values listed: checked as a listed factor is, and its scale. */
function readStoredFactors(value: unknown, problems: Problems): Factor[] {
  if (!Array.isArray(value)) {
    problems.push(`${found('factors', value)} must be a list of {"key", "values", "scale"}`);
    return [];
  }
  return value.flatMap((f, i): Factor[] => {
    const path = childPath('factors', i);
    const obj = checkObject(f, path, problems);
    if (obj === undefined) return [];
    checkKnownKeys(obj, ['key', 'values', 'scale'], path, problems);
    const scale = checkChoice(obj.scale, childPath(path, 'scale'), SCALES, problems);
    if (typeof obj.key !== 'string' || !isParamKey(obj.key)) {
      problems.push(`${found(childPath(path, 'key'), obj.key)} must be a parameter's key`);
      return [];
    }
    const factor = readFactor(obj.key, obj.values, childPath(path, 'values'), problems);
    return factor && scale ? [{ ...factor, scale }] : [];
  });
}

/** Every run of the plan, in order: arms, then factors (the last varies fastest), then replicates. */
export function expandPlan(plan: SweepPlan, source = 'plan'): PlannedRun[] {
  const combos = plan.factors.reduce<Record<string, number>[]>(
    (acc, f) => acc.flatMap((c) => f.values.map((v) => ({ ...c, [f.key]: v }))), [{}]);
  const arms: readonly (Arm | null)[] = plan.arms ?? [null];
  const armKeys = [...new Set((plan.arms ?? []).flatMap((a) => Object.keys(a.parameters)))] as ParamKey[];
  const baseParameters = plan.scenario.parameters as Record<string, unknown>;
  const runs: PlannedRun[] = [];
  const problems = new Set<string>();
  for (const arm of arms) {
    for (const combo of combos) {
      // Keys an arm leaves alone take the base value, so every run lists the same keys.
      const armValues = Object.fromEntries(armKeys.map((k) => [k, arm?.parameters[k] ?? baseValue(baseParameters, k)]));
      const values = { ...armValues, ...combo } as Partial<Record<ParamKey, number>>;
      plan.seeds.forEach((seed, replicate) => {
        const what = describeRun(arm?.name ?? null, values, seed);
        try {
          const scenario = parseScenario({ ...plan.scenario, seed, parameters: { ...baseParameters, ...values } }, what);
          runs.push({ run: runs.length, arm: arm?.name ?? null, values, replicate, seed, scenario });
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          for (const p of error.problems) problems.add(`${what}: ${p}`);
        }
      });
    }
  }
  if (problems.size > 0) throw new ScenarioError([...problems], source);
  return runs;
}

function baseValue(parameters: Record<string, unknown>, key: ParamKey): number {
  const given = parameters[key];
  if (typeof given === 'number') return given;
  if (isPlainObject(given) && typeof given.value === 'number') return given.value;
  return PARAM_BY_KEY[key].default;
}

export function describeRun(arm: string | null, values: Partial<Record<ParamKey, number>>, seed: number): string {
  const parts = Object.entries(values).map(([k, v]) => `${k} = ${v}`);
  return `run (${[arm === null ? '' : `arm "${arm}"`, ...parts, `seed ${seed}`].filter(Boolean).join(', ')})`;
}

function readParameterBlock(value: unknown, path: string, problems: Problems): Partial<Record<ParamKey, number>> | undefined {
  if (value === undefined) return undefined;
  const obj = checkObject(value, path, problems);
  if (obj === undefined) return undefined;
  checkKnownKeys(obj, PARAM_KEYS, path, problems);
  const out: Partial<Record<ParamKey, number>> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (!isParamKey(key)) continue;
    const checked = checkNumber(v, childPath(path, key), PARAM_BY_KEY[key], problems);
    if (checked !== undefined) out[key] = checked;
  }
  return out;
}

function readFactors(value: unknown, problems: Problems): Factor[] {
  if (value === undefined) return [];
  const obj = checkObject(value, 'vary', problems);
  if (obj === undefined) return [];
  checkKnownKeys(obj, PARAM_KEYS, 'vary', problems);
  const factors: Factor[] = [];
  for (const [key, spec] of Object.entries(obj)) {
    if (!isParamKey(key)) continue;
    const factor = readFactor(key, spec, childPath('vary', key), problems);
    if (factor) factors.push(factor);
  }
  return factors;
}

function readFactor(key: ParamKey, spec: unknown, path: string, problems: Problems): Factor | undefined {
  const rule = PARAM_BY_KEY[key];
  const before = problems.length;
  let values: number[] = [];
  let scale: FactorScale = 'linear';
  if (Array.isArray(spec)) {
    if (spec.length === 0) problems.push(`${path} is an empty list: give at least one value in ${rangeText(key)}`);
    spec.forEach((v, i) => checkNumber(v, childPath(path, i), rule, problems));
    values = spec as number[];
  } else if (isPlainObject(spec)) {
    checkKnownKeys(spec, RANGE_KEYS, path, problems);
    scale = spec.scale === undefined ? 'linear' : checkChoice(spec.scale, childPath(path, 'scale'), SCALES, problems) ?? 'linear';
    values = rangeValues(spec, scale, path, problems);
    values.forEach((v, i) => checkNumber(v, `${path} value ${i + 1} of ${values.length}`, rule, problems));
  } else {
    problems.push(`${found(path, spec)} must be a list of values or a range {"from", "to", "count" | "step", "scale"}`);
  }
  const repeated = values.find((v, i) => values.indexOf(v) !== i);
  if (repeated !== undefined) problems.push(`${path} lists ${repeated} twice: each value makes its own arm`);
  return problems.length === before ? { key, values, scale } : undefined;
}

function rangeValues(spec: Record<string, unknown>, scale: FactorScale, path: string, problems: Problems): number[] {
  const from = finite(spec.from, childPath(path, 'from'), problems);
  const to = finite(spec.to, childPath(path, 'to'), problems);
  if ((spec.count === undefined) === (spec.step === undefined)) {
    problems.push(`${path} needs exactly one of "count" (number of values) or "step" (linear spacing)`);
    return [];
  }
  if (from === undefined || to === undefined) return [];
  if (scale === 'log' && (from <= 0 || to <= 0)) {
    problems.push(`${path}: a log range needs from > 0 and to > 0 (from = ${from}, to = ${to})`);
    return [];
  }
  if (spec.count !== undefined) {
    const count = checkNumber(spec.count, childPath(path, 'count'), COUNT_RULE, problems);
    if (count === undefined) {
      if (spec.count === 0) problems.push(`${path} is an empty range (count = 0)`);
      return [];
    }
    if (count === 1 && from !== to) problems.push(`${path}.count = 1 but from ≠ to: give count ≥ 2 or a single value`);
    if (count === 1) return [from];
    return Array.from({ length: count }, (_, i) => clean(scale === 'log'
      ? from * (to / from) ** (i / (count - 1))
      : from + ((to - from) * i) / (count - 1), from, to));
  }
  if (scale === 'log') {
    problems.push(`${path}: "step" spaces values linearly; a log range takes "count"`);
    return [];
  }
  const step = finite(spec.step, childPath(path, 'step'), problems);
  if (step === undefined) return [];
  if (step === 0 || (to - from) / step < 0) {
    problems.push(`${path} is an empty range: from ${from} to ${to} by step ${step} reaches no value after the first${step === 0 ? ' (step = 0)' : ''}`);
    return [];
  }
  const n = Math.floor((to - from) / step + 1e-9) + 1;
  if (n > COUNT_RULE.max) {
    problems.push(`${path} has ${n} values; at most ${COUNT_RULE.max}`);
    return [];
  }
  return Array.from({ length: n }, (_, i) => clean(from + i * step, from, to));
}

/**
 * Rounds away float noise (10^0.5·10 = 31.622776601683793, 0.1·3 = 0.30000000000000004). A
 * value within the noise of the whole range of an end is that end: noise the size of the larger
 * end, left on a small one (240 + 3·(0.01 − 240)/3 = 0.009999999999943, 0.3 − 3·0.1 =
 * −5.6e-17), would survive rounding to significant digits and fall outside a range ending at
 * its parameter's minimum.
 */
function clean(v: number, from: number, to: number): number {
  const noise = 1e-12 * Math.max(Math.abs(from), Math.abs(to));
  const end = [from, to].find((e) => Math.abs(v - e) <= noise);
  return end ?? Number(v.toPrecision(12));
}

function finite(value: unknown, path: string, problems: Problems): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  problems.push(`${found(path, value)} must be a finite number`);
  return undefined;
}

function rangeText(key: ParamKey): string {
  const r = PARAM_BY_KEY[key];
  return `[${r.min}, ${r.max}]${r.unit === '1' ? '' : ` ${r.unit}`}`;
}

function readArms(value: unknown, problems: Problems): Arm[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${found('arms', value)} must be a non-empty list of {"name", "parameters"}`);
    return undefined;
  }
  const arms: Arm[] = [];
  value.forEach((a, i) => {
    const path = childPath('arms', i);
    const obj = checkObject(a, path, problems);
    if (!obj) return;
    checkKnownKeys(obj, ['name', 'parameters'], path, problems);
    const name = checkText(obj.name, childPath(path, 'name'), problems, true);
    const parameters = readParameterBlock(obj.parameters ?? {}, childPath(path, 'parameters'), problems);
    if (name !== undefined && arms.some((b) => b.name === name)) problems.push(`${childPath(path, 'name')} = "${name}" is used by an earlier arm`);
    if (name !== undefined && parameters) arms.push({ name, parameters });
  });
  return arms;
}

function readSeeds(obj: Record<string, unknown>, base: unknown, problems: Problems): number[] | undefined {
  if (obj.seeds !== undefined && obj.replicates !== undefined) {
    problems.push('give either "replicates" (seeds base, base+1, …) or "seeds" (a list), not both');
    return undefined;
  }
  if (obj.seeds !== undefined) {
    if (!Array.isArray(obj.seeds) || obj.seeds.length === 0) {
      problems.push(`${found('seeds', obj.seeds)} must be a non-empty list of integer seeds`);
      return undefined;
    }
    const seeds = obj.seeds.map((s, i) => checkNumber(s, childPath('seeds', i), SEED_RULE, problems));
    if (seeds.some((s, i) => s !== undefined && seeds.indexOf(s) !== i)) problems.push(`seeds = ${describeValue(obj.seeds)} repeats a seed`);
    return seeds.every((s) => s !== undefined) ? (seeds as number[]) : undefined;
  }
  const replicates = obj.replicates === undefined ? 1 : checkNumber(obj.replicates, 'replicates', COUNT_RULE, problems);
  const first = isPlainObject(base) && typeof base.seed === 'number' ? base.seed : 1;
  return replicates === undefined ? undefined : Array.from({ length: replicates }, (_, i) => first + i);
}

function readReadouts(value: unknown, path: string, problems: Problems, required: boolean): string[] | undefined {
  const names = readoutNames();
  if (!Array.isArray(value) || (required && value.length === 0)) {
    problems.push(`${found(path, value)} must be a ${required ? 'non-empty ' : ''}list of readouts: ${names.join(', ')}`);
    return undefined;
  }
  const out: string[] = [];
  value.forEach((v, i) => {
    const name = checkChoice(v, childPath(path, i), names, problems);
    if (name !== undefined && out.includes(name)) problems.push(`${childPath(path, i)} = "${name}" is listed twice`);
    else if (name !== undefined) out.push(name);
  });
  return out;
}
