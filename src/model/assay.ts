// The study's experiments (README, "Cells, and the study replayed"), as the `assay` block of a scenario
// of kind "assay". Each names what the paper varied; everything else comes from the parameter
// table, so an assay and the tissue share every rule and its calibration.
import { checkChoice, checkKnownKeys, checkNumber, checkObject, childPath, type NumberRule, type Problems } from './validation.ts';

export const ASSAY_TYPES = ['transwell', 'anoikis', 'nk-coculture', 'tail-vein'] as const;
export type AssayType = (typeof ASSAY_TYPES)[number];

/** Wells side by side, one membrane pore size each; cells start above and drift down a serum gradient. */
export interface TranswellAssay {
  readonly type: 'transwell';
  readonly poresMicrons: readonly number[];
  readonly cellsPerWell: number;
  /** Depth of the membrane below the top of the well. */
  readonly membraneDepthMicrons: number;
  /** Drift toward serum as a fraction of the cell's speed. */
  readonly chemotaxis: number;
}

// Every assay but the transwell starts its squeezed group `squeezedHoursAgo` after one passage, with
// the IAP, speed gain and stabilisation that the rules give a cell then (0: squeezed at the start):
// the study used the cells its transwell harvested at 72 h, which crossed hours to days before.

/** Squeezed and control cells kept attached for each delay, then detached for the window, with and without SMAC mimetic. */
export interface AnoikisAssay {
  readonly type: 'anoikis';
  readonly delaysDays: readonly number[];
  readonly cellsPerGroup: number;
  readonly windowHours: number;
  readonly smacNM: number;
  readonly smacHours: number;
  readonly squeezedHoursAgo: number;
}

/** NK cells with control and squeezed targets (mitomycin-treated: no division). */
export interface NkCocultureAssay {
  readonly type: 'nk-coculture';
  readonly targetsPerGroup: number;
  readonly nkPerTarget: number;
  readonly squeezedHoursAgo: number;
}

/** Cells injected into the blood of virtual mice, control and squeezed groups. */
export interface TailVeinAssay {
  readonly type: 'tail-vein';
  readonly miceEach: number;
  readonly cellsPerMouse: number;
  readonly squeezedHoursAgo: number;
}

export type AssaySpec = TranswellAssay | AnoikisAssay | NkCocultureAssay | TailVeinAssay;

const COUNT: NumberRule = { min: 1, max: 2_000_000, unit: 'cells', integer: true };
const HOURS_AGO: NumberRule = { min: 0, max: 2000, unit: 'h' };

function list(value: unknown, path: string, rule: NumberRule, maxLength: number, problems: Problems): number[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxLength) {
    problems.push(`${path} must be a list of 1 to ${maxLength} numbers in [${rule.min}, ${rule.max}] ${rule.unit}`);
    return undefined;
  }
  const out = value.map((v, i) => checkNumber(v, childPath(path, i), rule, problems));
  return out.every((v) => v !== undefined) ? (out as number[]) : undefined;
}

export function readAssay(value: unknown, problems: Problems): AssaySpec | undefined {
  const obj = checkObject(value, 'assay', problems);
  if (obj === undefined) return undefined;
  const type = checkChoice(obj.type, 'assay.type', ASSAY_TYPES, problems);
  if (type === undefined) return undefined;
  const before = problems.length;
  const num = (key: string, rule: NumberRule, fallback: number) =>
    obj[key] === undefined ? fallback : checkNumber(obj[key], childPath('assay', key), rule, problems);
  let spec: Record<string, unknown>;
  if (type === 'transwell') {
    checkKnownKeys(obj, ['type', 'poresMicrons', 'cellsPerWell', 'membraneDepthMicrons', 'chemotaxis'], 'assay', problems);
    spec = {
      type,
      poresMicrons: obj.poresMicrons === undefined ? [3, 8] : list(obj.poresMicrons, 'assay.poresMicrons', { min: 0.5, max: 50, unit: 'µm' }, 2, problems),
      cellsPerWell: num('cellsPerWell', COUNT, 1000),
      membraneDepthMicrons: num('membraneDepthMicrons', { min: 10, max: 10000, unit: 'µm' }, 100),
      chemotaxis: num('chemotaxis', { min: 0, max: 1, unit: '1' }, 0.3),
    };
  } else if (type === 'anoikis') {
    checkKnownKeys(obj, ['type', 'delaysDays', 'cellsPerGroup', 'windowHours', 'smacNM', 'smacHours', 'squeezedHoursAgo'], 'assay', problems);
    spec = {
      type,
      delaysDays: obj.delaysDays === undefined ? [0, 3, 5, 7] : list(obj.delaysDays, 'assay.delaysDays', { min: 0, max: 60, unit: 'day' }, 8, problems),
      cellsPerGroup: num('cellsPerGroup', COUNT, 2000),
      windowHours: num('windowHours', { min: 1, max: 1000, unit: 'h' }, 48),
      smacNM: num('smacNM', { min: 0, max: 100000, unit: 'nM' }, 500),
      smacHours: num('smacHours', { min: 0, max: 1000, unit: 'h' }, 16),
      squeezedHoursAgo: num('squeezedHoursAgo', HOURS_AGO, 0),
    };
  } else if (type === 'nk-coculture') {
    checkKnownKeys(obj, ['type', 'targetsPerGroup', 'nkPerTarget', 'squeezedHoursAgo'], 'assay', problems);
    spec = {
      type, targetsPerGroup: num('targetsPerGroup', COUNT, 500), nkPerTarget: num('nkPerTarget', { min: 0, max: 100, unit: '1' }, 2),
      squeezedHoursAgo: num('squeezedHoursAgo', HOURS_AGO, 0),
    };
  } else {
    checkKnownKeys(obj, ['type', 'miceEach', 'cellsPerMouse', 'squeezedHoursAgo'], 'assay', problems);
    spec = {
      type, miceEach: num('miceEach', { min: 1, max: 16, unit: 'mice', integer: true }, 15), cellsPerMouse: num('cellsPerMouse', COUNT, 25000),
      squeezedHoursAgo: num('squeezedHoursAgo', HOURS_AGO, 0),
    };
  }
  return problems.length === before ? (spec as unknown as AssaySpec) : undefined;
}

/** The grid row the transwell membrane occupies: membraneDepthMicrons below the top, kept inside the grid. */
export function transwellMembraneRow(grid: { ny: number; dxMicrons: number }, a: TranswellAssay): number {
  const { ny, dxMicrons: h } = grid;
  return Math.min(ny - 2, Math.max(1, Math.floor((ny * h - a.membraneDepthMicrons) / h)));
}
