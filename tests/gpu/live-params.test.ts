// Every 'live' parameter is truly live: a simulation built with the base values and given the
// changed value by updateParameters() before its first step runs bit for bit as one built with
// that value, over two steps (so the drugs' BDF2 step and the warm starts are covered too). So
// that the comparison can fail, each change must also show in the state after the two steps,
// except for the few listed in SILENT.
import { describe, expect, it, vi } from 'vitest';
import type { Gpu } from '../../src/gpu/device.ts';
import { RebuildNeededError } from '../../src/model/live-update.ts';
import { PARAM_BY_KEY, PARAMS, type ParamKey, type Params } from '../../src/model/params.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario, ScenarioError, type Scenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { snapshot } from '../../src/sim/snapshot.ts';
import { scoped, useGpu } from './fixture.ts';

const STEPS = 2;

function tissue(name: string, parameters: Record<string, number>): Scenario {
  return parseScenario({ ...DEFAULT_SCENARIO_JSON, name, parameters }, name);
}

// The default tissue with every physics on, shrunk to 32² cells of 60 µm with a smaller tumour
// (fewer cells: this file builds two simulations per live parameter); both drugs dosed from
// t = 0, a high oxygen uptake, sparser capillaries and the wall pO₂ of a venous capillary, 40 mmHg
// (an anoxic core within two steps, so that the necrosis parameters act), and a high intravasation
// hazard (a vessel's catchment is its capture area, a tenth of a 60 µm cell) so that their
// parameters act within two steps; entering a capillary primes, and half of 8 µm constrictions
// squeeze (the tumour's unstressed pores are 6.3 µm) with no refractory time, so that the squeeze's
// parameters, the refractory time and the passage cap among them, act too;
// NK cells kill at 0.5/h (the default, 0.006/h, kills nobody within two steps here).
const BASE = tissue('live-params', {
  ...DEFAULT_SCENARIO_JSON.parameters,
  nx: 32, ny: 32, dxMicrons: 60, tumourRadiusMicrons: 400,
  smacDoseNM: 200, smacFirstDoseDay: 0, softenerDoseRelative: 1, oxygenMaxUptakeMmHgPerS: 40, vesselWallPO2MmHg: 40,
  capillarySpacingMicrons: 160, intravasationPerHour: 1, intravasationPrimes: 1, criticalPoreMicrons: 8,
  squeezeRefractoryHours: 0,
  nkKillPerHour: 0.5,
});

/** Values chosen where ×1.3 would change nothing within two 4-hour steps. */
const CHOSEN: Partial<Record<ParamKey, number>> = {
  metricsIntervalMinutes: 480, // 60 × 1.3 still rounds to a sample every step
  maxGrowthStrain: 0.001, // reached in the first step
  hypoxiaThresholdMmHg: 40, // above the tissue's pO2, so division slows
  necrosisRatePerHour: 1, // few cells are anoxic yet
  smacIntervalHours: 4, // a second dose within the two steps
  smacDoseCount: 0,
  softenerIntervalHours: 2,
  softenerDurationDays: 0,
  circulationTransitHours: 6, // intravasated cells stay in the blood past the second step
  intravasationPrimes: 0, // a 0/1 switch, on in the base
  criticalPoreMicrons: 12, // wider than every pore of the tissue, so moving cells squeeze more
  squeezeMaxPassages: 3, // an integer: ×1.3 of 1 rounds back to 1
};

/** Live parameters whose effect cannot show within two steps of this tissue, and why. */
const SILENT: Partial<Record<ParamKey, string>> = {
  perfusionRecoveryHours: 'vessels reopen only where stress falls after a collapse',
  iapAnoikisProtection: 'no primed cell is detached yet',
  detachedDensity: 'the tissue\'s matrix is denser than detachedEcm everywhere',
  detachedEcm: 'no cell is sparse enough to count as detached',
  nkIapProtection: 'no NK cell meets a primed cell yet',
  seedingProbability: 'no cell reaches the lung yet',
};

const LIVE = PARAMS.filter((p) => p.apply === 'live').map((p) => p.key);

/** A value in range, clearly away from the base: ×1.3, or halfway to the bound it would pass. */
function changed(key: ParamKey): Params {
  const spec = PARAM_BY_KEY[key];
  const base = BASE.parameters[key];
  let v = CHOSEN[key] ?? (base === 0 ? spec.min + 0.25 * (spec.max - spec.min) : base * 1.3);
  if (v > spec.max) v = base < spec.max ? (base + spec.max) / 2 : (base + spec.min) / 2;
  return { ...BASE.parameters, [key]: spec.integer ? Math.round(v) : v };
}

interface State {
  /** Every field and agent array as raw bits. */
  bits: { name: string; data: Uint32Array }[];
  ledgers: string;
  stepCount: number;
}

