// Valid scenario files of every kind, written from docs/scenario-format.md and the parameter
// table: a grid the multigrid takes, everything placed inside the domain, the physics a kind
// allows, the blocks it requires, parameters anywhere in their ranges.
import fc from 'fast-check';
import { PARAM_BY_KEY, PARAM_KEYS, type ParamKey } from '../../../src/model/params.ts';
import { compact, type Json } from './json-tree.ts';
import { gridSize, numberIn, paramValue } from './param-values.ts';

type Kind = 'tissue' | 'inclusion' | 'vessels' | 'assay';
const SWITCHES = ['cells', 'oxygen', 'smac', 'softener', 'mechanics', 'perfusion'] as const;

/** Per kind: the switches that may be on and those that must be. */
const KIND_SWITCHES: Readonly<Record<Kind, { allowed: readonly string[]; required: readonly string[] }>> = {
  tissue: { allowed: SWITCHES, required: [] },
  inclusion: { allowed: ['mechanics'], required: ['mechanics'] },
  vessels: { allowed: ['oxygen', 'smac', 'softener'], required: [] },
  assay: { allowed: ['cells'], required: ['cells'] },
};

/** Keys placed by the geometry below, so they always fit the grid. */
const PLACED: readonly ParamKey[] = ['nx', 'ny', 'dxMicrons', 'tumourRadiusMicrons', 'stromaWidthMicrons', 'capillarySpacingMicrons'];
const FREE_KEYS = PARAM_KEYS.filter((k) => !PLACED.includes(k));

export interface Domain {
  readonly nx: number;
  readonly ny: number;
  readonly dxMicrons: number;
  readonly width: number;
  readonly height: number;
}

/** A grid at least 60 µm on its shorter side, so a tumour of the smallest radius fits. */
export function domain(maxCells: number): fc.Arbitrary<Domain> {
  return fc.tuple(gridSize(maxCells), gridSize(maxCells)).chain(([nx, ny]) =>
    numberIn({ min: Math.max(0.1, 60 / Math.min(nx, ny)), max: 100, unit: 'µm' }).map((dxMicrons) => ({
      nx, ny, dxMicrons, width: nx * dxMicrons, height: ny * dxMicrons,
    })));
}

/** A fraction kept clear of 1, so "must be < half the side" holds after rounding too. */
const fraction = fc.double({ min: 0, max: 0.95, noNaN: true });

function asParam(key: ParamKey, value: number): fc.Arbitrary<Json> {
  const unit = PARAM_BY_KEY[key].unit;
  return fc.constantFrom<Json>(value, { value, unit });
}

function placedParameters(d: Domain): fc.Arbitrary<Record<string, Json>> {
  const halfSide = Math.min(d.width, d.height) / 2;
  return fc.tuple(fraction, fraction, numberIn({ min: 20, max: Math.min(1000, 2 * halfSide), unit: 'µm' })).chain(([a, b, spacing]) => {
    const tumour = 20 + a * (Math.min(20000, halfSide) - 20);
    const stroma = Math.min(5000, b * (halfSide - tumour));
    return fc.record({
      nx: asParam('nx', d.nx), ny: asParam('ny', d.ny), dxMicrons: asParam('dxMicrons', d.dxMicrons),
      tumourRadiusMicrons: asParam('tumourRadiusMicrons', tumour), stromaWidthMicrons: asParam('stromaWidthMicrons', stroma),
      capillarySpacingMicrons: asParam('capillarySpacingMicrons', spacing),
    });
  });
}

function parameters(d: Domain): fc.Arbitrary<Json> {
  const free = fc.subarray(FREE_KEYS, { maxLength: 12 }).chain((keys) =>
    fc.tuple(...keys.map((k) => paramValue(PARAM_BY_KEY[k]))).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]!]))));
  return fc.tuple(placedParameters(d), free).map(([placed, rest]) => ({ ...rest, ...placed }));
}

function physics(kind: Kind): fc.Arbitrary<Json | undefined> {
  const { allowed, required } = KIND_SWITCHES[kind];
  const given = fc.subarray([...SWITCHES]).chain((keys) => fc.tuple(...keys.map(() => fc.boolean())).map((on) => {
    const out: Record<string, boolean> = {};
    keys.forEach((k, i) => (out[k] = required.includes(k) || (allowed.includes(k) && on[i]!)));
    // Perfusion is driven by solid stress: on only with mechanics, which tissue has on by default.
    if (out.perfusion && out.mechanics === false) out.perfusion = false;
    return out;
  }));
  return fc.option(given, { nil: undefined });
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const radius = numberIn({ min: 0.1, max: 1000, unit: 'µm' });
const wall = numberIn({ min: 0, max: 100, unit: 'mmHg' });

/** Where a vessel may sit: inside the domain, and within the position rule's 100 mm. */
function position(extent: number): fc.Arbitrary<number> {
  return numberIn({ min: 0, max: Math.min(extent, 100000), unit: 'µm' });
}

export function vesselPoint(d: Domain, radiusRequired: boolean): fc.Arbitrary<Json> {
  return fc.record({ xMicrons: position(d.width), yMicrons: position(d.height), radius: radiusRequired ? radius : optional(radius), wall: optional(wall) })
    .map(({ xMicrons, yMicrons, radius: r, wall: w }) => compact({ xMicrons, yMicrons, radiusMicrons: r, wallPO2MmHg: w }));
}

export function vesselSegment(d: Domain, radiusRequired: boolean): fc.Arbitrary<Json> {
  return fc.record({
    x0Microns: position(d.width), y0Microns: position(d.height), x1Microns: position(d.width), y1Microns: position(d.height),
    radius: radiusRequired ? radius : optional(radius), wall: optional(wall),
  }).map(({ radius: r, wall: w, ...ends }) => compact({ ...ends, radiusMicrons: r, wallPO2MmHg: w }));
}

function vessels(d: Domain): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constant({ mode: 'generated' }),
    fc.array(vesselPoint(d, true), { minLength: 1, maxLength: 12 }).map((list) => ({ mode: 'list', list })),
    fc.array(vesselSegment(d, true), { minLength: 1, maxLength: 12 }).map((segments) => ({ mode: 'segments', segments })),
    fc.record({ path: fc.string({ minLength: 1, maxLength: 30 }).filter((p) => p.trim() !== ''), r: optional(radius), w: optional(wall) })
      .map(({ path, r, w }) => compact({ mode: 'file', path, radiusMicrons: r, wallPO2MmHg: w })),
  );
}

