// What the fuzz needs to know of the sweep plan format: its ranges, where the reader rightly
// accepts a value made invalid, its keys, how its messages name a field, and what an accepted
// plan must satisfy.
import { expect } from 'vitest';
import { PARAM_BY_KEY, isParamKey } from '../../../src/model/params.ts';
import { parseStoredPlan, type SweepPlan } from '../../../src/sweep/plan.ts';
import type { NumberRule } from '../../../src/model/validation.ts';
import type { JsonFormat, MutationKind } from './json-mutation.ts';
import { isObject, pathText, type Json, type JsonPath } from './json-tree.ts';
import { SCENARIO_FORMAT, SCENARIO_KEYS, parameterRuleAt, scenarioProblemNamesItsField } from './scenario-format.ts';

const PLAN_TOP_KEYS = ['name', 'description', 'scenario', 'parameters', 'vary', 'arms', 'replicates', 'seeds', 'readouts', 'series'];
const COUNT_RULE: NumberRule = { min: 1, max: 10_000, unit: '1', integer: true };
const SEED_RULE: NumberRule = { min: 0, max: 4294967295, unit: '1', integer: true };

function ruleAt(path: JsonPath): NumberRule | undefined {
  const [top, a, b, c] = path;
  if (top === 'scenario') return SCENARIO_FORMAT.ruleAt(path.slice(1));
  if (top === 'parameters') return parameterRuleAt(path.slice(1));
  if (top === 'arms' && b === 'parameters') return parameterRuleAt(path.slice(3));
  if (top === 'seeds' && path.length === 2) return SEED_RULE;
  if (top === 'replicates' && path.length === 1) return COUNT_RULE;
  if (top !== 'vary' || typeof a !== 'string' || !isParamKey(a) || path.length !== 3 || c !== undefined) return undefined;
  if (b === 'count') return COUNT_RULE;
  return typeof b === 'number' || b === 'from' || b === 'to' ? PARAM_BY_KEY[a] : undefined;
}

/**
 * The base scenario's values give way to the plan's (parameters, factors, arms, seeds), so a
 * broken one may never be read; an arm's parameters may be null (none); and the last value of
 * a stepped range is the last step inside it, so "to" (or a step longer than the range) may
 * leave every value in range.
 */
function mayAccept(path: JsonPath, kind: MutationKind, replacement: Json): boolean {
  if (path[0] === 'scenario') return true;
  if (path[0] === 'arms' && path[2] === 'parameters' && path.length === 3) return replacement === null;
  return kind === 'out of range' && path[0] === 'vary' && path.length === 3 && (path[2] === 'to' || path[2] === 'step');
}

export const PLAN_FORMAT: JsonFormat = {
  rootName: 'the plan',
  // Problems of the inline base scenario are reported by the runs, in the scenario's own paths.
  mention: (path) => (path[0] === 'scenario' && path.length > 1 ? pathText('', path.slice(1)) : pathText('', path)),
  ruleAt,
  mayAccept,
  knownKeys: new Set([...PLAN_TOP_KEYS, 'from', 'to', 'count', 'step', 'scale', ...SCENARIO_KEYS]),
};

/** Names a plan gives that its messages use whole: its arms' names and the scenario file it names. */
export function planNames(root: Json): string[] {
  if (!isObject(root)) return [];
  const arms = Array.isArray(root.arms) ? root.arms.flatMap((a) => (isObject(a) && typeof a.name === 'string' ? [a.name] : [])) : [];
  return typeof root.scenario === 'string' ? [...arms, root.scenario] : arms;
}

const FIELD = new RegExp(`^(${PLAN_TOP_KEYS.join('|')})(?![\\w$])`);
/** "run (arm "a", k = v, seed 3): " before the problem a run's scenario has. */
const RUN = /seed [^\s)]+\): /g;

/** A plan problem starts with the path it is about, says it is about the whole plan, or is a run's scenario problem. */
export function planProblemNamesItsField(problem: string): boolean {
  if (FIELD.test(problem) || / nests more than \d+ levels/.test(problem)) return true;
  if (['unknown key "', 'the plan ', 'give either "replicates"', 'invalid JSON: ', 'cannot read the '].some((s) => problem.startsWith(s))) return true;
  return problem.startsWith('run (') && [...problem.matchAll(RUN)].some((m) => scenarioProblemNamesItsField(problem.slice(m.index + m[0].length)));
}

/** An accepted plan: every factor's values distinct and in range, and the same plan when read back as stored. */
export function checkPlan(plan: SweepPlan): void {
  for (const f of plan.factors) {
    const rule = PARAM_BY_KEY[f.key];
    expect(f.values.every((v) => Number.isFinite(v) && v >= rule.min && v <= rule.max), `${f.key}: ${f.values}`).toBe(true);
    expect(new Set(f.values).size).toBe(f.values.length);
  }
  const stored = JSON.stringify(plan);
  expect(JSON.stringify(parseStoredPlan(JSON.parse(stored), 'stored plan'))).toBe(stored);
}
