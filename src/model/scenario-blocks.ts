// The optional blocks of a scenario file that describe a verification problem's geometry:
// the inclusion, the vessel list and the replacement uptake. Each reader appends every problem
// it finds and returns undefined when any was found.

import {
  checkChoice,
  checkKnownKeys,
  checkNumber,
  checkObject,
  childPath,
  type Problems,
} from './validation.ts';
import type { Vessel } from './vessels.ts';

export const INCLUSION_BOUNDARIES = ['clamped', 'traction-free', 'exact-infinite'] as const;
export type InclusionBoundary = (typeof INCLUSION_BOUNDARIES)[number];

/** A circular inclusion with uniform in-plane eigenstrain (κ = 0) in a matrix, plane strain. */
export interface InclusionSpec {
  readonly radiusMicrons: number;
  readonly eigenstrain: number;
  readonly inclusionEKPa: number;
  readonly inclusionNu: number;
  readonly matrixEKPa: number;
  readonly matrixNu: number;
  /** On the square domain's edge: u = 0, σ·n = 0, or u = the infinite-matrix solution. */
  readonly boundary: InclusionBoundary;
}

export type VesselSpec = { readonly mode: 'generated' } | { readonly mode: 'list'; readonly list: readonly Vessel[] };

/** Zero-order oxygen uptake replacing the tumour's, for the vessels verification kind. */
export interface UptakeSpec {
  readonly uniformMmHgPerS: number;
  /** Uptake only within this distance of a vessel centre (the Krogh cylinder); null: everywhere. */
  readonly kroghRadiusMicrons: number | null;
}

const E_RULE = { min: 0.1, max: 200, unit: 'kPa' };
const NU_RULE = { min: 0, max: 0.49, unit: '1' };
const LENGTH_RULE = { min: 0.1, max: 100000, unit: 'µm' };

export function readInclusion(value: unknown, problems: Problems): InclusionSpec | undefined {
  const path = 'inclusion';
  const obj = checkObject(value, path, problems);
  if (obj === undefined) return undefined;
  checkKnownKeys(obj, ['radiusMicrons', 'eigenstrain', 'inclusionEKPa', 'inclusionNu', 'matrixEKPa', 'matrixNu', 'boundary'], path, problems);
  const before = problems.length;
  const spec = {
    radiusMicrons: checkNumber(obj.radiusMicrons, childPath(path, 'radiusMicrons'), LENGTH_RULE, problems),
    eigenstrain: checkNumber(obj.eigenstrain, childPath(path, 'eigenstrain'), { min: -0.3, max: 0.3, unit: '1' }, problems),
    inclusionEKPa: checkNumber(obj.inclusionEKPa, childPath(path, 'inclusionEKPa'), E_RULE, problems),
    inclusionNu: checkNumber(obj.inclusionNu, childPath(path, 'inclusionNu'), NU_RULE, problems),
    matrixEKPa: checkNumber(obj.matrixEKPa, childPath(path, 'matrixEKPa'), E_RULE, problems),
    matrixNu: checkNumber(obj.matrixNu, childPath(path, 'matrixNu'), NU_RULE, problems),
    boundary: checkChoice(obj.boundary, childPath(path, 'boundary'), INCLUSION_BOUNDARIES, problems),
  };
  return problems.length === before ? (spec as InclusionSpec) : undefined;
}

function readVesselPoint(value: unknown, path: string, wallDefault: number, problems: Problems): Vessel | undefined {
  const obj = checkObject(value, path, problems);
  if (obj === undefined) return undefined;
  checkKnownKeys(obj, ['xMicrons', 'yMicrons', 'radiusMicrons', 'wallPO2MmHg'], path, problems);
  const before = problems.length;
  const wall = obj.wallPO2MmHg === undefined ? wallDefault : obj.wallPO2MmHg;
  const vessel = {
    xMicrons: checkNumber(obj.xMicrons, childPath(path, 'xMicrons'), { ...LENGTH_RULE, min: 0 }, problems),
    yMicrons: checkNumber(obj.yMicrons, childPath(path, 'yMicrons'), { ...LENGTH_RULE, min: 0 }, problems),
    radiusMicrons: checkNumber(obj.radiusMicrons, childPath(path, 'radiusMicrons'), { ...LENGTH_RULE, max: 1000 }, problems),
    wallPO2MmHg: checkNumber(wall, childPath(path, 'wallPO2MmHg'), { min: 0, max: 100, unit: 'mmHg' }, problems),
  };
  return problems.length === before ? (vessel as Vessel) : undefined;
}

export function readVessels(value: unknown, wallDefault: number, problems: Problems): VesselSpec | undefined {
  const obj = checkObject(value, 'vessels', problems);
  if (obj === undefined) return undefined;
  const mode = checkChoice(obj.mode, 'vessels.mode', ['generated', 'list'] as const, problems);
  if (mode === 'generated') {
    checkKnownKeys(obj, ['mode'], 'vessels', problems);
    return { mode };
  }
  checkKnownKeys(obj, ['mode', 'list'], 'vessels', problems);
  if (mode === undefined) return undefined;
  if (!Array.isArray(obj.list) || obj.list.length === 0) {
    problems.push(`vessels.list must be a non-empty array of {xMicrons, yMicrons, radiusMicrons, wallPO2MmHg?} when mode = "list"`);
    return undefined;
  }
  const list = obj.list.map((v, i) => readVesselPoint(v, childPath('vessels.list', i), wallDefault, problems));
  return list.every((v) => v !== undefined) ? { mode, list: list as Vessel[] } : undefined;
}

export function readUptake(value: unknown, problems: Problems): UptakeSpec | undefined {
  const obj = checkObject(value, 'uptake', problems);
  if (obj === undefined) return undefined;
  checkKnownKeys(obj, ['uniformMmHgPerS', 'kroghRadiusMicrons'], 'uptake', problems);
  const uniform = checkNumber(obj.uniformMmHgPerS, 'uptake.uniformMmHgPerS', { min: 0, max: 50, unit: 'mmHg/s' }, problems);
  const krogh =
    obj.kroghRadiusMicrons === undefined
      ? null
      : checkNumber(obj.kroghRadiusMicrons, 'uptake.kroghRadiusMicrons', LENGTH_RULE, problems);
  return uniform === undefined || krogh === undefined ? undefined : { uniformMmHgPerS: uniform, kroghRadiusMicrons: krogh };
}

