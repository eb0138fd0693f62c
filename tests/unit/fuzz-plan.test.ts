// Sweep plan files fuzzed by the thousand, read as `confine sweep` reads them (loadPlan, from a
// file beside copies of the shipped scenarios): valid plans drawn from the format and the
// parameter table, then mutated. Each is accepted as a plan whose every run is a valid scenario
// or refused with a ScenarioError naming every problem, in time, echoing none of the file back.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/sweep/load-plan.ts';
import { parsePlanFile } from '../../src/sweep/plan-file.ts';
import { SweepFileError } from '../../src/sweep/results-file.ts';
import { echoedRun, quotableOfJson } from './fuzz/echo.ts';
import type { JsonCase } from './fuzz/fuzz-case.ts';
import { jsonCases } from './fuzz/json-mutation.ts';
import { isObject } from './fuzz/json-tree.ts';
import { PLAN_FORMAT, checkPlan, planNames, planProblemNamesItsField } from './fuzz/plan-format.ts';
import { SHIPPED_SCENARIOS, validPlan } from './fuzz/plan-inputs.ts';
import { checkRefusal, unhandled } from './fuzz/refusal.ts';
import { fuzz, type Outcome } from './fuzz/run-fuzz.ts';
import { storedPlanCases } from './fuzz/stored-plan-inputs.ts';

const root = mkdtempSync(join(tmpdir(), 'confine-fuzz-plan-'));
mkdirSync(join(root, 'plans'));
for (const file of SHIPPED_SCENARIOS) copyFileSync(join('scenarios', file), join(root, file));
const PLAN = join(root, 'plans', 'fuzz.json');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The file a refusal may come from: the plan, or the scenario file it names. */
function scenarioFileOf(text: string): string | undefined {
  try {
    const ref = (JSON.parse(text) as { scenario?: unknown }).scenario;
    return typeof ref === 'string' && ref !== 'default' ? resolve(root, 'plans', ref) : undefined;
  } catch {
    return undefined;
  }
}

async function read(c: JsonCase): Promise<Outcome> {
  writeFileSync(PLAN, c.text);
  let loaded;
  try {
    loaded = await loadPlan(PLAN);
  } catch (error) {
    expect(c.expect, `${c.mutation}: refused\n${(error as Error).message}`).not.toBe('accept');
    const source = (error as { source?: string }).source === PLAN ? PLAN : scenarioFileOf(c.text) ?? PLAN;
    checkRefusal(error, c.text, c.mentions, {
      source, namesItsField: planProblemNamesItsField, quotable: () => quotableOfJson(c.text, planNames),
    });
    return 'refused';
  }
  expect(c.expect, `${c.mutation}: accepted`).not.toBe('refuse');
  checkPlan(loaded.plan);
  return 'accepted';
}

const STORED = 'DIR/plan.json';

function readStored(c: JsonCase): Outcome {
  let stored;
  try {
    stored = parsePlanFile(c.text, STORED);
  } catch (error) {
    if (!(error instanceof SweepFileError)) throw unhandled(error);
    expect(c.expect, `${c.mutation}: refused\n${error.message}`).not.toBe('accept');
    expect(error.message.startsWith(STORED)).toBe(true);
    const quotable = () => quotableOfJson(c.text, (root) => planNames(isObject(root) ? root.plan ?? null : null));
    expect(echoedRun(error.message, c.text, quotable), `the message echoes the file:\n${error.message}`).toBeUndefined();
    return 'refused';
  }
  expect(Number.isInteger(stored.runs) && stored.runs >= 0).toBe(true);
  checkPlan(stored.plan);
  return 'accepted';
}

describe('sweep plan files, fuzzed', () => {
  it('are each accepted as a plan of valid runs or refused naming every problem', async () => {
    const tally = await fuzz({ format: 'sweep plans', inputs: jsonCases(PLAN_FORMAT, validPlan()), seed: 20240612, numRuns: 1000, read });
    expect(tally.accepted).toBeGreaterThan(tally.tried / 5);
  }, 120_000);

  it('plan.json of a results directory is read back as a plan or refused naming the file', async () => {
    const tally = await fuzz({ format: 'stored plans (plan.json)', inputs: storedPlanCases, seed: 20240616, numRuns: 400, read: readStored });
    expect(tally.accepted).toBeGreaterThan(tally.tried / 5);
  }, 120_000);
});
