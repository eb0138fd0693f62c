// Statistical tests of the stochastic cell rules, run as whole assays on the GPU and compared
// with closed forms (a hazard h(t) gives S(t) = exp(−∫h), checked within 3 standard errors
// √(S(1−S)/N)): survival in suspension, in blood and in the lung at steps of 10, 60 and 240 min,
// the NK serial-killer distribution, and the persistent random walk's mean squared displacement
// against the continuous walk's at every step.
import { describe, expect, it } from 'vitest';
import { cellParamValues, type CellRuleParams } from '../../src/cells/cell-params.ts';
import { nkCapacity } from '../../src/cells/initial.ts';
import { iapLife, lifeProtectedTime, passageLevel, poreSpeed, stressSpeed } from '../../src/cells/rules.ts';
import { persistentWalkMsd } from '../../src/cells/walk.ts';
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

// Anoikis assay: every group is held attached with timer 0, so each cell is suspended from the
// start of step 0, and after n steps it has faced the hazard for n·dt: with a constant h the
// survival is e^(−h·n·dt) exactly, whatever dt.
const DT_ANOIKIS = 30;
const ANOIKIS_STEPS = 30;
const ANOIKIS_CHECKS = [1, 2, 5, 10, 20, 30];
const ANOIKIS_BASE = { nx: 16, ny: 16, dxMicrons: 10, dtMinutes: DT_ANOIKIS, durationDays: 1, metricsIntervalMinutes: DT_ANOIKIS, anoikisRatePerHour: 0.3 };
// The window outlasts the run, so no cell leaves alive and every loss is anoikis.
const ANOIKIS_ASSAY = { type: 'anoikis', delaysDays: [0], windowHours: 100 };
/** The steps every rule must give the same answers at. */
const STEPS_MINUTES = [10, 60, 240];

