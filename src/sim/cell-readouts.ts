// The cells' metrics samples as a time series (one CSV row per sample, units in the header) and
// as the headline numbers of a tissue run. Pure: no GPU, so tests feed it hand-made samples.
import type { Scenario } from '../model/scenario.ts';
import type { StressSolves } from './stress-solve-log.ts';
import type { OxygenSolves } from './oxygen-solve-log.ts';
import type { CsvColumn } from '../io/csv.ts';
import { stressPercentile, type CounterName, type GroupCounts, type GroupSample, type LedgerSample } from '../cells/ledger.ts';

const MINUTES_PER_DAY = 1440;

/** One metrics sample: the ledger read back at the end of a step. */
export interface MetricsSample {
  step: number;
  timeMinutes: number;
  ledger: LedgerSample;
  /**
   * Cells that entered the blood at least one whole circulation (transit + lung) before this
   * sample, so that every one of them has extravasated or died by now; null before a whole
   * circulation has passed (circulationCohort in cell-readouts.ts).
   */
  circulationCohort: number | null;
  /** The part of that cohort that was primed (I ≥ the primed level) when it entered the blood. */
  circulationCohortPrimed: number | null;
  /**
   * Of the cohort's cells that entered from the tissue: how many, and the sum of their chances at
   * entry to survive blood and lung (the expected extravasations by the cohort's cutoff).
   */
  cohortEntries: number | null;
  cohortExpectedSurvivors: number | null;
  /** What the stress and oxygen solves have done so far; null without tolerance-stopped solves. */
  stressSolves?: StressSolves | null;
  oxygenSolves?: OxygenSolves | null;
}

/** Live cells by compartment and the per-sample group numbers, summed over every group. */
export type GroupTotals = GroupCounts;

export function groupTotals(groups: readonly GroupSample[]): GroupTotals {
  const t: GroupTotals = { tissue: 0, suspended: 0, circulating: 0, lung: 0, held: 0, primed: 0, iapSum: 0, hypoxic: 0 };
  for (const g of groups) {
    for (const k of Object.keys(t) as (keyof GroupTotals)[]) t[k] += g[k];
  }
  return t;
}

export function liveCells(t: GroupTotals): number {
  return t.tissue + t.suspended + t.circulating + t.lung + t.held;
}

