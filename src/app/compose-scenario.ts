// A scenario as the app runs it: a base scenario's JSON with the URL state's seed and parameter
// overrides laid over it. The same merged JSON is what "export scenario" saves, so a saved file
// and the link it came from run the same simulation.
import { isPlainObject } from '../model/validation.ts';
import { parseScenario, type Scenario } from '../model/scenario.ts';
import type { AppState } from './url-state.ts';

export type ScenarioJson = Record<string, unknown>;

export function mergedScenarioJson(base: ScenarioJson, state: Pick<AppState, 'seed' | 'overrides'>): ScenarioJson {
  const parameters = isPlainObject(base.parameters) ? base.parameters : {};
  return {
    ...base,
    ...(state.seed !== null ? { seed: state.seed } : {}),
    parameters: { ...parameters, ...state.overrides },
  };
}

/** Throws ScenarioError (every problem, with path, value and range) when the merge is invalid. */
export function composeScenario(base: ScenarioJson, state: Pick<AppState, 'seed' | 'overrides'>, source: string): Scenario {
  return parseScenario(mergedScenarioJson(base, state), source);
}
