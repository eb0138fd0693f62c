import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCENARIO,
  DEFAULT_SCENARIO_JSON,
  ScenarioError,
  loadScenarioText,
  parseScenario,
} from '../../src/model/scenario.ts';
import { PARAM_BY_KEY, defaultParams, type ParamKey } from '../../src/model/params.ts';

const scenarioDir = new URL('../../scenarios/', import.meta.url);

function readScenario(file: string): string {
  return readFileSync(new URL(file, scenarioDir), 'utf8');
}

function problemsOf(json: unknown): readonly string[] {
  try {
    parseScenario(json, 'test.json');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

const tissue = { name: 't', kind: 'tissue' };
const inclusion = {
  name: 'i',
  kind: 'inclusion',
  inclusion: {
    radiusMicrons: 200, eigenstrain: 0.05, inclusionEKPa: 20, inclusionNu: 0.45,
    matrixEKPa: 2, matrixNu: 0.45, boundary: 'exact-infinite',
  },
};
const vessels = {
  name: 'v',
  kind: 'vessels',
  vessels: { mode: 'list', list: [{ xMicrons: 100, yMicrons: 100, radiusMicrons: 4 }] },
  uptake: { uniformMmHgPerS: 2 },
};

describe('shipped scenarios', () => {
  const files = readdirSync(scenarioDir).filter((f) => f.endsWith('.json'));

  it('includes the required files', () => {
    for (const f of ['default', 'inclusion-stiff', 'inclusion-soft', 'inclusion-clamped', 'single-capillary', 'two-capillaries', 'physics-off']) {
      expect(files).toContain(`${f}.json`);
    }
  });

  it.each(files)('%s parses, and its name matches the file', (file) => {
    const s = loadScenarioText(readScenario(file), `scenarios/${file}`);
    expect(`${s.name}.json`).toBe(file);
    expect(Object.isFrozen(s) && Object.isFrozen(s.parameters) && Object.isFrozen(s.physics)).toBe(true);
  });

  it('DEFAULT_SCENARIO is default.json as the parser reads the file', () => {
    const text = readScenario('default.json');
    expect(JSON.parse(text)).toEqual(DEFAULT_SCENARIO_JSON);
    expect(loadScenarioText(text, 'scenarios/default.json')).toEqual(DEFAULT_SCENARIO);
  });

  it('default.json sets only the parameters where the default tumour departs from the table', () => {
    const given = Object.entries(DEFAULT_SCENARIO_JSON.parameters);
    for (const [key, value] of given) expect(value, key).not.toBe(PARAM_BY_KEY[key as ParamKey].default);
    expect(DEFAULT_SCENARIO.parameters).toEqual({ ...defaultParams(), ...Object.fromEntries(given) });
  });

  it('runs the default tumour on the grid, geometry, steps and doses its results were made with', () => {
    expect(DEFAULT_SCENARIO.parameters).toMatchObject({
      nx: 256, ny: 256, dxMicrons: 10, tumourRadiusMicrons: 900, stromaWidthMicrons: 300,
      dtMinutes: 240, durationDays: 14, smacDoseNM: 0, softenerDoseRelative: 0,
    });
    expect(DEFAULT_SCENARIO.seed).toBe(1);
  });

  it('physics-off.json has mechanics, and with it perfusion, off', () => {
    const s = loadScenarioText(readScenario('physics-off.json'), 'physics-off.json');
    expect(s.physics).toEqual({ cells: true, oxygen: true, smac: true, softener: true, mechanics: false, perfusion: false });
  });

  it('every JSON example in docs/scenario-format.md parses', () => {
    const doc = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBe(4);
    for (const block of blocks) expect(() => loadScenarioText(block, 'docs example')).not.toThrow();
  });

  it('the docs and the README show default.json as it is (the README without its description)', () => {
    const firstBlockAfter = (path: string, marker: string) => {
      const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
      return JSON.parse(/```json\n([\s\S]*?)```/.exec(text.slice(text.indexOf(marker)))![1]!);
    };
    expect(firstBlockAfter('docs/scenario-format.md', 'this is `scenarios/default.json`')).toEqual(DEFAULT_SCENARIO_JSON);
    const { description: _, ...withoutDescription } = DEFAULT_SCENARIO_JSON;
    expect(firstBlockAfter('README.md', 'the default tumour (`scenarios/default.json`')).toEqual(withoutDescription);
  });
});

describe('scenario defaults by kind', () => {
  it('tissue: everything on, a generated bed, default seed', () => {
    const s = parseScenario(tissue);
    expect(Object.values(s.physics).every(Boolean)).toBe(true);
    expect(s.vessels).toEqual({ mode: 'generated' });
    expect(s.seed).toBe(1);
    expect(s.description).toBe('');
    expect(s.inclusion).toBeNull();
    expect(s.uptake).toBeNull();
  });

  it('inclusion: mechanics only, no vessels', () => {
    const s = parseScenario(inclusion);
    expect(s.physics).toEqual({ cells: false, oxygen: false, smac: false, softener: false, mechanics: true, perfusion: false });
    expect(s.vessels).toBeNull();
    expect(s.inclusion?.boundary).toBe('exact-infinite');
  });

  it('vessels: oxygen only; a listed vessel takes the default wall pO₂', () => {
    const s = parseScenario(vessels);
    expect(s.physics.oxygen).toBe(true);
    expect(s.physics.mechanics).toBe(false);
    expect(s.vessels).toEqual({ mode: 'list', list: [{ xMicrons: 100, yMicrons: 100, radiusMicrons: 4, wallPO2MmHg: 80 }] });
    expect(s.uptake).toEqual({ uniformMmHgPerS: 2, kroghRadiusMicrons: null });
  });
});

describe('scenario validation', () => {
  it('names path, value and range of a bad parameter, and suggests the nearest key', () => {
    expect(problemsOf({ ...tissue, parameters: { tumourStiffnessKPa: 900, tumorStiffness: 20 } })).toEqual([
      'unknown key "tumorStiffness" in parameters (did you mean "tumourStiffnessKPa"?)',
      'parameters.tumourStiffnessKPa = 900 is out of range [1, 100] kPa',
    ]);
  });

  it('reports unknown keys at every level', () => {
    const problems = problemsOf({
      ...vessels,
      nmae: 'x',
      physics: { oxygne: true },
      vessels: { mode: 'list', list: [{ xMicrons: 1, yMicrons: 1, radiusMicrons: 4, raduis: 3 }] },
      uptake: { uniformMmHgPerS: 2, extra: 1 },
    });
    expect(problems).toEqual([
      'unknown key "nmae" in the top level (did you mean "name"?); allowed: name, description, seed, kind, physics, parameters, inclusion, vessels, uptake, assay',
      'unknown key "oxygne" in physics (did you mean "oxygen"?); allowed: cells, oxygen, smac, softener, mechanics, perfusion',
      'unknown key "raduis" in vessels.list[0] (did you mean "radiusMicrons"?); allowed: xMicrons, yMicrons, radiusMicrons, wallPO2MmHg',
      'unknown key "extra" in uptake; allowed: uniformMmHgPerS, kroghRadiusMicrons',
    ]);
  });

  it('checks types, integers and choices, and reports them all together', () => {
    expect(problemsOf({ name: 7, seed: 1.5, kind: 'tumour', description: false, physics: { smac: 'yes' } })).toEqual([
      'name = 7 must be a non-empty string',
      'description = false must be a string',
      'seed = 1.5 must be an integer in [0, 4294967295]',
      'kind = "tumour" must be one of "tissue", "inclusion", "vessels", "assay"',
      'physics.smac = "yes" must be true or false',
    ]);
  });

  it('requires and forbids blocks by kind', () => {
    expect(problemsOf({ name: 'x', kind: 'inclusion', uptake: { uniformMmHgPerS: 1 } })).toEqual([
      'inclusion is required when kind = "inclusion"',
      'uptake is not allowed when kind = "inclusion"',
    ]);
    expect(problemsOf({ name: 'x', kind: 'vessels' })).toEqual([
      'vessels is required when kind = "vessels"',
      'uptake is required when kind = "vessels"',
    ]);
    expect(problemsOf({ ...tissue, inclusion: inclusion.inclusion })).toEqual(['inclusion is not allowed when kind = "tissue"']);
  });

  it('enforces the physics switches each kind allows', () => {
    expect(problemsOf({ ...inclusion, physics: { oxygen: true, mechanics: false } })).toEqual([
      'physics.oxygen = true is not allowed for kind "inclusion" (switches that may be on: mechanics)',
      'physics.mechanics = false is not allowed for kind "inclusion": it is the physics that kind verifies',
    ]);
    expect(problemsOf({ ...tissue, physics: { mechanics: false, perfusion: true } })).toEqual([
      'physics.perfusion = true needs physics.mechanics = true: vessel collapse is driven by solid stress',
    ]);
  });

  it('names missing and out-of-range fields of the inclusion block', () => {
    const { boundary: _, ...rest } = inclusion.inclusion;
    expect(problemsOf({ ...inclusion, inclusion: { ...rest, inclusionNu: 0.5, eigenstrain: -1 } })).toEqual([
      'inclusion.eigenstrain = -1 is out of range [-0.3, 0.3]',
      'inclusion.inclusionNu = 0.5 is out of range [0, 0.49]',
      'inclusion.boundary is missing: it must be one of "clamped", "traction-free", "exact-infinite"',
    ]);
  });

  it('checks that everything placed fits in the domain', () => {
    expect(problemsOf({ ...tissue, parameters: { nx: 64, ny: 64 } })).toEqual([
      'parameters.tumourRadiusMicrons + stromaWidthMicrons = 1200 µm does not fit: the domain is 640 × 640 µm (nx·dxMicrons × ny·dxMicrons), so it must be < 320 µm',
    ]);
    expect(problemsOf({ ...inclusion, parameters: { nx: 32, ny: 64 } })).toEqual([
      'inclusion.radiusMicrons = 200 does not fit: the domain is 320 × 640 µm (nx·dxMicrons × ny·dxMicrons), so it must be < 160 µm',
    ]);
    const outside = { mode: 'list', list: [{ xMicrons: 3000, yMicrons: 10, radiusMicrons: 4 }] };
    expect(problemsOf({ ...vessels, vessels: outside })).toEqual([
      'vessels.list[0] at (3000, 10) µm lies outside the domain: the domain is 2560 × 2560 µm (nx·dxMicrons × ny·dxMicrons)',
    ]);
    expect(problemsOf({ ...vessels, vessels: { mode: 'list', list: [] } })).toEqual([
      'vessels.list must be a non-empty array of {xMicrons, yMicrons, radiusMicrons, wallPO2MmHg?} when mode = "list"',
    ]);
  });

  it('skips geometry checks whose inputs were already rejected', () => {
    expect(problemsOf({ ...tissue, parameters: { nx: 100, tumourRadiusMicrons: 5000 } })).toHaveLength(1);
  });

  it('refuses a file nested deeper than any scenario by path, without overflowing the stack', () => {
    const deep = `{"name": "x", "kind": "tissue", "parameters": ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}}`;
    expect(() => loadScenarioText(deep, 'deep.json')).toThrow(/deep\.json: 1 problem:\n {2}- parameters(\.a){31} nests more than 32 levels of objects and arrays/);
  });

  it('reports JSON syntax errors with the source name', () => {
    expect(() => loadScenarioText('{ "name": ', 'scenarios/broken.json')).toThrowError(/^scenarios\/broken\.json: 1 problem:\n {2}- invalid JSON/);
    expect(() => parseScenario([], 'list.json')).toThrowError('list.json: 1 problem:\n  - the scenario = [] must be a JSON object');
  });

  it('never clamps: a valid file comes back with its own values', () => {
    const s = parseScenario({ ...tissue, parameters: { tumourStiffnessKPa: 100, smacDoseNM: { value: 0, unit: 'nM' } } });
    expect(s.parameters.tumourStiffnessKPa).toBe(100);
    expect(s.parameters.smacDoseNM).toBe(0);
  });
});
