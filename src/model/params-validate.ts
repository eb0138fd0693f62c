// Reading parameter values from JSON against the parameter table. A value is a bare number in
// the table's unit, or { "value": x, "unit": "kPa" } to make the unit explicit; a different
// unit is an error, never a silent conversion, because a converted value would no longer
// match what the user typed into the file.

import type { ParamSpec } from './param-spec.ts';
import { PARAMS, PARAM_KEYS, WITHDRAWN_PARAMS, defaultParams, type ParamKey, type Params } from './params.ts';
import {
  ScenarioError,
  checkKnownKeys,
  checkNumber,
  checkObject,
  childPath,
  describeValue,
  found,
  formatRange,
  isPlainObject,
  type Problems,
} from './validation.ts';

/** The multigrid's coarsest level is solved by one workgroup of at most this many cells a side. */
export const GRID_COARSEST_CELLS = 16;

/**
 * Why `n` cannot be a grid size, or undefined if it can. The multigrid halves each axis until
 * it is at most 16 cells (src/solvers/levels.ts), so n must be c·2^k with c ≤ 16; a multiple
 * of 8 also lets kernels cover the finest grid with whole 8×8 workgroups and vec4 rows.
 */
export function gridSizeProblem(n: number): string | undefined {
  const why = `the multigrid halves the grid down to ≤ ${GRID_COARSEST_CELLS} cells a side, so sizes are multiples of 8 of the form c·2^k with c ≤ ${GRID_COARSEST_CELLS} (e.g. 64, 96, 128, 192, 256, 384, 512)`;
  if (n % 8 !== 0) return `is not a multiple of 8: ${why}`;
  let coarsest = n;
  while (coarsest > GRID_COARSEST_CELLS && coarsest % 2 === 0) coarsest /= 2;
  if (coarsest > GRID_COARSEST_CELLS) return `halves only down to ${coarsest} cells: ${why}`;
  return undefined;
}

/**
 * Units compare after folding spellings that mean the same unit: the micro sign (U+00B5),
 * Greek mu (U+03BC) and ASCII "u"; "²", "^2" and "2"; and spaces. Nothing else is accepted.
 */
export function sameUnit(given: string, expected: string): boolean {
  const fold = (u: string) => u.replace(/[µμ]/g, 'u').replace(/\^2|²/g, '2').replace(/\s+/g, '');
  return fold(given) === fold(expected);
}

function readValue(spec: ParamSpec<ParamKey>, raw: unknown, path: string, problems: Problems): number | undefined {
  const before = problems.length;
  let value = raw;
  let valuePath = path;
  if (isPlainObject(raw)) {
    checkKnownKeys(raw, ['value', 'unit'], path, problems);
    const unitPath = childPath(path, 'unit');
    if (typeof raw.unit !== 'string') {
      problems.push(`${found(unitPath, raw.unit)} must be the string "${spec.unit}"`);
    } else if (!sameUnit(raw.unit, spec.unit)) {
      problems.push(
        `${unitPath} = ${describeValue(raw.unit)} is not this parameter's unit: expected "${spec.unit}" (values are never converted; write the value in ${spec.unit})`,
      );
    }
    value = raw.value;
    valuePath = childPath(path, 'value');
  } else if (typeof raw !== 'number') {
    problems.push(
      `${found(path, raw)} must be a number in ${formatRange(spec)}, or {"value": …, "unit": "${spec.unit}"}`,
    );
    return undefined;
  }
  const checked = checkNumber(value, valuePath, spec, problems);
  if (checked !== undefined && (spec.key === 'nx' || spec.key === 'ny')) {
    const why = gridSizeProblem(checked);
    if (why !== undefined) problems.push(`${valuePath} = ${checked} ${why}`);
  }
  return problems.length === before ? checked : undefined;
}

export interface ParamsRead {
  /** Every parameter: the file's value where it was valid, the default elsewhere. */
  readonly values: Params;
  /** Keys whose value in the file was rejected, so later cross-checks can skip them. */
  readonly invalid: ReadonlySet<ParamKey>;
}

/** Reads a "parameters" block (absent means all defaults), appending every problem found. */
export function readParams(input: unknown, path: string, problems: Problems): ParamsRead {
  const values = defaultParams();
  const invalid = new Set<ParamKey>();
  if (input === undefined) return { values, invalid };
  const obj = checkObject(input, path, problems);
  if (obj === undefined) return { values, invalid: new Set(PARAM_KEYS) };
  const withdrawn = Object.keys(obj).filter((key) => Object.hasOwn(WITHDRAWN_PARAMS, key));
  for (const key of withdrawn) problems.push(`${childPath(path, key)} is no longer a parameter: ${WITHDRAWN_PARAMS[key]}`);
  checkKnownKeys(Object.fromEntries(Object.entries(obj).filter(([key]) => !withdrawn.includes(key))), PARAM_KEYS, path, problems);
  for (const spec of PARAMS) {
    if (!Object.hasOwn(obj, spec.key)) continue;
    const value = readValue(spec, obj[spec.key], childPath(path, spec.key), problems);
    if (value === undefined) invalid.add(spec.key);
    else values[spec.key] = value;
  }
  return { values, invalid };
}

/** A full parameter set from a partial one, or a ScenarioError listing every problem. */
export function validateParams(partial: unknown, source = 'parameters'): Params {
  const problems: Problems = [];
  const { values } = readParams(partial ?? {}, 'parameters', problems);
  if (problems.length > 0) throw new ScenarioError(problems, source);
  return values;
}
