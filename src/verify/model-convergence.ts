// Model convergence: the same tumour on the same physical domain at several grid spacings h and
// steps dt, a few seeds each. A readout is a result only if the two finest settings of each series
// (h refined at one dt, dt refined at one h) agree within its tolerance; the table gives each
// setting's mean and standard error over seeds, and the relative differences between successive
// refinements, which should shrink.
import type { Gpu } from '../gpu/device.ts';
import { readF32 } from '../gpu/buffers.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario, type Scenario } from '../model/scenario.ts';
import { mean, median, standardError } from '../model/stats.ts';
import { circulationSurvival, expectedCirculationSurvival } from '../sim/cell-readouts.ts';
import { Simulation } from '../sim/simulation.ts';
import type { VerifyRow } from './types.ts';
import type { Shard } from '../sweep/results-file.ts';

/** The readouts compared, each a physical quantity that must not depend on h or dt. */
export const MODEL_READOUTS = {
  intravasationsPerVesselDay: 'intravasations per vessel per day',
  // The same rate from each cell's chance to enter per step, summed: its expectation, without the
  // draws' counting noise (about 230 entries a run at CI size are ±7 %).
  expectedIntravasationsPerVesselDay: 'expected intravasations per vessel per day',
  circulationSurvival: 'circulation survival (cohort)',
  // Each entering cell's chance to survive blood and lung, averaged: the survival without the
  // draws' counting noise (about 40 survivors a full-size run are ±15 %).
  expectedCirculationSurvival: 'expected circulation survival',
  primedFraction: 'primed fraction of tissue cells',
  hypoxicFraction: 'hypoxic fraction of tissue cells',
  medianTumourStressKPa: 'median compressive stress over the tumour [kPa]',
  perfusedVesselFraction: 'mean perfusion of the vessels',
  tumourMeanSmacNM: 'SMAC mimetic over the tumour, time mean [nM]',
  tissueCells: 'cancer cells in the tissue at the end',
} as const;
export type ModelReadout = keyof typeof MODEL_READOUTS;
export type ModelReadouts = Record<ModelReadout, number>;

export interface ConvergenceSetting {
  hMicrons: number;
  dtMinutes: number;
}

export interface ConvergencePlan {
  /** Side of the square domain (µm) and the tumour's radius and stroma width (µm). */
  domainMicrons: number;
  tumourRadiusMicrons: number;
  stromaWidthMicrons: number;
  durationDays: number;
  /** A SMAC mimetic dose so that drug exposure is measured (nM plasma peak). */
  smacDoseNM: number;
  seeds: readonly number[];
  /** Grouped by `refinements` into series that refine h at one dt, or dt at one h. */
  settings: readonly ConvergenceSetting[];
  /** Largest relative difference allowed across the finest refinement of each series. */
  tolerance: number;
  /** Readouts whose counting noise at this plan's size exceeds the tolerance: reported, not checked. */
  reportedOnly: readonly ModelReadout[];
}

/**
 * The full-size plan of `confine verify --model`: the default tumour on its own domain, an h
 * series at dt 240 min and a dt series at h 10 µm. The SMAC mimetic dose is small (1 nM, a
 * sixteenth of the IC50) so that drug exposure is measured while circulation survival stays near
 * its untreated value. Even so, of the ~1200 cells a run sends into the blood in time to finish
 * circulation only about 50 survive blood and lung (survival about 0.04, since entering a
 * capillary stopped priming), so that readout's counting noise is about 14 % a run, more than the
 * tolerance, and three seeds bring it to about 8 %.
 */
export const FULL_PLAN: ConvergencePlan = {
  domainMicrons: 2560, tumourRadiusMicrons: 900, stromaWidthMicrons: 300, durationDays: 14, smacDoseNM: 1,
  seeds: [1, 2, 3],
  settings: [
    { hMicrons: 20, dtMinutes: 240 }, { hMicrons: 10, dtMinutes: 240 }, { hMicrons: 5, dtMinutes: 240 },
    { hMicrons: 10, dtMinutes: 120 }, { hMicrons: 10, dtMinutes: 60 },
  ],
  tolerance: 0.1,
  // About 40 survivors a run: ±15 % of counting noise a run, a standard error of 9–18 % on the
  // difference of two settings' means over three seeds. Its expectation is checked instead, and
  // `expectationRows` checks that the counts agree with it.
  reportedOnly: ['circulationSurvival'],
};

export function convergenceScenario(plan: ConvergencePlan, s: ConvergenceSetting, seed: number): Scenario {
  const n = plan.domainMicrons / s.hMicrons;
  if (!Number.isInteger(n)) throw new Error(`model convergence: domain ${plan.domainMicrons} µm is not a whole number of ${s.hMicrons} µm cells`);
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    name: `convergence h${s.hMicrons} dt${s.dtMinutes} seed${seed}`,
    seed,
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: n, ny: n, dxMicrons: s.hMicrons, dtMinutes: s.dtMinutes,
      tumourRadiusMicrons: plan.tumourRadiusMicrons, stromaWidthMicrons: plan.stromaWidthMicrons, durationDays: plan.durationDays,
      smacDoseNM: plan.smacDoseNM,
      // One sample every 4 h in every setting, so the circulation cohort is read at the same times.
      metricsIntervalMinutes: 240,
    },
  }, 'model convergence');
}

