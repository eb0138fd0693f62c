// A parameter change to a running simulation's scenario. Only 'live' keys may change: the
// 'rebuild' ones shaped the world it was built from (grid, vessels, tumour, initial cells).
// Values are checked against the table exactly as a scenario file's are, never clamped, and
// every check passes before anything changes.
import { PARAMS, type ParamKey, type Params } from './params.ts';
import { readParams } from './params-validate.ts';
import type { Scenario } from './scenario.ts';
import { ScenarioError, childPath, deepFreeze, type Problems } from './validation.ts';

const SOURCE = 'parameter update';

/** Thrown for a change of 'rebuild' keys; `keys` lets a caller offer to rebuild instead. */
export class RebuildNeededError extends Error {
  override name = 'RebuildNeededError';

  constructor(readonly keys: readonly ParamKey[]) {
    super(
      `${keys.join(', ')} ${keys.length === 1 ? 'needs' : 'need'} a rebuild: ` +
        'they shape the world built at the start (grid, vessels, tumour, initial cells), so build a new simulation with them',
    );
  }
}

/** The 'rebuild' keys whose value differs between `current` and `next`. */
function changedRebuildKeys(current: Readonly<Params>, next: Readonly<Params>): ParamKey[] {
  return PARAMS.filter((p) => p.apply === 'rebuild' && current[p.key] !== next[p.key]).map((p) => p.key);
}

/**
 * `scenario` with parameters `next` (every key given). Throws RebuildNeededError if a
 * 'rebuild' key changed, or ScenarioError naming each bad key with its value, range and unit.
 */
export function withLiveParameters(scenario: Scenario, next: Readonly<Params>): Scenario {
  const rebuild = changedRebuildKeys(scenario.parameters, next);
  if (rebuild.length > 0) throw new RebuildNeededError(rebuild);
  const problems: Problems = [];
  const { values } = readParams(next, 'parameters', problems);
  // readParams fills a missing key with its default, which here would be a silent change.
  for (const p of PARAMS) {
    if (!Object.hasOwn(next, p.key)) problems.push(`${childPath('parameters', p.key)} is missing: an update gives every parameter`);
  }
  if (problems.length > 0) throw new ScenarioError(problems, SOURCE);
  return deepFreeze({ ...scenario, parameters: values });
}