/** Runs until `minutes` have passed (a multiple of dt) and returns the last sample. */
async function runFor(g: Gpu, scenario: Scenario, minutes: number): Promise<{ last: MetricsSample; p: CellRuleParams }> {
  return scoped(g, async () => {
    const sim = new Simulation(g, scenario);
    const steps = minutes / scenario.parameters.dtMinutes;
    expect(Number.isInteger(steps)).toBe(true);
    for (let n = 0; n < steps; n++) await sim.step();
    const last = await sim.cells!.sampleNow(sim.steps, sim.timeMinutes);
    const p = ruleParams(sim);
    sim.destroy();
    return { last, p };
  });
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

// NK contact in tissue: a 3.84 mm square (192 and 384 cells a side) of targets at n·π·r_c² = 1/2
// for r_c = 15 µm, of which about a tenth are killed, by few enough NK cells (0.1 within r_c of a
// target) that two rarely attack one target in a step.
const NK_CONTACT_DOMAIN = 3840;
const NK_CONTACT_TARGETS_PER_GROUP = Math.round((0.5 * NK_CONTACT_DOMAIN ** 2) / (Math.PI * 15 * 15) / 2);
const NK_CONTACT_NK_PER_TARGET = 0.19;
const NK_CONTACT_STEPS = 60;

/** P(capacity = c) of nkCapacity: f for 0, else (1 − f)(1 − q)q^(c−1) with q = 1 − 1/m. */
function capacityProbability(c: number, f: number, m: number): number {
  const q = 1 - 1 / m;
  return c === 0 ? f : (1 - f) * (1 - q) * q ** (c - 1);
}

// The persistent random walk (act.wgsl, src/cells/walk.ts) against the continuous walk's
// MSD(t) = 2v²τ_p²(t/τ_p − 1 + e^(−t/τ_p)) at 1, 4 and 24 h, for each step that divides them.
const WALK_GRID = 256, WALK_H = 10;
const WALK_HOURS = [1, 4, 24];
const WALK_TOLERANCE = 0.05;

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
    const h = p.anoikis_rate;
    const rows = ANOIKIS_CHECKS.map((n) => survivalRow(n, p.dt, suspended(after(n), groups), total, Math.exp(-h * n * p.dt)));
    logRows(`constant hazard h = ${(h * 60).toFixed(3)}/h, N = ${total}: S vs e^(−h t)`, rows);
    expectWithin3Se('constant hazard', rows);
    const last = after(ANOIKIS_STEPS).ledger;
    expect(last.counters.anoikisSuspended + suspended(after(ANOIKIS_STEPS), groups)).toBe(total);
    expect(last.counters.survivedWindow).toBe(0);
  });

  it('IAP-protected survival after a day is the same at every step and follows the exact hazard integral', async () => {
    // Squeezed cells, squeezed at the start, rise from I = 1 toward 4 with τ_r = 1 h, are held
    // there until their stabilisation ends at 6 h, and relax with τ_I = 2.4 h: the hazard
    // h/(1 + α(I − 1)) falls from h to about h/25 and rises back to h during the day, across the
    // lapse. Without SMAC the dosed and undosed groups follow the same law and are pooled.
    const perGroup = 4000;
    const rows: SurvivalRow[] = [];
    for (const dt of STEPS_MINUTES) {
      const scenario = assayScenario('protected-hazard', {
        ...ANOIKIS_BASE, dtMinutes: dt, metricsIntervalMinutes: 1440, anoikisRatePerHour: 0.06, iapAnoikisProtection: 8, squeezeIapFactor: 4,
        iapRiseHours: 1, iapHoldDays: 0.25, iapRelaxationDays: 0.1,
      }, { ...ANOIKIS_ASSAY, cellsPerGroup: perGroup, smacNM: 0, smacHours: 0 });
      const { last, p } = await runFor(gpu(), scenario, 1440);
      for (const law of [{ groups: [0, 2], passages: 0 }, { groups: [1, 3], passages: 1 }]) {
        const total = law.groups.length * perGroup;
        const life = iapLife(p, 1, 0, 0, law.passages * p.iap_hold, passageLevel(p, law.passages));
        const expected = Math.exp(-p.anoikis_rate * lifeProtectedTime(life, p.iap_protection, 0, 1440));
        rows.push({ ...survivalRow(1440 / dt, dt, suspended(last, law.groups), total, expected), hours: 24 });
      }
    }
    logRows('protected hazard, control and squeezed (rising to 4, held 6 h), 24 h, at dt = 10, 60, 240 min: S vs exp(−∫h)', rows);
    expectWithin3Se('protected hazard', rows);
  });

  it('time in blood and survival in blood and lung do not depend on the step', async () => {
    // Control (I = 1) and squeezed cells, injected 1 h after their passage (I rising toward 2,
    // stabilisation ending 72 min later), into the blood: 1 h in blood, then the lung. After 4 h every survivor has arrested, and the deaths in blood are those of
    // exactly the first hour, at every step (dt = 240 min once kept cells 4 h in blood).
    const cells = 10000;
    const rows: string[] = [];
    const off: string[] = [];
    for (const dt of STEPS_MINUTES) {
      const scenario = parseScenario({
        name: 'blood', kind: 'assay', seed: SEED,
        parameters: {
          nx: 16, ny: 16, dxMicrons: 10, dtMinutes: dt, durationDays: 1, metricsIntervalMinutes: 1440, anoikisRatePerHour: 0.2, bloodNkKillPerHour: 0.1,
          iapRiseHours: 1, iapHoldDays: 0.09, iapRelaxationDays: 0.1,
        },
        assay: { type: 'tail-vein', miceEach: 1, cellsPerMouse: cells, squeezedHoursAgo: 1 },
      }, 'blood');
      const { last, p } = await runFor(gpu(), scenario, 240);
      // The squeezed cell's course from its passage, 60 min before injection.
      const survival = (passages: number, minutes: number) => {
        const life = iapLife(p, 1, 0, -60, passages * p.iap_hold, passageLevel(p, passages));
        return Math.exp(-p.anoikis_rate * lifeProtectedTime(life, p.iap_protection, 0, minutes) - p.blood_nk_rate * lifeProtectedTime(life, p.nk_protection, 0, minutes));
      };
      const laws = [0, 1].map((passages) => ({ blood: survival(passages, p.transit), end: survival(passages, 240) }));
      const k = last.ledger.counters;
      const inBlood = last.ledger.groups.reduce((sum, g) => sum + g.circulating, 0);
      const expectedBloodDeaths = laws.reduce((sum, l) => sum + cells * (1 - l.blood), 0);
      const bloodSe = Math.sqrt(laws.reduce((sum, l) => sum + cells * l.blood * (1 - l.blood), 0));
      const expectedLung = laws.reduce((sum, l) => sum + cells * l.end, 0);
      const lungSe = Math.sqrt(laws.reduce((sum, l) => sum + cells * l.end * (1 - l.end), 0));
      // NK deaths in blood and lung share one counter, so the deaths in blood are the cells that never arrested.
      const bloodDeaths = 2 * cells - k.lungArrests;
      const lung = last.ledger.groups.reduce((sum, g) => sum + g.lung, 0);
      rows.push(`  dt ${dt}: in blood at 4 h ${inBlood}; blood deaths ${bloodDeaths} (expected ${expectedBloodDeaths.toFixed(1)}, ${((bloodDeaths - expectedBloodDeaths) / bloodSe).toFixed(2)} SE); alive in the lung ${lung} (expected ${expectedLung.toFixed(1)}, ${((lung - expectedLung) / lungSe).toFixed(2)} SE)`);
      if (inBlood !== 0) off.push(`dt ${dt}: ${inBlood} cells still in blood after 4 h`);
      if (k.anoikisBlood + k.anoikisLung + k.nkBlood !== 2 * cells - lung) off.push(`dt ${dt}: deaths do not add up to the cells lost`);
      if (!(Math.abs(bloodDeaths - expectedBloodDeaths) <= 3 * bloodSe)) off.push(`dt ${dt}: blood deaths ${bloodDeaths} vs ${expectedBloodDeaths} ± 3·${bloodSe}`);
      if (!(Math.abs(lung - expectedLung) <= 3 * lungSe)) off.push(`dt ${dt}: alive in the lung ${lung} vs ${expectedLung} ± 3·${lungSe}`);
    }
    console.log(`blood and lung, ${cells} control and ${cells} squeezed cells:\n${rows.join('\n')}`);
    expect(off).toEqual([]);
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

  it('an NK cell touches the tumour cells within its contact distance, whatever the grid', async () => {
    // Targets uniform at n with n·π·r_c² = 1/2, NK cells uniform, no drift, no protection, no
    // pause, one substep a step, NK cells fast enough (50 µm a step) that the disk an NK touches is
    // new at every step: each step an NK cell with kills left kills with chance p·P(n), where
    // p = 1 − exp(−k·dt) and P(n) = 1 − exp(−n·|disk ∩ domain|) averaged over its position. Kills
    // thin the targets, so n falls as n₀(1 − K/N) and the expected kills follow from the steps one
    // by one. That thinning is not quite at random: an NK cell kills one of the targets it touches,
    // so lone targets go a little faster than clustered ones and the rest cover less area than
    // Poisson points would, a deficit that grows with the share killed (−7 % with 38 % killed at
    // n·π·r_c² = 1); a tenth killed at 1/2 keeps it well within the counting noise (3 %). Contact
    // reads no grid, so the same tissue on 20 and 10 µm grids gives the same kills, bit for bit.
    const L = NK_CONTACT_DOMAIN, r = 15, dt = 5, k = 0.26;
    const p = 1 - Math.exp((-k * dt) / 60);
    const targets = 2 * NK_CONTACT_TARGETS_PER_GROUP;
    const area = L * L;
    const meanContact = (n: number) => {
      const bulk = 1 - Math.exp(-n * Math.PI * r * r);
      let edge = 0;
      const parts = 200;
      for (let q = 0; q < parts; q++) {
        const d = ((q + 0.5) / parts) * r;
        const cut = r * r * Math.acos(d / r) - d * Math.sqrt(r * r - d * d);
        edge += (1 - Math.exp(-n * (Math.PI * r * r - cut))) / parts;
      }
      const strip = (4 * r) / L;
      return (1 - strip) * bulk + strip * edge;
    };
    const rows: string[] = [];
    const off: string[] = [];
    const kills: number[] = [];
    for (const h of [20, 10]) {
      const scenario = assayScenario(`nk contact h${h}`, {
        nx: L / h, ny: L / h, dxMicrons: h, dtMinutes: dt, durationDays: 1, metricsIntervalMinutes: dt,
        nkKillPerHour: k, nkContactMicrons: r, nkSpeedUmPerMin: 10, nkRefractoryMinutes: 0, nkTumourBias: 0, nkInactiveFraction: 0, nkMeanKills: 50, nkIapProtection: 0,
      }, { type: 'nk-coculture', targetsPerGroup: NK_CONTACT_TARGETS_PER_GROUP, nkPerTarget: NK_CONTACT_NK_PER_TARGET });
      const g = gpu();
      const { capacities, killed, substeps } = await scoped(g, async () => {
        const sim = new Simulation(g, scenario);
        for (let s = 0; s < NK_CONTACT_STEPS; s++) await sim.step();
        const { nk } = await sim.cells!.readAgents();
        const last = (await sim.cells!.drain()).at(-1)!;
        const substeps = ruleParams(sim).walk_steps;
        sim.destroy();
        const capacities = Array.from({ length: nk.tag.length / 4 }, (_, i) => nk.tag[4 * i + 1] + nk.tag[4 * i + 2]);
        return { capacities, killed: last.ledger.counters.nkTissue, substeps };
      });
      expect(substeps).toBe(1);
      // An NK cell kills at most its capacity: with Λ the kill chances summed so far, it still
      // has kills left with chance P(Poisson(Λ) < capacity).
      let expected = 0, lambda = 0;
      for (let s = 0; s < NK_CONTACT_STEPS; s++) {
        const chance = p * meanContact((targets - expected) / area);
        let active = 0;
        for (const c of capacities) {
          let term = Math.exp(-lambda), below = 0;
          for (let j = 0; j < c && j < 60; j++) {
            below += term;
            term *= lambda / (j + 1);
          }
          active += Math.min(below, 1);
        }
        expected += active * chance;
        lambda += chance;
      }
      const se = Math.sqrt(expected);
      kills.push(killed);
      rows.push(`h ${h} µm: ${killed} kills, expected ${expected.toFixed(0)} (${((killed - expected) / se).toFixed(2)} SE)`);
      if (Math.abs(killed - expected) > 3 * se) off.push(rows.at(-1)!);
    }
    console.log(`NK contact, ${targets} targets at n·π·r_c² = 1/2, ${Math.round(NK_CONTACT_NK_PER_TARGET * targets)} NK cells, ${NK_CONTACT_STEPS} steps of ${dt} min:\n${rows.join('\n')}`);
    expect(off).toEqual([]);
    expect(kills[1]).toBe(kills[0]);
  });

  it('the persistent random walk has the continuous walk\'s mean squared displacement at every step', async () => {
    // One transwell well whose 20 µm membrane (grid row 1, below the cells) and 10 µm matrix are both
    // at least the nucleus, so pores never slow a cell; no drift, no stress, and no squeeze (half
    // of 0.5 µm constrictions squeeze, so 1/(1 + 20⁸) of 10 µm ones do).
    const cells = 16000;
    const g = gpu();
    const lines: string[] = [];
    const off: string[] = [];
    for (const dt of STEPS_MINUTES) {
      const scenario = assayScenario('random-walk', {
        nx: WALK_GRID, ny: WALK_GRID, dxMicrons: WALK_H, dtMinutes: dt, durationDays: 1, metricsIntervalMinutes: 1440,
        cellSpeedUmPerMin: 0.2, persistenceMinutes: 60, detachedDensity: 0, criticalPoreMicrons: 0.5,
      }, { type: 'transwell', poresMicrons: [20], cellsPerWell: cells, membraneDepthMicrons: (WALK_GRID - 1) * WALK_H, chemotaxis: 0 });
      const params = scenario.parameters;
      for (const pore of [params.poreSizeMicrons, 20]) expect(poreSpeed(pore, params.nucleusDiameterMicrons)).toBe(1);
      expect(stressSpeed(0, params.motilityStressDecayPerKPa)).toBe(1);
      // Detachment needs density below detachedDensity = 0, which never happens; pO2 is the vessel
      // wall's everywhere, above the necrosis threshold; assays do not divide.
      expect(params.vesselWallPO2MmHg).toBeGreaterThan(params.necrosisPO2MmHg);
      const checks = WALK_HOURS.filter((h) => (h * 60) % dt === 0).map((h) => (h * 60) / dt);
      const { positions, p, counters } = await scoped(g, async () => {
        const sim = new Simulation(g, scenario);
        const positions = new Map<number, Map<number, [number, number, number]>>();
        const record = async (n: number) => {
          const { cancer } = await sim.cells!.readAgents();
          const at = new Map<number, [number, number, number]>();
          for (let i = 0; i < cancer.count; i++) at.set(cancer.tag[4 * i], [cancer.body[8 * i], cancer.body[8 * i + 1], cancer.tag[4 * i + 2]]);
          positions.set(n, at);
        };
        await record(0);
        for (let n = 1; n <= checks.at(-1)!; n++) {
          await sim.step();
          if (checks.includes(n)) await record(n);
        }
        const counters = (await sim.cells!.sampleNow(sim.steps, sim.timeMinutes)).ledger.counters;
        const out = { positions, p: ruleParams(sim), counters };
        sim.destroy();
        return out;
      });
      expect([counters.necrosis, counters.anoikisTissue, counters.squeezes, counters.intravasations, counters.divisions]).toEqual([0, 0, 0, 0, 0]);
      const start = positions.get(0)!;
      expect(start.size).toBe(cells);
      // Cells that start further from every wall than six root-mean-square displacements of the
      // longest time (chosen by where they start, so the sample is unbiased) do not feel the walls.
      const rms = Math.sqrt(persistentWalkMsd(p.speed, p.persistence, WALK_HOURS.at(-1)! * 60));
      const size = WALK_GRID * WALK_H;
      const far = [...start].filter(([, [x, y]]) => Math.min(x, y, size - x, size - y) > 6 * rms).map(([id]) => id);
      expect(far.length).toBeGreaterThan(cells / 4);
      for (const n of checks) {
        const now = positions.get(n)!;
        const squared = far.map((id) => {
          const [x0, y0] = start.get(id)!;
          const [x, y, passages] = now.get(id)!;
          if (passages !== 0) off.push(`dt ${dt}: cell ${id} squeezed`);
          return (x - x0) ** 2 + (y - y0) ** 2;
        });
        const msd = mean(squared);
        const exact = persistentWalkMsd(p.speed, p.persistence, n * dt);
        const se = standardError(squared) / exact;
        lines.push(`  dt ${dt} min, t ${(n * dt) / 60} h: MSD ${msd.toFixed(1)} µm², closed form ${exact.toFixed(1)}, ratio ${(msd / exact).toFixed(4)} (SE ${se.toFixed(4)})`);
        if (!(Math.abs(msd / exact - 1) <= WALK_TOLERANCE)) off.push(`dt ${dt}, t ${(n * dt) / 60} h: MSD ${msd} vs ${exact} (±${WALK_TOLERANCE * 100} %)`);
      }
    }
    console.log(`random walk, v = 0.2 µm/min, τ_p = 60 min, cells far from the walls:\n${lines.join('\n')}`);
    expect(off.slice(0, 10)).toEqual([]);
  });

  it('squeezes come at the graded hazard per µm of path, whatever the step', async () => {
    // Uniform 10 µm matrix (no slowing by pores), no drift, no stress: until its first squeeze a
    // cell walks v·t, so the fraction squeezed by t is 1 − exp(−q(d)·v·t/ℓ_c) with
    // q(d) = 1/(1 + (d/d_crit)ⁿ). d_crit = 10 µm gives q = 1/2; ℓ_c = 144 µm then makes v·t/ℓ_c·q = 1
    // at one day.
    const cells = 8000;
    const g = gpu();
    const lines: string[] = [];
    const off: string[] = [];
    for (const dt of STEPS_MINUTES) {
      const scenario = assayScenario('squeeze hazard', {
        nx: 64, ny: 64, dxMicrons: 20, dtMinutes: dt, durationDays: 1, metricsIntervalMinutes: 1440,
        cellSpeedUmPerMin: 0.2, persistenceMinutes: 60, detachedDensity: 0, criticalPoreMicrons: 10, squeezeSteepness: 8, constrictionSpacingMicrons: 144,
      }, { type: 'transwell', poresMicrons: [20], cellsPerWell: cells, membraneDepthMicrons: 63 * 20, chemotaxis: 0 });
      const params = scenario.parameters;
      expect(poreSpeed(params.poreSizeMicrons, params.nucleusDiameterMicrons)).toBe(1);
      const squeezedBy = await scoped(g, async () => {
        const sim = new Simulation(g, scenario);
        const out = new Map<number, number>();
        for (let n = 1; n <= 1440 / dt; n++) {
          await sim.step();
          if ((n * dt) % 360 === 0) {
            const { cancer } = await sim.cells!.readAgents();
            let squeezed = 0;
            for (let i = 0; i < cancer.count; i++) if (cancer.tag[4 * i + 2] > 0) squeezed++;
            expect(cancer.count).toBe(cells);
            out.set(n * dt, squeezed / cancer.count);
          }
        }
        sim.destroy();
        return out;
      });
      const p = params;
      const perMicron = 1 / ((1 + (p.poreSizeMicrons / p.criticalPoreMicrons) ** p.squeezeSteepness) * p.constrictionSpacingMicrons);
      for (const [minutes, fraction] of squeezedBy) {
        const exact = 1 - Math.exp(-perMicron * p.cellSpeedUmPerMin * minutes);
        const se = binomialStandardError(exact, cells);
        lines.push(`  dt ${dt} min, t ${minutes / 60} h: squeezed ${fraction.toFixed(4)}, closed form ${exact.toFixed(4)} (SE ${se.toFixed(4)})`);
        if (!(Math.abs(fraction - exact) <= 3 * se)) off.push(`dt ${dt}, t ${minutes / 60} h: ${fraction} vs ${exact} (3 SE ${3 * se})`);
      }
    }
    console.log(`squeezes by path walked, v = 0.2 µm/min, q = 1/2, ℓ_c = 144 µm:\n${lines.join('\n')}`);
    expect(off).toEqual([]);
  });
});
