// What every refusal of a JSON input must be: the parser's own ScenarioError, from the source
// named, each problem naming the field it is about, naming every problem the case put in, and
// quoting no long run of the input (echo.ts).
import { expect } from 'vitest';
import { ScenarioError } from '../../../src/model/validation.ts';
import { echoedRun } from './echo.ts';

interface RefusalRules {
  readonly source: string;
  /** Whether one problem sentence names a field (by its path) or the whole input it is about. */
  readonly namesItsField: (problem: string) => boolean;
  /** What a message may quote of the input, worked out only when one seems to. */
  readonly quotable: () => readonly string[];
}

/** An error that is not the parser's own escaped it: rethrown whole, so fast-check shows where from. */
export function unhandled(error: unknown): Error {
  return new Error(`unhandled ${(error as Error)?.name ?? typeof error}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

export function checkRefusal(error: unknown, input: string, mentions: readonly (readonly string[])[], rules: RefusalRules): void {
  if (!(error instanceof ScenarioError)) throw unhandled(error);
  expect(error.source).toBe(rules.source);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) expect(rules.namesItsField(problem), `a problem that names no field: ${problem}`).toBe(true);
  for (const names of mentions) {
    const named = error.problems.some((p) => names.some((name) => p.includes(name)));
    expect(named, `no problem names ${names.join(' or ')}:\n${error.message}`).toBe(true);
  }
  expect(echoedRun(error.message, input, rules.quotable), `the message echoes the input:\n${error.message}`).toBeUndefined();
}