function inclusion(d: Domain): fc.Arbitrary<Json> {
  const halfSide = Math.min(d.width, d.height) / 2;
  const modulus = numberIn({ min: 0.1, max: 200, unit: 'kPa' });
  const nu = numberIn({ min: 0, max: 0.49, unit: '1' });
  return fc.record({
    radiusMicrons: numberIn({ min: 0.1, max: Math.min(100000, 0.95 * halfSide), unit: 'µm' }),
    eigenstrain: numberIn({ min: -0.3, max: 0.3, unit: '1' }),
    inclusionEKPa: modulus, inclusionNu: nu, matrixEKPa: modulus, matrixNu: nu,
    boundary: fc.constantFrom('clamped', 'traction-free', 'exact-infinite'),
  });
}

const uptake: fc.Arbitrary<Json> = fc.record({
  uniformMmHgPerS: numberIn({ min: 0, max: 50, unit: 'mmHg/s' }),
  krogh: optional(numberIn({ min: 0.1, max: 100000, unit: 'µm' })),
}).map(({ uniformMmHgPerS, krogh }) => compact({ uniformMmHgPerS, kroghRadiusMicrons: krogh }));

const cells = numberIn({ min: 1, max: 2_000_000, unit: 'cells', integer: true });
const hoursAgo = optional(numberIn({ min: 0, max: 2000, unit: 'h' }));

const assay: fc.Arbitrary<Json> = fc.oneof(
  fc.record({
    poresMicrons: optional(fc.array(numberIn({ min: 0.5, max: 50, unit: 'µm' }), { minLength: 1, maxLength: 2 })),
    cellsPerWell: optional(cells), membraneDepthMicrons: optional(numberIn({ min: 10, max: 10000, unit: 'µm' })),
    chemotaxis: optional(numberIn({ min: 0, max: 1, unit: '1' })),
  }).map((a) => compact({ type: 'transwell', ...a })),
  fc.record({
    delaysDays: optional(fc.array(numberIn({ min: 0, max: 60, unit: 'day' }), { minLength: 1, maxLength: 8 })),
    cellsPerGroup: optional(cells), windowHours: optional(numberIn({ min: 1, max: 1000, unit: 'h' })),
    smacNM: optional(numberIn({ min: 0, max: 100000, unit: 'nM' })), smacHours: optional(numberIn({ min: 0, max: 1000, unit: 'h' })),
    squeezedHoursAgo: hoursAgo,
  }).map((a) => compact({ type: 'anoikis', ...a })),
  fc.record({ targetsPerGroup: optional(cells), nkPerTarget: optional(numberIn({ min: 0, max: 100, unit: '1' })), squeezedHoursAgo: hoursAgo })
    .map((a) => compact({ type: 'nk-coculture', ...a })),
  fc.record({ miceEach: optional(numberIn({ min: 1, max: 16, unit: 'mice', integer: true })), cellsPerMouse: optional(cells), squeezedHoursAgo: hoursAgo })
    .map((a) => compact({ type: 'tail-vein', ...a })),
);

const text = (minLength: number, maxLength: number) =>
  fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }));

/** The blocks each kind requires or allows (optional ones drawn or left out). */
function blocks(kind: Kind, d: Domain): fc.Arbitrary<Record<string, Json | undefined>> {
  switch (kind) {
    case 'tissue': return fc.record({ vessels: optional(vessels(d)) });
    case 'inclusion': return fc.record({ inclusion: inclusion(d) });
    case 'vessels': return fc.record({ vessels: vessels(d), uptake });
    case 'assay': return fc.record({ assay });
  }
}

export function validScenario(maxCells = 1024): fc.Arbitrary<Json> {
  return fc.tuple(fc.constantFrom<Kind>('tissue', 'inclusion', 'vessels', 'assay'), domain(maxCells)).chain(([kind, d]) => fc.record({
    name: text(1, 40).filter((n) => n.trim() !== ''),
    description: optional(text(0, 200)),
    seed: optional(fc.integer({ min: 0, max: 4294967295 })),
    physics: physics(kind),
    parameters: parameters(d),
    blocks: blocks(kind, d),
  }).map(({ blocks: b, ...rest }) => compact({ ...rest, kind, ...b })));
}