/** a / b, NaN when there is nothing to divide by (written `NaN` in the CSV, null in JSON). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

interface Context {
  sample: MetricsSample;
  ledger: LedgerSample;
  totals: GroupTotals;
  physics: Scenario['physics'];
}

interface Column extends CsvColumn {
  value(c: Context): number;
}

// Where a physics is off the cells read a placeholder constant (see cell-coupling.ts), so a
// quantity computed from it would look measured; it is written NaN instead.
const when = (on: boolean, value: number) => (on ? value : NaN);
const solveLog = (c: Context, value: (log: StressSolves) => number) => {
  const log = c.sample.stressSolves;
  return log && log.solves > 0 ? value(log) : NaN;
};
const oxygenLog = (c: Context, value: (log: OxygenSolves) => number) => {
  const log = c.sample.oxygenSolves;
  return log && log.solves > 0 ? value(log) : NaN;
};
const counter = (name: string, key: CounterName): Column => ({ name, unit: 'cells', value: (c) => c.ledger.counters[key] });

const COLUMNS: readonly Column[] = [
  { name: 'time', unit: 'day', value: (c) => c.sample.timeMinutes / MINUTES_PER_DAY },
  { name: 'step', unit: '1', value: (c) => c.sample.step },
  { name: 'live_tissue', unit: 'cells', value: (c) => c.totals.tissue },
  { name: 'live_circulating', unit: 'cells', value: (c) => c.totals.circulating },
  { name: 'live_lung', unit: 'cells', value: (c) => c.totals.lung },
  { name: 'live_suspended', unit: 'cells', value: (c) => c.totals.suspended },
  { name: 'live_held', unit: 'cells', value: (c) => c.totals.held },
  { name: 'primed_fraction', unit: '1', value: (c) => ratio(c.totals.primed, c.totals.tissue) },
  { name: 'mean_iap', unit: '1', value: (c) => ratio(c.totals.iapSum, liveCells(c.totals)) },
  { name: 'hypoxic_fraction', unit: '1', value: (c) => when(c.physics.oxygen, ratio(c.totals.hypoxic, c.totals.tissue)) },
  { name: 'stress_p50', unit: 'kPa', value: (c) => when(c.physics.mechanics, stressPercentile(c.ledger.stressHistogram, 0.5)) },
  { name: 'stress_p90', unit: 'kPa', value: (c) => when(c.physics.mechanics, stressPercentile(c.ledger.stressHistogram, 0.9)) },
  { name: 'stress_max', unit: 'kPa', value: (c) => when(c.physics.mechanics, c.ledger.grid.stressMax) },
  // Over the tumour's area (density ≥ 0.5), not over its cells: the stress the tissue bears.
  { name: 'tumour_mean_stress', unit: 'kPa', value: (c) => when(c.physics.mechanics, ratio(c.ledger.grid.stressSum, c.ledger.grid.tumourCells)) },
  { name: 'perfused_vessel_fraction', unit: '1', value: (c) => when(c.physics.perfusion, ratio(c.ledger.grid.perfusionSum, c.ledger.grid.capillaries)) },
  { name: 'tumour_perfused_vessel_fraction', unit: '1', value: (c) => when(c.physics.perfusion, ratio(c.ledger.grid.tumourPerfusionSum, c.ledger.grid.tumourCapillaries)) },
  { name: 'tumour_hypoxic_area_fraction', unit: '1', value: (c) => when(c.physics.oxygen, ratio(c.ledger.grid.hypoxicCells, c.ledger.grid.tumourCells)) },
  { name: 'tumour_mean_po2', unit: 'mmHg', value: (c) => when(c.physics.oxygen, ratio(c.ledger.grid.po2Sum, c.ledger.grid.tumourCells)) },
  { name: 'tumour_mean_smac', unit: 'nM', value: (c) => when(c.physics.smac, ratio(c.ledger.grid.smacSum, c.ledger.grid.tumourCells)) },
  { name: 'mean_smac_effect', unit: '1', value: (c) => ratio(c.ledger.smacEffectSum, c.totals.tissue) },
  { name: 'ever_squeezed_fraction', unit: '1', value: (c) => ratio(c.ledger.everSqueezed, c.totals.tissue) },
  counter('squeezes', 'squeezes'),
  counter('intravasations', 'intravasations'),
  counter('lung_arrests', 'lungArrests'),
  // Cells that outlived the lung phase: the survivors of the circulation.
  counter('extravasated', 'extravasated'),
  // Every cell that entered the blood adds its chance at entry to get through blood and lung: the
  // colonisers the run will have sent, including those still in blood or lung at its end.
  { name: 'expected_extravasated', unit: 'cells', value: (c) => c.ledger.expectedExtravasations },
  counter('lung_metastases', 'metastases'),
  counter('deaths_necrosis', 'necrosis'),
  counter('deaths_anoikis_tissue', 'anoikisTissue'),
  counter('deaths_anoikis_suspended', 'anoikisSuspended'),
  counter('deaths_anoikis_blood', 'anoikisBlood'),
  counter('deaths_anoikis_lung', 'anoikisLung'),
  counter('deaths_nk_tissue', 'nkTissue'),
  counter('deaths_nk_blood', 'nkBlood'),
  counter('divisions', 'divisions'),
  counter('deferred_divisions', 'deferredDivisions'),
  { name: 'circulation_survival', unit: '1', value: (c) => circulationSurvival(c.sample) },
  { name: 'expected_circulation_survival', unit: '1', value: (c) => expectedCirculationSurvival(c.sample) },
  // The same readouts for the cells primed and unprimed when they entered the blood.
  counter('intravasations_primed', 'intravasationsPrimed'),
  { name: 'intravasations_unprimed', unit: 'cells', value: (c) => c.ledger.counters.intravasations - c.ledger.counters.intravasationsPrimed },
  counter('extravasated_primed', 'extravasatedPrimed'),
  { name: 'extravasated_unprimed', unit: 'cells', value: (c) => c.ledger.counters.extravasated - c.ledger.counters.extravasatedPrimed },
  counter('lung_metastases_primed', 'metastasesPrimed'),
  { name: 'circulation_survival_primed', unit: '1', value: (c) => circulationSurvivalBy(c.sample, 'primed') },
  { name: 'circulation_survival_unprimed', unit: '1', value: (c) => circulationSurvivalBy(c.sample, 'unprimed') },
  // The stress solves so far: CG iterations in all (a step's are the difference of two rows), the
  // last solve's final relative residual and the worst, and the solves that ended unconverged.
  { name: 'stress_iterations', unit: 'iterations', value: (c) => solveLog(c, (l) => l.iterations) },
  { name: 'stress_residual', unit: '1', value: (c) => solveLog(c, (l) => l.residual) },
  { name: 'stress_worst_residual', unit: '1', value: (c) => solveLog(c, (l) => l.worstResidual) },
  { name: 'stress_unconverged', unit: 'solves', value: (c) => solveLog(c, (l) => l.unconverged) },
  // The oxygen solves the same way: V-cycles in all, final relative residuals, solves unconverged.
  { name: 'oxygen_cycles', unit: 'cycles', value: (c) => oxygenLog(c, (l) => l.cycles) },
  { name: 'oxygen_residual', unit: '1', value: (c) => oxygenLog(c, (l) => l.residual) },
  { name: 'oxygen_worst_residual', unit: '1', value: (c) => oxygenLog(c, (l) => l.worstResidual) },
  { name: 'oxygen_unconverged', unit: 'solves', value: (c) => oxygenLog(c, (l) => l.unconverged) },
];

/**
 * Circulation survival as a cohort: of the cells that entered the blood at least one whole
 * circulation (transit + lung) ago, the fraction that extravasated. Transit and lung times are
 * exact events (act.wgsl), so a cell that entered at t_e extravasates at exactly t_e + transit +
 * lung if it survives: the extravasations counted by now are all from that cohort, and none of
 * its cells is still pending. (Counting deaths and extravasations so far instead leaves out the
 * cells still in blood or lung, whose early-dying cohort-mates count, and reads low.)
 */
