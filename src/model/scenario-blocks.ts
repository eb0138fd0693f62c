// The optional blocks of a scenario file that describe a verification problem's geometry:
// the inclusion, the vessels and the replacement uptake. Each reader appends every problem
// it finds and returns undefined when any was found.

import {
  checkChoice,
  checkKnownKeys,
  checkNumber,
  checkObject,
  checkText,
  childPath,
  type Problems,
} from './validation.ts';
import type { Vessel, VesselSegment } from './vessels.ts';

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

/**
 * A vessel network read from a file when the scenario is loaded from disk (resolveVesselFile):
 * a PNG mask or a JSON array of points or segments. The radius and wall pO₂ are those of mask
 * pixels and of file entries that leave them out; the parameters supply them when not given.
 */
export interface VesselFileSpec {
  readonly mode: 'file';
  readonly path: string;
  readonly radiusMicrons: number;
  readonly wallPO2MmHg: number;
}

export type VesselSpec =
  | { readonly mode: 'generated' }
  | { readonly mode: 'list'; readonly list: readonly Vessel[] }
  | { readonly mode: 'segments'; readonly segments: readonly VesselSegment[] }
  | VesselFileSpec;

export const VESSEL_MODES = ['generated', 'list', 'segments', 'file'] as const;

/** Radius and wall pO₂ for entries that leave them out; no radius: the radius is required. */
export interface VesselDefaults {
  readonly radiusMicrons?: number;
  readonly wallPO2MmHg: number;
}

/** Zero-order oxygen uptake replacing the tumour's, for the vessels verification kind. */
export interface UptakeSpec {
  readonly uniformMmHgPerS: number;
  /** Uptake only within this distance of a vessel centre (the Krogh cylinder); null: everywhere. */
  readonly kroghRadiusMicrons: number | null;
}

const E_RULE = { min: 0.1, max: 200, unit: 'kPa' };
const NU_RULE = { min: 0, max: 0.49, unit: '1' };
const LENGTH_RULE = { min: 0.1, max: 100000, unit: 'µm' };
const POSITION_RULE = { ...LENGTH_RULE, min: 0 };
const RADIUS_RULE = { ...LENGTH_RULE, max: 1000 };
const WALL_RULE = { min: 0, max: 100, unit: 'mmHg' };

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

export function readVesselPoint(value: unknown, path: string, defaults: VesselDefaults, problems: Problems): Vessel | undefined {
  const obj = checkObject(value, path, problems);
  if (obj === undefined) return undefined;
  checkKnownKeys(obj, ['xMicrons', 'yMicrons', 'radiusMicrons', 'wallPO2MmHg'], path, problems);
  const before = problems.length;
  const vessel = {
    xMicrons: checkNumber(obj.xMicrons, childPath(path, 'xMicrons'), POSITION_RULE, problems),
    yMicrons: checkNumber(obj.yMicrons, childPath(path, 'yMicrons'), POSITION_RULE, problems),
    ...readRadiusAndWall(obj, path, defaults, problems),
  };
  return problems.length === before ? (vessel as Vessel) : undefined;
}

export function readVesselSegment(value: unknown, path: string, defaults: VesselDefaults, problems: Problems): VesselSegment | undefined {
  const obj = checkObject(value, path, problems);
  if (obj === undefined) return undefined;
  checkKnownKeys(obj, ['x0Microns', 'y0Microns', 'x1Microns', 'y1Microns', 'radiusMicrons', 'wallPO2MmHg'], path, problems);
  const before = problems.length;
  const segment = {
    x0Microns: checkNumber(obj.x0Microns, childPath(path, 'x0Microns'), POSITION_RULE, problems),
    y0Microns: checkNumber(obj.y0Microns, childPath(path, 'y0Microns'), POSITION_RULE, problems),
    x1Microns: checkNumber(obj.x1Microns, childPath(path, 'x1Microns'), POSITION_RULE, problems),
    y1Microns: checkNumber(obj.y1Microns, childPath(path, 'y1Microns'), POSITION_RULE, problems),
    ...readRadiusAndWall(obj, path, defaults, problems),
  };
  return problems.length === before ? (segment as VesselSegment) : undefined;
}

function readRadiusAndWall(obj: Record<string, unknown>, path: string, defaults: VesselDefaults, problems: Problems) {
  const radius = obj.radiusMicrons === undefined ? defaults.radiusMicrons : obj.radiusMicrons;
  const wall = obj.wallPO2MmHg === undefined ? defaults.wallPO2MmHg : obj.wallPO2MmHg;
  return {
    radiusMicrons: checkNumber(radius, childPath(path, 'radiusMicrons'), RADIUS_RULE, problems),
    wallPO2MmHg: checkNumber(wall, childPath(path, 'wallPO2MmHg'), WALL_RULE, problems),
  };
}

/** A non-empty array, each entry read by `read`; undefined (with problems) otherwise. */
function readEntries<T>(
  value: unknown,
  path: string,
  shape: string,
  read: (v: unknown, path: string, problems: Problems) => T | undefined,
  problems: Problems,
): T[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path} must be a non-empty array of ${shape}`);
    return undefined;
  }
  const entries = value.map((v, i) => read(v, childPath(path, i), problems));
  return entries.every((v) => v !== undefined) ? (entries as T[]) : undefined;
}

const MODE_KEYS: Readonly<Record<(typeof VESSEL_MODES)[number], readonly string[]>> = {
  generated: ['mode'],
  list: ['mode', 'list'],
  segments: ['mode', 'segments'],
  file: ['mode', 'path', 'radiusMicrons', 'wallPO2MmHg'],
};

/** `defaults`: the parameters' capillary radius and wall pO₂. */
export function readVessels(value: unknown, defaults: Required<VesselDefaults>, problems: Problems): VesselSpec | undefined {
  const obj = checkObject(value, 'vessels', problems);
  if (obj === undefined) return undefined;
  const mode = checkChoice(obj.mode, 'vessels.mode', VESSEL_MODES, problems);
  // Without a valid mode, any key of any mode may be meant.
  checkKnownKeys(obj, mode === undefined ? [...new Set(Object.values(MODE_KEYS).flat())] : MODE_KEYS[mode], 'vessels', problems);
  const listed = { wallPO2MmHg: defaults.wallPO2MmHg };
  switch (mode) {
    case undefined:
      return undefined;
    case 'generated':
      return { mode };
    case 'list': {
      const shape = '{xMicrons, yMicrons, radiusMicrons, wallPO2MmHg?} when mode = "list"';
      const list = readEntries(obj.list, 'vessels.list', shape, (v, p, pr) => readVesselPoint(v, p, listed, pr), problems);
      return list && { mode, list };
    }
    case 'segments': {
      const shape = '{x0Microns, y0Microns, x1Microns, y1Microns, radiusMicrons, wallPO2MmHg?} when mode = "segments"';
      const segments = readEntries(obj.segments, 'vessels.segments', shape, (v, p, pr) => readVesselSegment(v, p, listed, pr), problems);
      return segments && { mode, segments };
    }
    case 'file': {
      const before = problems.length;
      const spec = {
        mode,
        path: checkText(obj.path, 'vessels.path', problems, true),
        ...readRadiusAndWall(obj, 'vessels', defaults, problems),
      };
      return problems.length === before ? (spec as VesselFileSpec) : undefined;
    }
  }
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

