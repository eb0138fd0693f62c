// What the fuzz needs to know of the scenario format: its ranges, its keys, how its messages
// name a field, and what an accepted scenario must satisfy.
import { expect } from 'vitest';
import { PARAMS, PARAM_BY_KEY, PARAM_KEYS, WITHDRAWN_PARAMS, isParamKey } from '../../../src/model/params.ts';
import { PHYSICS_SWITCHES, parseScenario, type Scenario } from '../../../src/model/scenario.ts';
import type { NumberRule } from '../../../src/model/validation.ts';
import type { JsonFormat } from './json-mutation.ts';
import { pathText, type Json, type JsonPath } from './json-tree.ts';

const SCENARIO_TOP_KEYS = ['name', 'description', 'seed', 'kind', 'physics', 'parameters', 'inclusion', 'vessels', 'uptake', 'assay'];
const BLOCK_KEYS = [
  'radiusMicrons', 'eigenstrain', 'inclusionEKPa', 'inclusionNu', 'matrixEKPa', 'matrixNu', 'boundary',
  'mode', 'list', 'segments', 'path', 'wallPO2MmHg', 'xMicrons', 'yMicrons', 'x0Microns', 'y0Microns', 'x1Microns', 'y1Microns',
  'uniformMmHgPerS', 'kroghRadiusMicrons',
  'type', 'poresMicrons', 'cellsPerWell', 'membraneDepthMicrons', 'chemotaxis', 'delaysDays', 'cellsPerGroup', 'windowHours',
  'smacNM', 'smacHours', 'squeezedHoursAgo', 'targetsPerGroup', 'nkPerTarget', 'miceEach', 'cellsPerMouse',
];
export const SCENARIO_KEYS: ReadonlySet<string> = new Set([
  ...SCENARIO_TOP_KEYS, ...PHYSICS_SWITCHES, ...PARAM_KEYS, ...Object.keys(WITHDRAWN_PARAMS), 'value', 'unit', ...BLOCK_KEYS,
]);
/** The scenario fuzz's draw: tests/unit/fuzz-scenario.test.ts reads these inputs, tests/gpu/fuzz-scenario-step.test.ts steps those accepted. */
export const SCENARIO_FUZZ = { seed: 20240611, numRuns: 3000 } as const;
const SEED_RULE: NumberRule = { min: 0, max: 4294967295, unit: '1', integer: true };

/** The table's range of a parameter at `path` (a bare value or the value of {value, unit}) within `parameters`. */
export function parameterRuleAt(path: JsonPath): NumberRule | undefined {
  const [key, inner] = path;
  if (typeof key !== 'string' || !isParamKey(key)) return undefined;
  return path.length === 1 || (path.length === 2 && inner === 'value') ? PARAM_BY_KEY[key] : undefined;
}

function isParameter(path: JsonPath): boolean {
  return path.length === 2 && path[0] === 'parameters' && typeof path[1] === 'string' && isParamKey(path[1]);
}

export const SCENARIO_FORMAT: JsonFormat = {
  rootName: 'the scenario',
  mention: (path) => pathText('', path),
  ruleAt: (path) => {
    if (path.length === 1 && path[0] === 'seed') return SEED_RULE;
    return path[0] === 'parameters' ? parameterRuleAt(path.slice(1)) : undefined;
  },
  // A parameter given as {value, unit} may as well be a bare number.
  mayAccept: (path, kind, replacement) => kind === 'wrong type' && typeof replacement === 'number' && isParameter(path),
  knownKeys: SCENARIO_KEYS,
};

const FIELD = new RegExp(`^(${SCENARIO_TOP_KEYS.join('|')})(?![\\w$])`);

/** A scenario problem starts with the path it is about, or says it is about the whole file. */
export function scenarioProblemNamesItsField(problem: string): boolean {
  return FIELD.test(problem) || problem.startsWith('unknown key "') || problem.startsWith('invalid JSON: ')
    || problem.startsWith('the scenario ') || / nests more than \d+ levels/.test(problem);
}

/** The scenario as a file: blocks and fields it does not have are null in the object and absent in the file. */
function asFile(value: unknown): Json {
  if (Array.isArray(value)) return value.map(asFile);
  if (typeof value !== 'object' || value === null) return value as Json;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, asFile(v)]));
}

/** An accepted scenario: frozen, every parameter in its range, and read back the same from itself as a file. */
export function checkScenario(scenario: Scenario): void {
  expect(Object.isFrozen(scenario) && Object.isFrozen(scenario.parameters)).toBe(true);
  const outside = PARAMS.filter((spec) => {
    const v = scenario.parameters[spec.key];
    return !(Number.isFinite(v) && v >= spec.min && v <= spec.max && (!spec.integer || Number.isInteger(v)));
  });
  expect(outside.map((spec) => `${spec.key} = ${scenario.parameters[spec.key]}`)).toEqual([]);
  const file = JSON.stringify(asFile(scenario));
  expect(JSON.stringify(asFile(parseScenario(JSON.parse(file), 'round trip')))).toBe(file);
}