export function circulationSurvival(sample: MetricsSample): number {
  return sample.circulationCohort === null ? NaN : ratio(sample.ledger.counters.extravasated, sample.circulationCohort);
}

/**
 * Circulation survival as an expectation: the mean, over the cohort's cells that entered the blood
 * from the tissue, of each one's chance at entry to survive blood and lung (its IAP's course known,
 * the plasma drug held at its level that day). The same cohort as the counted survival, so the two
 * estimate one number, this one without the draws' counting noise.
 */
export function expectedCirculationSurvival(sample: MetricsSample): number {
  if (sample.cohortEntries === null || sample.cohortExpectedSurvivors === null) return NaN;
  return ratio(sample.cohortExpectedSurvivors, sample.cohortEntries);
}

/** Circulation survival of the cohort's cells that were primed, or unprimed, when they entered the blood. */
export function circulationSurvivalBy(sample: MetricsSample, entered: 'primed' | 'unprimed'): number {
  const { circulationCohort: all, circulationCohortPrimed: primed } = sample;
  if (all === null || primed === null) return NaN;
  const { extravasated, extravasatedPrimed } = sample.ledger.counters;
  return entered === 'primed' ? ratio(extravasatedPrimed, primed) : ratio(extravasated - extravasatedPrimed, all - primed);
}

/**
 * Cells that had entered the blood by `cutoffMinutes`: the cells there from the start plus the
 * cumulative intravasations (`counter`: all of them, or those primed at entry), interpolated
 * linearly between samples (`history`, in time order); null before the run's start.
 */
export function circulationCohort(
  history: readonly Pick<MetricsSample, 'timeMinutes' | 'ledger'>[], cutoffMinutes: number, initially: number,
  counter: 'intravasations' | 'intravasationsPrimed' | ((ledger: LedgerSample) => number) = 'intravasations',
): number | null {
  if (cutoffMinutes < 0) return null;
  const read = typeof counter === 'function' ? counter : (ledger: LedgerSample) => ledger.counters[counter];
  let before = { time: 0, entered: 0 };
  for (const s of history) {
    const point = { time: s.timeMinutes, entered: read(s.ledger) };
    if (point.time >= cutoffMinutes) {
      const f = point.time > before.time ? (cutoffMinutes - before.time) / (point.time - before.time) : 1;
      return initially + before.entered + f * (point.entered - before.entered);
    }
    before = point;
  }
  return initially + before.entered;
}

export function metricsColumns(): CsvColumn[] {
  return COLUMNS.map(({ name, unit }) => ({ name, unit }));
}

export function metricsRow(sample: MetricsSample, scenario: Scenario): number[] {
  const c: Context = { sample, ledger: sample.ledger, totals: groupTotals(sample.ledger.groups), physics: scenario.physics };
  return COLUMNS.map((col) => col.value(c));
}

/** The headline numbers of a tissue run: the metrics row of the final state, keyed by column name (units as in the CSV header). */
export function tissueReadout(sample: MetricsSample, scenario: Scenario): Record<string, number | null> {
  const row = metricsRow(sample, scenario);
  return Object.fromEntries(COLUMNS.map((col, i) => [col.name, Number.isFinite(row[i]) ? row[i] : null]));
}

