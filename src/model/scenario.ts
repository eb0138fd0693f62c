// The scenario file: plain JSON, validated into a frozen, fully typed Scenario. Validation
// collects every problem in the file (path, value, what is allowed) and throws them together,
// so a user fixes a file in one pass. The format is documented in docs/scenario-format.md.

import defaultScenarioJson from '../../scenarios/default.json';
import { readParams } from './params-validate.ts';
import { readAssay, type AssaySpec } from './assay.ts';
import type { ParamKey, Params } from './params.ts';
import {
  readInclusion,
  readUptake,
  readVessels,
  type InclusionSpec,
  type UptakeSpec,
  type VesselSpec,
} from './scenario-blocks.ts';
import { outsideDomain } from './vessel-import.ts';
import {
  ScenarioError,
  checkBoolean,
  checkChoice,
  checkKnownKeys,
  checkNumber,
  checkObject,
  checkText,
  childPath,
  deepFreeze,
  readTopObject,
  type Problems,
} from './validation.ts';

export { ScenarioError } from './validation.ts';
export {
  INCLUSION_BOUNDARIES,
  type InclusionBoundary,
  type InclusionSpec,
  type UptakeSpec,
  type VesselFileSpec,
  type VesselSpec,
} from './scenario-blocks.ts';

/** Verification problems are kinds too: the same pipeline runs them, with most physics off. */
export const SCENARIO_KINDS = ['tissue', 'inclusion', 'vessels', 'assay'] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export const PHYSICS_SWITCHES = ['cells', 'oxygen', 'smac', 'softener', 'mechanics', 'perfusion'] as const;
export type PhysicsSwitch = (typeof PHYSICS_SWITCHES)[number];
export type Physics = Readonly<Record<PhysicsSwitch, boolean>>;

interface KindPhysics {
  readonly defaults: Physics;
  /** Switches that may be on for this kind; the others must stay off. */
  readonly allowed: readonly PhysicsSwitch[];
  /** Switches that must stay on: without them the problem is not the one named. */
  readonly required: readonly PhysicsSwitch[];
}

const OFF: Physics = { cells: false, oxygen: false, smac: false, softener: false, mechanics: false, perfusion: false };

const KIND_PHYSICS: Readonly<Record<ScenarioKind, KindPhysics>> = {
  tissue: {
    defaults: { cells: true, oxygen: true, smac: true, softener: true, mechanics: true, perfusion: true },
    allowed: PHYSICS_SWITCHES,
    required: [],
  },
  inclusion: { defaults: { ...OFF, mechanics: true }, allowed: ['mechanics'], required: ['mechanics'] },
  vessels: { defaults: { ...OFF, oxygen: true }, allowed: ['oxygen', 'smac', 'softener'], required: [] },
  assay: { defaults: { ...OFF, cells: true }, allowed: ['cells'], required: ['cells'] },
};

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly kind: ScenarioKind;
  readonly physics: Physics;
  readonly parameters: Readonly<Params>;
  readonly inclusion: InclusionSpec | null;
  readonly vessels: VesselSpec | null;
  readonly uptake: UptakeSpec | null;
  readonly assay: AssaySpec | null;
}

const TOP_KEYS = ['name', 'description', 'seed', 'kind', 'physics', 'parameters', 'inclusion', 'vessels', 'uptake', 'assay'];
const SEED_RULE = { min: 0, max: 4294967295, unit: '1', integer: true };

function readPhysics(value: unknown, kind: ScenarioKind | undefined, problems: Problems): Physics {
  const rules = KIND_PHYSICS[kind ?? 'tissue'];
  const given: Partial<Record<PhysicsSwitch, boolean>> = {};
  if (value !== undefined) {
    const obj = checkObject(value, 'physics', problems);
    if (obj !== undefined) {
      checkKnownKeys(obj, PHYSICS_SWITCHES, 'physics', problems);
      for (const key of PHYSICS_SWITCHES) {
        const on = obj[key] === undefined ? undefined : checkBoolean(obj[key], childPath('physics', key), problems);
        if (on !== undefined) given[key] = on;
      }
    }
  }
  const physics = { ...rules.defaults, ...given };
  // Perfusion responds to solid stress, so by default it follows the mechanics switch.
  if (given.perfusion === undefined) physics.perfusion = rules.defaults.perfusion && physics.mechanics;
  if (kind !== undefined) {
    for (const key of PHYSICS_SWITCHES) {
      if (given[key] === true && !rules.allowed.includes(key)) {
        problems.push(`physics.${key} = true is not allowed for kind "${kind}" (switches that may be on: ${rules.allowed.join(', ')})`);
      }
      if (given[key] === false && rules.required.includes(key)) {
        problems.push(`physics.${key} = false is not allowed for kind "${kind}": it is the physics that kind verifies`);
      }
    }
  }
  if (given.perfusion === true && physics.mechanics === false) {
    problems.push('physics.perfusion = true needs physics.mechanics = true: vessel collapse is driven by solid stress');
  }
  return physics;
}

/** Which optional blocks each kind requires or allows; a block not named is forbidden. */
const BLOCKS: Readonly<Record<ScenarioKind, Partial<Record<'inclusion' | 'vessels' | 'uptake' | 'assay', 'required' | 'allowed'>>>> = {
  tissue: { vessels: 'allowed' },
  inclusion: { inclusion: 'required' },
  vessels: { vessels: 'required', uptake: 'required' },
  assay: { assay: 'required' },
};