/** Runs one scenario to its end and reads the model's readouts. */
export async function modelReadouts(gpu: Gpu, scenario: Scenario): Promise<ModelReadouts> {
  const sim = new Simulation(gpu, scenario);
  try {
    for (let s = 0; s < sim.stepCount; s++) await sim.step();
    const samples = await sim.cells!.drain();
    const final = await sim.cells!.sampleNow(sim.steps, sim.timeMinutes);
    const { world } = sim;
    const density = await readF32(gpu.device, sim.cells!.density);
    const pressure = await readF32(gpu.device, sim.mechanics!.pressure);
    const perfusion = await readF32(gpu.device, sim.oxygen!.perfusion);
    const tumour = Array.from(density.keys()).filter((c) => density[c] >= 0.5);
    const h = world.hMicrons;
    const centreCell = (v: { xMicrons: number; yMicrons: number }) =>
      Math.min(world.ny - 1, Math.floor(v.yMicrons / h)) * world.nx + Math.min(world.nx - 1, Math.floor(v.xMicrons / h));
    const totals = final.ledger.groups.reduce((t, g) => ({ tissue: t.tissue + g.tissue, primed: t.primed + g.primed, hypoxic: t.hypoxic + g.hypoxic }), { tissue: 0, primed: 0, hypoxic: 0 });
    const days = sim.timeMinutes / 1440;
    return {
      intravasationsPerVesselDay: final.ledger.counters.intravasations / (world.vessels.length * days),
      expectedIntravasationsPerVesselDay: final.ledger.expectedIntravasations / (world.vessels.length * days),
      circulationSurvival: circulationSurvival(final),
      expectedCirculationSurvival: expectedCirculationSurvival(final),
      primedFraction: totals.primed / totals.tissue,
      hypoxicFraction: totals.hypoxic / totals.tissue,
      medianTumourStressKPa: median(tumour.map((c) => pressure[c])),
      perfusedVesselFraction: mean(world.vessels.map((v) => perfusion[centreCell(v)])),
      // Exposure over the run, not the end value: a dose washes out within days.
      tumourMeanSmacNM: mean(samples.map((s) => s.ledger.grid.smacSum / s.ledger.grid.tumourCells)),
      tissueCells: totals.tissue,
    };
  } finally {
    sim.destroy();
  }
}

export interface SettingResult {
  setting: ConvergenceSetting;
  runs: ModelReadouts[];
}

export interface ConvergenceRunHooks {
  log?: (line: string) => void;
  /** Readouts already measured (by `runKey`), not run again. */
  done?: ReadonlyMap<string, ModelReadouts>;
  /** Only this part of the runs (every n-th in seed-major order, as a sweep's shard); the others are left out of the results. */
  shard?: Shard;
  /** Called as each new run finishes, before the next starts. */
  finished?: (setting: ConvergenceSetting, seed: number, readouts: ModelReadouts, wallSeconds: number) => Promise<void>;
}

/**
 * Runs every setting at every seed, seed by seed, so that a suite stopped part-way holds whole
 * tables for its first seeds; the results in the plan's order of settings.
 */
export async function runConvergence(gpu: Gpu, plan: ConvergencePlan, hooks: ConvergenceRunHooks = {}): Promise<SettingResult[]> {
  const runs = plan.settings.map(() => [] as ModelReadouts[]);
  let index = 0;
  for (const seed of plan.seeds) {
    for (const [k, setting] of plan.settings.entries()) {
      const mine = !hooks.shard || index++ % hooks.shard.count === hooks.shard.index - 1;
      if (!mine) continue;
      const held = hooks.done?.get(runKey(setting, seed));
      if (held) {
        runs[k].push(held);
        continue;
      }
      const t = performance.now();
      const readouts = await modelReadouts(gpu, convergenceScenario(plan, setting, seed));
      const seconds = (performance.now() - t) / 1000;
      hooks.log?.(`  h ${setting.hMicrons} µm, dt ${setting.dtMinutes} min, seed ${seed}: ${seconds.toFixed(0)} s`);
      await hooks.finished?.(setting, seed, readouts, seconds);
      runs[k].push(readouts);
    }
  }
  return plan.settings.map((setting, k) => ({ setting, runs: runs[k] }));
}

export const runKey = (s: ConvergenceSetting, seed: number) => `h${s.hMicrons} dt${s.dtMinutes} seed${seed}`;

