// Model convergence: the same tumour on the same physical domain at several grid spacings h and
// steps dt, a few seeds each. A readout is a result only if the two finest settings agree within
// its tolerance; the table gives each setting's mean and standard error over seeds, and the
// relative differences between successive refinements, which should shrink.
import type { Gpu } from '../gpu/device.ts';
import { readF32 } from '../gpu/buffers.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario, type Scenario } from '../model/scenario.ts';
import { mean, standardError } from '../model/stats.ts';
import { circulationSurvival } from '../sim/cell-readouts.ts';
import { Simulation } from '../sim/simulation.ts';
import type { VerifyRow } from './types.ts';

/** The readouts compared, each a physical quantity that must not depend on h or dt. */
export const MODEL_READOUTS = {
  intravasationsPerVesselDay: 'intravasations per vessel per day',
  circulationSurvival: 'circulation survival (cohort)',
  primedFraction: 'primed fraction of tissue cells',
  hypoxicFraction: 'hypoxic fraction of tissue cells',
  medianTumourStressKPa: 'median compressive stress over the tumour [kPa]',
  perfusedVesselFraction: 'mean perfusion of the vessels',
  tumourMeanSmacNM: 'SMAC mimetic over the tumour, time mean [nM]',
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
  /** Coarse to fine; successive settings differ in h or in dt. */
  settings: readonly ConvergenceSetting[];
  /** Largest relative difference allowed across the finest refinement in h and the finest in dt. */
  tolerance: number;
}

/** The full-size plan of `confine verify --model`: the default tumour on its own domain. */
export const FULL_PLAN: ConvergencePlan = {
  domainMicrons: 2560, tumourRadiusMicrons: 900, stromaWidthMicrons: 300, durationDays: 14, smacDoseNM: 20,
  seeds: [1, 2, 3],
  settings: [{ hMicrons: 20, dtMinutes: 240 }, { hMicrons: 10, dtMinutes: 240 }, { hMicrons: 10, dtMinutes: 60 }],
  tolerance: 0.1,
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
      circulationSurvival: circulationSurvival(final),
      primedFraction: totals.primed / totals.tissue,
      hypoxicFraction: totals.hypoxic / totals.tissue,
      medianTumourStressKPa: median(tumour.map((c) => pressure[c])),
      perfusedVesselFraction: mean(world.vessels.map((v) => perfusion[centreCell(v)])),
      // Exposure over the run, not the end value: a dose washes out within days.
      tumourMeanSmacNM: mean(samples.map((s) => s.ledger.grid.smacSum / s.ledger.grid.tumourCells)),
    };
  } finally {
    sim.destroy();
  }
}

export interface SettingResult {
  setting: ConvergenceSetting;
  runs: ModelReadouts[];
}

export async function runConvergence(gpu: Gpu, plan: ConvergencePlan, log: (line: string) => void = () => {}): Promise<SettingResult[]> {
  const results: SettingResult[] = [];
  for (const setting of plan.settings) {
    const runs: ModelReadouts[] = [];
    for (const seed of plan.seeds) {
      const t = performance.now();
      runs.push(await modelReadouts(gpu, convergenceScenario(plan, setting, seed)));
      log(`  h ${setting.hMicrons} µm, dt ${setting.dtMinutes} min, seed ${seed}: ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    results.push({ setting, runs });
  }
  return results;
}

export interface ReadoutComparison {
  readout: ModelReadout;
  /** Mean and standard error over seeds, per setting (coarse to fine). */
  means: number[];
  errors: number[];
  /** |m_{k+1} − m_k| / |m_{k+1}| for each refinement. */
  differences: number[];
  /** Standard error of each difference, relative to the finer mean. */
  differenceErrors: number[];
}

export function compareReadouts(results: readonly SettingResult[]): ReadoutComparison[] {
  return (Object.keys(MODEL_READOUTS) as ModelReadout[]).map((readout) => {
    const values = results.map((r) => r.runs.map((run) => run[readout]));
    const means = values.map((v) => mean(v));
    const errors = values.map((v) => (v.length > 1 ? standardError(v) : NaN));
    const differences = means.slice(1).map((m, k) => Math.abs(m - means[k]) / Math.abs(m));
    const differenceErrors = means.slice(1).map((m, k) => Math.hypot(errors[k], errors[k + 1]) / Math.abs(m));
    return { readout, means, errors, differences, differenceErrors };
  });
}

export function settingLabel(s: ConvergenceSetting): string {
  return `h ${s.hMicrons} µm, dt ${s.dtMinutes} min`;
}

/** Whether refinement k (settings k → k + 1) is the last that refines h, or dt. */
export function finestRefinement(results: readonly { setting: ConvergenceSetting }[], k: number): boolean {
  const changes = (i: number) => (results[i].setting.hMicrons !== results[i + 1].setting.hMicrons ? 'h' : 'dt');
  for (let i = k + 1; i + 1 < results.length; i++) if (changes(i) === changes(k)) return false;
  return true;
}

/** Rows of the verification table: every refinement's difference; the finest in h and in dt checked. */
export function convergenceRows(plan: ConvergencePlan, results: readonly SettingResult[]): VerifyRow[] {
  const rows: VerifyRow[] = [];
  for (const c of compareReadouts(results)) {
    c.differences.forEach((d, k) => {
      const finest = finestRefinement(results, k);
      rows.push({
        case: `Model convergence: ${MODEL_READOUTS[c.readout]}`,
        grid: `${settingLabel(results[k].setting)} → ${settingLabel(results[k + 1].setting)}`,
        quantity: `|Δ mean| / mean (${results[k + 1].runs.length} seeds; SE ${c.differenceErrors[k].toPrecision(2)})`,
        value: d,
        ...(finest ? { threshold: plan.tolerance } : {}),
      });
    });
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}
