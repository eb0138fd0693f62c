// Statistical tests of the stochastic cell rules, run as whole assays on the GPU and compared
// with closed forms (science-reference.md: a constant hazard h gives S(t) = e^(−ht), checked
// within 3 standard errors √(S(1−S)/N)): survival in suspension, the NK serial-killer
// distribution, and the mean squared displacement of the persistent random walk.
import { describe, expect, it } from 'vitest';
import { cellParamValues, type CellRuleParams } from '../../src/cells/cell-params.ts';
import { nkCapacity } from '../../src/cells/initial.ts';
import { anoikisRate, chance, nextIap, poreSpeed, stressSpeed } from '../../src/cells/rules.ts';
import type { Gpu } from '../../src/gpu/device.ts';
import { RNG_STREAM, uniform4 } from '../../src/model/rng.ts';
import { parseScenario, type Scenario } from '../../src/model/scenario.ts';
import { binomialStandardError, chiSquareGoodnessOfFit, mean, standardError } from '../../src/model/stats.ts';
import type { MetricsSample } from '../../src/sim/cell-coupling.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { scoped, useGpu } from './fixture.ts';
import { storedCellParams } from './rules-probe.ts';

const SEED = 7;

function assayScenario(name: string, parameters: Record<string, number>, assay: Record<string, unknown>): Scenario {
  return parseScenario({ name, kind: 'assay', seed: SEED, parameters, assay }, name);
}

/** The rule parameters exactly as the shaders read them (f32), for the CPU twins. */
function ruleParams(sim: Simulation): CellRuleParams {
  const s = sim.scenario;
  const values = cellParamValues(s.parameters, sim.cells!.experiment.setting, {
    nx: sim.world.nx, ny: sim.world.ny, hMicrons: sim.world.hMicrons, capacity: sim.cells!.cells.capacity,
    seed: s.seed, step: 0, plasmaSmacNM: 0, nkCount: sim.cells!.cells.nkCount,
  });
  return storedCellParams(values);
}

/** Runs `steps` steps with one metrics sample per step; after(n) is the sample after n steps. */
async function runWithSamples(g: Gpu, scenario: Scenario, steps: number): Promise<{ after: (n: number) => MetricsSample; p: CellRuleParams }> {
  expect(scenario.parameters.metricsIntervalMinutes).toBe(scenario.parameters.dtMinutes);
  return scoped(g, async () => {
    const sim = new Simulation(g, scenario);
    for (let n = 0; n < steps; n++) await sim.step();
    const samples = [...(await sim.cells!.drain())].sort((a, b) => a.step - b.step);
    const p = ruleParams(sim);
    sim.destroy();
    expect(samples.map((s) => s.step)).toEqual(Array.from({ length: steps }, (_, n) => n + 1));
    return { after: (n: number) => samples[n - 1], p };
  });
}

/** Suspended cells of the given groups in a sample. */
function suspended(sample: MetricsSample, groups: readonly number[]): number {
  return groups.reduce((sum, g) => sum + sample.ledger.groups[g].suspended, 0);
}

interface SurvivalRow {
  n: number;
  hours: number;
  observed: number;
  expected: number;
  se: number;
}

function survivalRow(n: number, dt: number, live: number, total: number, expected: number): SurvivalRow {
  return { n, hours: ((n - 1) * dt) / 60, observed: live / total, expected, se: binomialStandardError(expected, total) };
}

function logRows(title: string, rows: readonly SurvivalRow[]): void {
  console.log(`${title}\n${rows.map((r) => `  n=${r.n} t=${r.hours}h S=${r.observed.toFixed(4)} expected ${r.expected.toFixed(4)} (${((r.observed - r.expected) / r.se).toFixed(2)} SE)`).join('\n')}`);
}

function expectWithin3Se(title: string, rows: readonly SurvivalRow[]): void {
  const off = rows.filter((r) => !(Math.abs(r.observed - r.expected) <= 3 * r.se));
  expect(off.map((r) => `${title} n=${r.n}: S=${r.observed.toFixed(4)}, expected ${r.expected.toFixed(4)} ± 3·${r.se.toFixed(4)}`)).toEqual([]);
}

// Anoikis assay: every group is held attached with timer 0, so step 0 only detaches them (and
// relaxes IAP once); from step 1 on each suspended step applies the hazard as a draw against
// 1 − e^(−h·dt). After n steps a cell has therefore faced n − 1 hazard steps, and with a constant
// h the discrete survival is exactly Π(e^(−h·dt)) = e^(−h·(n−1)·dt): no time-step error.
const DT_ANOIKIS = 30;
const ANOIKIS_STEPS = 30;
const ANOIKIS_CHECKS = [2, 5, 10, 15, 20, 30];
const ANOIKIS_BASE = { nx: 16, ny: 16, dxMicrons: 10, dtMinutes: DT_ANOIKIS, durationDays: 1, metricsIntervalMinutes: DT_ANOIKIS, anoikisRatePerHour: 0.3 };
// The window outlasts the run, so no cell leaves alive and every loss is anoikis.
const ANOIKIS_ASSAY = { type: 'anoikis', delaysDays: [0], windowHours: 100 };