function checkBlocks(json: Record<string, unknown>, kind: ScenarioKind, problems: Problems): void {
  for (const block of ['inclusion', 'vessels', 'uptake', 'assay'] as const) {
    const rule = BLOCKS[kind][block];
    if (rule === 'required' && json[block] === undefined) problems.push(`${block} is required when kind = "${kind}"`);
    if (rule === undefined && json[block] !== undefined) problems.push(`${block} is not allowed when kind = "${kind}"`);
  }
}

/** Checks that need the grid: everything placed must fit in the domain. */
function checkGeometry(
  s: Pick<Scenario, 'kind' | 'parameters' | 'inclusion' | 'vessels'>,
  invalid: ReadonlySet<ParamKey>,
  problems: Problems,
): void {
  if (invalid.has('nx') || invalid.has('ny') || invalid.has('dxMicrons')) return;
  const p = s.parameters;
  const width = p.nx * p.dxMicrons;
  const height = p.ny * p.dxMicrons;
  const domain = `the domain is ${width} × ${height} µm (nx·dxMicrons × ny·dxMicrons)`;
  const halfSide = Math.min(width, height) / 2;
  if (s.kind === 'tissue' && !invalid.has('tumourRadiusMicrons') && !invalid.has('stromaWidthMicrons')) {
    const reach = p.tumourRadiusMicrons + p.stromaWidthMicrons;
    if (reach >= halfSide) {
      problems.push(`parameters.tumourRadiusMicrons + stromaWidthMicrons = ${reach} µm does not fit: ${domain}, so it must be < ${halfSide} µm`);
    }
  }
  if (s.inclusion !== null && s.inclusion.radiusMicrons >= halfSide) {
    problems.push(`inclusion.radiusMicrons = ${s.inclusion.radiusMicrons} does not fit: ${domain}, so it must be < ${halfSide} µm`);
  }
  if (s.vessels?.mode === 'generated' && !invalid.has('capillarySpacingMicrons') && p.capillarySpacingMicrons > 2 * halfSide) {
    problems.push(`parameters.capillarySpacingMicrons = ${p.capillarySpacingMicrons} is wider than the domain (${domain}): no vessel would be placed`);
  }
  if (s.vessels?.mode === 'list') problems.push(...outsideDomain(p, s.vessels.list, (i) => `vessels.list[${i}]`));
  if (s.vessels?.mode === 'segments') problems.push(...outsideDomain(p, s.vessels.segments, (i) => `vessels.segments[${i}]`));
}

/** Validates a parsed JSON value; returns a frozen Scenario or throws ScenarioError with every problem. */
export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const problems: Problems = [];
  const obj = readTopObject(json, 'the scenario', TOP_KEYS, source, problems);
  const name = checkText(obj.name, 'name', problems, true);
  const description = obj.description === undefined ? '' : checkText(obj.description, 'description', problems, false);
  const seed = obj.seed === undefined ? 1 : checkNumber(obj.seed, 'seed', SEED_RULE, problems);
  const kind = checkChoice(obj.kind, 'kind', SCENARIO_KINDS, problems);
  const { values: parameters, invalid } = readParams(obj.parameters, 'parameters', problems);
  const physics = readPhysics(obj.physics, kind, problems);
  if (kind !== undefined) checkBlocks(obj, kind, problems);
  const inclusion = obj.inclusion === undefined ? null : readInclusion(obj.inclusion, problems);
  const defaultVessels: VesselSpec | null = kind === 'tissue' ? { mode: 'generated' } : null;
  const vesselDefaults = { radiusMicrons: parameters.capillaryRadiusMicrons, wallPO2MmHg: parameters.vesselWallPO2MmHg };
  const vessels = obj.vessels === undefined ? defaultVessels : readVessels(obj.vessels, vesselDefaults, problems);
  const uptake = obj.uptake === undefined ? null : readUptake(obj.uptake, problems);
  const assay = obj.assay === undefined ? null : readAssay(obj.assay, problems);
  if (kind !== undefined && inclusion !== undefined && vessels !== undefined) {
    checkGeometry({ kind, parameters, inclusion, vessels }, invalid, problems);
  }
  if (problems.length > 0) throw new ScenarioError(problems, source);
  // No problems means every reader returned a value, so the casts only drop `undefined`.
  return deepFreeze({
    name: name!,
    description: description!,
    seed: seed!,
    kind: kind!,
    physics,
    parameters,
    inclusion: inclusion as InclusionSpec | null,
    vessels: vessels as VesselSpec | null,
    uptake: uptake as UptakeSpec | null,
    assay: assay as AssaySpec | null,
  });
}

/** Parses scenario text; a JSON syntax error is reported with the source's name. */
export function loadScenarioText(text: string, source: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError([`invalid JSON: ${(error as Error).message}`], source);
  }
  return parseScenario(json, source);
}

/**
 * The default scenario, scenarios/default.json, embedded when the code is built or loaded: the
 * file is its one definition, read by the same parser as any scenario file.
 */
export const DEFAULT_SCENARIO_JSON = deepFreeze(defaultScenarioJson);

export const DEFAULT_SCENARIO: Scenario = parseScenario(DEFAULT_SCENARIO_JSON, 'scenarios/default.json');
