// Scenario files fuzzed by the thousand: valid ones drawn from the format and the parameter
// table, then mutated (wrong types, out-of-range and non-finite numbers, unknown keys, deep
// nesting, huge arrays, damaged text). Each is accepted as a valid scenario or refused with a
// ScenarioError naming every problem, in time, echoing none of the file back.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/model/scenario.ts';
import { quotableOfJson } from './fuzz/echo.ts';
import type { JsonCase } from './fuzz/fuzz-case.ts';
import { jsonCases } from './fuzz/json-mutation.ts';
import { checkRefusal } from './fuzz/refusal.ts';
import { fuzz, type Outcome } from './fuzz/run-fuzz.ts';
import { SCENARIO_FORMAT, SCENARIO_FUZZ, checkScenario, scenarioProblemNamesItsField } from './fuzz/scenario-format.ts';
import { validScenario } from './fuzz/scenario-inputs.ts';

const SOURCE = 'fuzz.json';

function read(c: JsonCase): Outcome {
  let scenario;
  try {
    scenario = loadScenarioText(c.text, SOURCE);
  } catch (error) {
    expect(c.expect, `${c.mutation}: refused\n${(error as Error).message}`).not.toBe('accept');
    checkRefusal(error, c.text, c.mentions, {
      source: SOURCE, namesItsField: scenarioProblemNamesItsField, quotable: () => quotableOfJson(c.text),
    });
    return 'refused';
  }
  expect(c.expect, `${c.mutation}: accepted`).not.toBe('refuse');
  checkScenario(scenario);
  return 'accepted';
}

describe('scenario files, fuzzed', () => {
  it('are each accepted as a valid scenario or refused naming every problem', async () => {
    const tally = await fuzz({ format: 'scenarios', inputs: jsonCases(SCENARIO_FORMAT, validScenario()), ...SCENARIO_FUZZ, read });
    // The valid generator must produce valid scenarios often, or the fuzz tests refusals only.
    expect(tally.accepted).toBeGreaterThan(tally.tried / 5);
  }, 120_000);
});