/**
 * Survival of the twin in suspension, following act.wgsl's order: IAP is updated at the start of
 * every step (the detachment step included), then the hazard is drawn with the updated IAP.
 */
function twinSurvival(p: CellRuleParams, iap0: number, steps: number): number[] {
  let iap = nextIap(p, iap0, 0);
  const survival = [1, 1];
  let s = 1;
  for (let n = 2; n <= steps; n++) {
    iap = nextIap(p, iap, 0);
    s *= 1 - chance(anoikisRate(p, iap), p.dt);
    survival.push(s);
  }
  return survival;
}

// NK co-culture where every NK cell spends its whole capacity: many targets per NK (one is
// exposed in nearly every grid cell), a kill hazard that makes an attack all but certain
// (1 − e^(−100/h · 10 min) ≈ 1 − 6e-8 on a control target, 1 − 1e-3 on a squeezed one), no
// refractory pause, and more steps than the largest capacity drawn needs (all are spent by
// about step 35 with this seed).
const NK_TARGETS_PER_GROUP = 4000;
const NK_PER_TARGET = 0.1;
const NK_INACTIVE = 0.3;
const NK_MEAN_KILLS = 4;
const NK_STEPS = 50;

/** P(capacity = c) of nkCapacity: f for 0, else (1 − f)(1 − q)q^(c−1) with q = 1 − 1/m. */
function capacityProbability(c: number, f: number, m: number): number {
  const q = 1 - 1 / m;
  return c === 0 ? f : (1 - f) * (1 - q) * q ** (c - 1);
}

// Persistent random walk (act.wgsl): θ ← θ + σZ with σ = √(2dt/τ_p), then a step of v·dt along
// θ. Successive step directions have E[cos(θ_i − θ_j)] = e^(−σ²|i−j|/2) = q^|i−j| with
// q = e^(−dt/τ_p), so after n steps MSD = (v·dt)²·[n + 2 Σ_{k=1}^{n−1} (n − k)·q^k] exactly.
function walkMsd(n: number, stepLength: number, q: number): number {
  let sum = n;
  for (let k = 1; k < n; k++) sum += 2 * (n - k) * q ** k;
  return stepLength ** 2 * sum;
}

const WALK_GRID = 64, WALK_H = 10, WALK_DT = 10;
const WALK_CHECKS = [1, 2, 5, 10, 20, 40];