async function runSteps(sim: Simulation): Promise<State> {
  try {
    for (let n = 0; n < STEPS; n++) await sim.step();
    const asBits = (name: string, a: Float32Array | Uint32Array) => ({ name, data: new Uint32Array(a.buffer, a.byteOffset, a.length) });
    const bits = (await snapshot(sim)).map((f) => asBits(f.name, f.data));
    const { cancer, nk } = await sim.cells!.readAgents();
    bits.push(asBits('cancer body', cancer.body), asBits('cancer tag', cancer.tag), asBits('NK body', nk.body), asBits('NK tag', nk.tag));
    const sampled = (await sim.cells!.drain()).map((s) => s.ledger);
    const now = await sim.cells!.sampleNow(sim.steps, sim.timeMinutes);
    return { bits, ledgers: JSON.stringify({ sampled, now: now.ledger }), stepCount: sim.stepCount };
  } finally {
    sim.destroy();
  }
}

/** Where two states first differ, or undefined when they are identical bit for bit. */
function firstDifference(a: State, b: State): string | undefined {
  for (let k = 0; k < Math.max(a.bits.length, b.bits.length); k++) {
    const x = a.bits[k], y = b.bits[k];
    if (x?.name !== y?.name || x.data.length !== y.data.length) return `${x?.name}[${x?.data.length}] vs ${y?.name}[${y?.data.length}]`;
    const i = x.data.findIndex((v, n) => v !== y.data[n]);
    if (i >= 0) return `${x.name}[${i}]: bits ${x.data[i]} vs ${y.data[i]}`;
  }
  if (a.ledgers !== b.ledgers) return 'metrics ledgers';
  if (a.stepCount !== b.stepCount) return `step count ${a.stepCount} vs ${b.stepCount}`;
  return undefined;
}

describe('live parameters', () => {
  const gpu = useGpu();
  let baseline: State | undefined;
  const unchanged = async (g: Gpu) => (baseline ??= await runSteps(new Simulation(g, BASE)));

  it.each(LIVE)('%s: updated before the first step = built with it', async (key) => {
    const g = gpu();
    const next = changed(key);
    await scoped(g, async () => {
      const sim = new Simulation(g, BASE);
      sim.updateParameters(next);
      expect(sim.parameters).toEqual(next);
      expect(sim.scenario.parameters).toBe(sim.parameters);
      const updated = await runSteps(sim);
      const built = await runSteps(new Simulation(g, tissue(key, next)));
      expect(firstDifference(updated, built), key).toBeUndefined();
      const effect = firstDifference(built, await unchanged(g));
      if (SILENT[key]) expect(effect, `${key} now shows: take it off SILENT`).toBeUndefined();
      else expect(effect, `${key} changes nothing in ${STEPS} steps: choose a value in CHOSEN`).toBeDefined();
    });
  });

  it('refuses a rebuild key or a value out of range, changing nothing', async () => {
    const g = gpu();
    await scoped(g, async () => {
      const sim = new Simulation(g, BASE);
      try {
        const before = sim.parameters;
        const rebuild = { ...before, nx: 40, tumourRadiusMicrons: 300, tumourStiffnessKPa: 30 };
        expect(() => sim.updateParameters(rebuild)).toThrow(RebuildNeededError);
        expect(() => sim.updateParameters(rebuild)).toThrow(/^tumourRadiusMicrons, nx need a rebuild/);
        const bad = { ...before, tumourStiffnessKPa: 900, smacDoseCount: 2.5 };
        expect(() => sim.updateParameters(bad)).toThrow(ScenarioError);
        expect(() => sim.updateParameters(bad)).toThrow(/tumourStiffnessKPa = 900 is out of range \[1, 100\] kPa/);
        expect(() => sim.updateParameters(bad)).toThrow(/smacDoseCount = 2\.5 must be an integer/);
        const { dtMinutes: _, ...missing } = before;
        expect(() => sim.updateParameters(missing as Params)).toThrow(/parameters\.dtMinutes is missing/);
        expect(sim.parameters).toBe(before);
        expect(sim.scenario).toBe(BASE);
      } finally {
        sim.destroy();
      }
    });
  });

  it('mid-run: restarts the drugs\' BDF2 history when dt changes, and only then; steps on', async () => {
    const g = gpu();
    await scoped(g, async () => {
      const sim = new Simulation(g, BASE);
      try {
        await sim.step();
        const restarts = [vi.spyOn(sim.smac!, 'restart'), vi.spyOn(sim.softener!, 'restart')];
        sim.updateParameters({ ...sim.parameters, smacDiffusivityUm2PerS: 500, stromaCollagenRatio: 2, tumourPoissonRatio: 0.3 });
        for (const r of restarts) expect(r).not.toHaveBeenCalled();
        sim.updateParameters({ ...sim.parameters, dtMinutes: 120 });
        for (const r of restarts) expect(r).toHaveBeenCalledOnce();
        await sim.step();
        expect(sim.timeMinutes).toBe(240 + 120);
        for (const f of await snapshot(sim)) expect(f.data.every(Number.isFinite), f.name).toBe(true);
      } finally {
        sim.destroy();
      }
    });
  });
});