/** Two settings that differ in h alone or in dt alone, next to each other in their series. */
export interface Refinement {
  coarse: number;
  fine: number;
  varies: 'h' | 'dt';
  /** The last refinement of its series: the one checked against the tolerance. */
  finest: boolean;
}

/**
 * The refinements of a plan: its settings grouped into series that share dt (h refined) or share h
 * (dt refined), each series ordered coarse to fine, every successive pair a refinement.
 */
export function refinements(settings: readonly ConvergenceSetting[]): Refinement[] {
  const out: Refinement[] = [];
  for (const varies of ['h', 'dt'] as const) {
    const fixed = (s: ConvergenceSetting) => (varies === 'h' ? s.dtMinutes : s.hMicrons);
    const size = (s: ConvergenceSetting) => (varies === 'h' ? s.hMicrons : s.dtMinutes);
    const series = new Map<number, number[]>();
    settings.forEach((s, i) => series.set(fixed(s), [...(series.get(fixed(s)) ?? []), i]));
    for (const members of series.values()) {
      const ordered = [...members].sort((a, b) => size(settings[b]) - size(settings[a]));
      for (let k = 0; k + 1 < ordered.length; k++) {
        out.push({ coarse: ordered[k], fine: ordered[k + 1], varies, finest: k + 2 === ordered.length });
      }
    }
  }
  return out;
}

export interface ReadoutComparison {
  readout: ModelReadout;
  /** Mean and standard error over seeds, per setting (in the plan's order). */
  means: number[];
  errors: number[];
  /** Per refinement (as `refinements` lists them): |m_fine − m_coarse| / |m_fine|. */
  differences: number[];
  /** Standard error of each difference, relative to the finer mean. */
  differenceErrors: number[];
}

export function compareReadouts(results: readonly SettingResult[]): ReadoutComparison[] {
  const steps = refinements(results.map((r) => r.setting));
  return (Object.keys(MODEL_READOUTS) as ModelReadout[]).map((readout) => {
    const values = results.map((r) => r.runs.map((run) => run[readout]));
    const means = values.map((v) => mean(v));
    const errors = values.map((v) => (v.length > 1 ? standardError(v) : NaN));
    const differences = steps.map(({ coarse, fine }) => Math.abs(means[fine] - means[coarse]) / Math.abs(means[fine]));
    const differenceErrors = steps.map(({ coarse, fine }) => Math.hypot(errors[coarse], errors[fine]) / Math.abs(means[fine]));
    return { readout, means, errors, differences, differenceErrors };
  });
}

export function settingLabel(s: ConvergenceSetting): string {
  return `h ${s.hMicrons} µm, dt ${s.dtMinutes} min`;
}

/** Rows of the verification table: every refinement's difference; the finest of each series checked. */
export function convergenceRows(plan: ConvergencePlan, results: readonly SettingResult[]): VerifyRow[] {
  const steps = refinements(results.map((r) => r.setting));
  const rows: VerifyRow[] = [];
  for (const c of compareReadouts(results)) {
    steps.forEach(({ coarse, fine, finest }, k) => {
      rows.push({
        case: `Model convergence: ${MODEL_READOUTS[c.readout]}`,
        grid: `${settingLabel(results[coarse].setting)} → ${settingLabel(results[fine].setting)}`,
        quantity: `|Δ mean| / mean (${results[fine].runs.length} seeds; SE ${c.differenceErrors[k].toPrecision(2)})`,
        value: c.differences[k],
        ...(finest && !plan.reportedOnly.includes(c.readout) ? { threshold: plan.tolerance } : {}),
      });
    });
  }
  return rows;
}

/** A counted readout and its expectation, compared over every run of a plan. */
const EXPECTATIONS: readonly { counted: ModelReadout; expected: ModelReadout }[] = [
  { counted: 'intravasationsPerVesselDay', expected: 'expectedIntravasationsPerVesselDay' },
  { counted: 'circulationSurvival', expected: 'expectedCirculationSurvival' },
];

/**
 * Whether the counts agree with their expectations: over every run, the mean of counted/expected − 1
 * in standard errors of that mean (over the runs), which must be at most 3. An expectation that
 * left out a hazard, or counts that drifted from it, would show here.
 */
export function expectationRows(results: readonly SettingResult[]): VerifyRow[] {
  const runs = results.flatMap((r) => r.runs);
  return EXPECTATIONS.map(({ counted, expected }) => {
    const ratios = runs.map((run) => run[counted] / run[expected] - 1).filter(Number.isFinite);
    const m = mean(ratios), se = standardError(ratios);
    return {
      case: `Counted vs expected: ${MODEL_READOUTS[counted]}`,
      grid: `${ratios.length} runs, all settings`,
      quantity: `|mean(counted/expected − 1)| / SE (mean ${m.toPrecision(2)}, SE ${se.toPrecision(2)})`,
      value: Math.abs(m) / se,
      threshold: 3,
    };
  });
}
