// plan.json as a results directory keeps it (planRecord): the record of a valid plan, read as
// `confine sweep` reads plan files, then mutated as any JSON input is. Written by confine, not
// a person, so a mutated record may be read or refused; either way nothing may escape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_SCENARIO_JSON } from '../../../src/model/scenario.ts';
import { fromPlan } from '../../../src/sweep/load-plan.ts';
import { planRecord } from '../../../src/sweep/plan-file.ts';
import { parsePlan } from '../../../src/sweep/plan.ts';
import type { JsonCase } from './fuzz-case.ts';
import { jsonCases, treeMutation, type JsonFormat } from './json-mutation.ts';
import { isObject, pathText, type Json } from './json-tree.ts';
import { PLAN_FORMAT } from './plan-format.ts';
import { SHIPPED_SCENARIOS, validPlan } from './plan-inputs.ts';

const SHIPPED: Readonly<Record<string, unknown>> = Object.fromEntries(
  SHIPPED_SCENARIOS.map((f) => [`../${f}`, JSON.parse(readFileSync(join('scenarios', f), 'utf8'))]),
);

/** The base scenario as loadPlan finds it: the default, a shipped file, or the plan's own object. */
function baseOf(plan: Json): { source: string; json: unknown } {
  const ref = isObject(plan) ? plan.scenario : undefined;
  if (ref === undefined || ref === 'default') return { source: 'default', json: DEFAULT_SCENARIO_JSON };
  return typeof ref === 'string' ? { source: ref, json: SHIPPED[ref] } : { source: 'inline', json: ref };
}

const validRecord: fc.Arbitrary<Json> = validPlan().map((json) => {
  const plan = parsePlan(json, baseOf(json));
  const runs = (plan.arms?.length ?? 1) * plan.factors.reduce((n, f) => n * f.values.length, 1) * plan.seeds.length;
  return JSON.parse(JSON.stringify(planRecord(fromPlan(plan, '/results'), runs, '/results'))) as Json;
});

const STORED_PLAN_FORMAT: JsonFormat = {
  rootName: 'plan.json',
  mention: (path) => pathText('', path),
  ruleAt: () => undefined,
  mayAccept: () => true,
  knownKeys: new Set([...PLAN_FORMAT.knownKeys, 'format', 'planHash', 'runs', 'scenarioDir', 'plan', 'scenarioSource', 'factors', 'key', 'values']),
};

/** Mutations anywhere, and as many again of the record's own fields, which the reader checks before the plan's. */
export const storedPlanCases: fc.Arbitrary<JsonCase> = fc.oneof(
  jsonCases(STORED_PLAN_FORMAT, validRecord),
  validRecord.chain((record) => treeMutation(STORED_PLAN_FORMAT, record, (node) => node.path.length <= 1)),
).map((c) => (c.expect === 'accept' ? c : { ...c, expect: 'either' as const, mentions: [] }));