describe('stochastic cell rules against closed forms', () => {
  const gpu = useGpu();

  it('a constant anoikis hazard gives exponential survival in suspension', async () => {
    // No IAP protection: every group (control, squeezed, with and without SMAC) has hazard h.
    const perGroup = 2000;
    const scenario = assayScenario('constant-hazard', { ...ANOIKIS_BASE, iapAnoikisProtection: 0 },
      { ...ANOIKIS_ASSAY, cellsPerGroup: perGroup, smacNM: 500, smacHours: 4 });
    const { after, p } = await runWithSamples(gpu(), scenario, ANOIKIS_STEPS);
    const groups = [0, 1, 2, 3];
    const total = groups.length * perGroup;
    // The detachment step: every cell suspended, none dead, none still held.
    expect(suspended(after(1), groups)).toBe(total);
    const h = p.anoikis_rate;
    const rows = ANOIKIS_CHECKS.map((n) => survivalRow(n, p.dt, suspended(after(n), groups), total, Math.exp(-h * (n - 1) * p.dt)));
    logRows(`constant hazard h = ${(h * 60).toFixed(3)}/h, N = ${total}: S vs e^(−h t)`, rows);
    expectWithin3Se('constant hazard', rows);
    const last = after(ANOIKIS_STEPS).ledger;
    expect(last.counters.anoikisSuspended + suspended(after(ANOIKIS_STEPS), groups)).toBe(total);
    expect(last.counters.survivedWindow).toBe(0);
  });

  it('IAP-protected survival follows the twin hazard integrated step by step', async () => {
    // Squeezed cells start at I = 4 and relax with τ_I = 2.4 h (about five steps), so the hazard
    // h/(1 + α(I − 1)) rises from about h/17 to h during the run. Without SMAC the dosed and
    // undosed groups follow the same law and are pooled.
    const perGroup = 4000;
    const scenario = assayScenario('protected-hazard', { ...ANOIKIS_BASE, iapAnoikisProtection: 8, squeezeIapFactor: 4, iapRelaxationDays: 0.1 },
      { ...ANOIKIS_ASSAY, cellsPerGroup: perGroup, smacNM: 0, smacHours: 0 });
    const { after, p } = await runWithSamples(gpu(), scenario, ANOIKIS_STEPS);
    const laws = [
      { name: 'control (I = 1)', groups: [0, 2], iap0: 1 },
      { name: `squeezed (I0 = ${p.iap_factor})`, groups: [1, 3], iap0: p.iap_factor },
    ];
    for (const law of laws) {
      const twin = twinSurvival(p, law.iap0, ANOIKIS_STEPS);
      const total = law.groups.length * perGroup;
      const rows = ANOIKIS_CHECKS.map((n) => survivalRow(n, p.dt, suspended(after(n), law.groups), total, twin[n]));
      logRows(`protected hazard, ${law.name}, N = ${total}: S vs the integrated twin`, rows);
      expectWithin3Se(law.name, rows);
    }
  });

  it('every NK cell spends its drawn kill capacity: the serial-killer distribution', async () => {
    const scenario = assayScenario('serial-killers', {
      nx: 64, ny: 64, dxMicrons: 10, dtMinutes: 10, durationDays: 1, metricsIntervalMinutes: 10,
      nkKillPerHour: 100, nkRefractoryMinutes: 0, nkTumourBias: 0, nkInactiveFraction: NK_INACTIVE, nkMeanKills: NK_MEAN_KILLS,
    }, { type: 'nk-coculture', targetsPerGroup: NK_TARGETS_PER_GROUP, nkPerTarget: NK_PER_TARGET });
    const g = gpu();
    const { tag, last } = await scoped(g, async () => {
      const sim = new Simulation(g, scenario);
      for (let n = 0; n < NK_STEPS; n++) await sim.step();
      const agents = await sim.cells!.readAgents();
      const last = (await sim.cells!.drain()).at(-1)!;
      sim.destroy();
      return { tag: agents.nk.tag, last };
    });
    const count = tag.length / 4;
    expect(count).toBe(Math.round(NK_PER_TARGET * 2 * NK_TARGETS_PER_GROUP));
    const made: number[] = [];
    const problems: string[] = [];
    for (let i = 0; i < count; i++) {
      const [id, left, kills] = tag.subarray(4 * i, 4 * i + 3);
      const [a, b] = uniform4(SEED, id, 0, RNG_STREAM.nkCapacity);
      const capacity = nkCapacity(a, b, NK_INACTIVE, NK_MEAN_KILLS);
      if (kills + left !== capacity) problems.push(`NK ${id}: ${kills} made + ${left} left ≠ capacity ${capacity}`);
      if (left !== 0) problems.push(`NK ${id}: ${left} of ${capacity} kills left after ${NK_STEPS} steps`);
      made.push(kills);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // Every kill is one target's death, and the metrics kernel's histogram agrees.
    const totalKills = made.reduce((a, b) => a + b, 0);
    expect(last.ledger.counters.nkTissue).toBe(totalKills);
    const histogram = [0, 1, 2, 3, 4].map((k) => made.filter((m) => m === k).length).concat(made.filter((m) => m >= 5).length);
    expect(last.ledger.nkKills).toEqual(histogram);
    // χ² against the capacity distribution, the tail pooled so every expected count is ≥ 5.
    const observed: number[] = [], expected: number[] = [];
    let tail = 1;
    for (let c = 0; ; c++) {
      const pc = capacityProbability(c, NK_INACTIVE, NK_MEAN_KILLS);
      tail -= pc;
      if (count * tail < 5) {
        observed.push(made.filter((m) => m >= c).length);
        expected.push(count * (pc + tail));
        break;
      }
      observed.push(made.filter((m) => m === c).length);
      expected.push(count * pc);
    }
    const fit = chiSquareGoodnessOfFit(observed, expected);
    const idle = observed[0] / count;
    const se = binomialStandardError(NK_INACTIVE, count);
    console.log(`serial killers: ${count} NK cells, ${totalKills} kills, max ${Math.max(...made)}; kills 0…${observed.length - 1}+ observed [${observed}] expected [${expected.map((e) => e.toFixed(1))}]; χ² = ${fit.statistic.toFixed(2)} (dof ${fit.dof}), p = ${fit.p.toFixed(3)}; killed none ${idle.toFixed(4)} vs f = ${NK_INACTIVE} (${((idle - NK_INACTIVE) / se).toFixed(2)} SE)`);
    expect(fit.p, `χ² = ${fit.statistic.toFixed(2)} on ${fit.dof} dof`).toBeGreaterThan(0.001);
    expect(Math.abs(idle - NK_INACTIVE), `fraction killing none ${idle}`).toBeLessThanOrEqual(3 * se);
  });

  it('the persistent random walk has the exact discrete mean squared displacement', async () => {
    // One transwell well whose 20 µm membrane (grid row 1, below the cells) and 10 µm matrix are both
    // at least the nucleus, so pores never slow a cell; no drift, no stress, no squeeze.
    const cells = 8000;
    const scenario = assayScenario('random-walk', {
      nx: WALK_GRID, ny: WALK_GRID, dxMicrons: WALK_H, dtMinutes: WALK_DT, durationDays: 1, metricsIntervalMinutes: WALK_DT,
      cellSpeedUmPerMin: 0.2, persistenceMinutes: 60, detachedDensity: 0,
    }, { type: 'transwell', poresMicrons: [20], cellsPerWell: cells, membraneDepthMicrons: (WALK_GRID - 1) * WALK_H, chemotaxis: 0 });
    const params = scenario.parameters;
    for (const pore of [params.poreSizeMicrons, 20]) expect(poreSpeed(pore, params.nucleusDiameterMicrons)).toBe(1);
    expect(stressSpeed(0, params.motilityStressDecayPerKPa)).toBe(1);
    // Detachment needs density below detachedDensity = 0, which never happens; pO2 is the vessel
    // wall's everywhere, above the necrosis threshold; assays do not divide.
    expect(params.vesselWallPO2MmHg).toBeGreaterThan(params.necrosisPO2MmHg);
    const g = gpu();
    const steps = WALK_CHECKS.at(-1)!;
    const { positions, p, proliferation, counters } = await scoped(g, async () => {
      const sim = new Simulation(g, scenario);
      const positions = new Map<number, Map<number, [number, number, number]>>();
      const record = async (n: number) => {
        const { cancer } = await sim.cells!.readAgents();
        const at = new Map<number, [number, number, number]>();
        for (let i = 0; i < cancer.count; i++) at.set(cancer.tag[4 * i], [cancer.body[8 * i], cancer.body[8 * i + 1], cancer.tag[4 * i + 2]]);
        positions.set(n, at);
      };
      await record(0);
      for (let n = 1; n <= steps; n++) {
        await sim.step();
        if (WALK_CHECKS.includes(n)) await record(n);
      }
      const counters = (await sim.cells!.drain()).at(-1)!.ledger.counters;
      const out = { positions, p: ruleParams(sim), proliferation: sim.cells!.experiment.setting.proliferation, counters };
      sim.destroy();
      return out;
    });
    expect(proliferation).toBe(false);
    expect([counters.necrosis, counters.anoikisTissue, counters.squeezes, counters.intravasations, counters.divisions]).toEqual([0, 0, 0, 0, 0]);
    const start = positions.get(0)!;
    expect(start.size).toBe(cells);
    const stepLength = p.speed * p.dt;
    const q = Math.exp(-p.dt / p.persistence);
    // A cell can have reached a wall only if it started within the longest possible path of one;
    // choosing cells by where they start (not where they went) keeps the sample unbiased.
    const reach = steps * stepLength;
    const size = WALK_GRID * WALK_H;
    const far = [...start].filter(([, [x, y]]) => Math.min(x, y, size - x, size - y) > reach + 1).map(([id]) => id);
    expect(far.length).toBeGreaterThan(cells / 2);
    const lines: string[] = [];
    const off: string[] = [];
    for (const n of WALK_CHECKS) {
      const now = positions.get(n)!;
      expect(now.size).toBe(cells);
      const squared = far.map((id) => {
        const [x0, y0] = start.get(id)!;
        const [x, y, passages] = now.get(id)!;
        if (passages !== 0) off.push(`cell ${id} squeezed`);
        return (x - x0) ** 2 + (y - y0) ** 2;
      });
      const msd = mean(squared);
      const exact = walkMsd(n, stepLength, q);
      // One step has a fixed length, so its spread is only rounding: WGSL promises cos and sin
      // only to 2^-11 absolute, which changes a step's squared length by up to 2√2·2^-11.
      const tolerance = Math.max(3 * standardError(squared), 3 * 2 ** -11 * exact);
      const spread = n === 1 ? 'a fixed step length' : `${((msd - exact) / standardError(squared)).toFixed(2)} SE`;
      lines.push(`  n=${n}: MSD ${msd.toFixed(3)} µm², exact ${exact.toFixed(3)}, ratio ${(msd / exact).toFixed(4)} (${spread})`);
      if (!(Math.abs(msd - exact) <= tolerance)) off.push(`n=${n}: MSD ${msd} vs exact ${exact} ± ${tolerance}`);
    }
    console.log(`random walk, ${far.length} cells far from the walls, v·dt = ${stepLength} µm, q = e^(−dt/τ_p) = ${q.toFixed(4)}:\n${lines.join('\n')}`);
    expect(off.slice(0, 10)).toEqual([]);
  });
});
