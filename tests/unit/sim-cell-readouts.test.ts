// The cells' readouts from hand-made ledger samples: the time-series columns and their units,
// one row's arithmetic, and each assay's readout against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { csvHeader } from '../../src/io/csv.ts';
import { COUNTER_NAMES, GROUPS, HISTOGRAM_BINS, type CounterName, type GroupSample, type LedgerSample } from '../../src/cells/ledger.ts';
import { DEFAULT_SCENARIO, parseScenario, type Scenario } from '../../src/model/scenario.ts';
import { assayReadout } from '../../src/sim/assay-readouts.ts';
import { circulationCohort, metricsColumns, metricsRow, tissueReadout } from '../../src/sim/cell-readouts.ts';
import { transwellMembraneRow } from '../../src/model/assay.ts';
import type { MetricsSample } from '../../src/sim/cell-coupling.ts';
import { readoutLines } from '../../src/cli/run-cells.ts';

function emptyLedger(): LedgerSample {
  const group = (): GroupSample => ({
    tissue: 0, suspended: 0, circulating: 0, lung: 0, held: 0, primed: 0, iapSum: 0, hypoxic: 0,
    nkKilled: 0, anoikisDied: 0, survivedWindow: 0, metastases: 0,
  });
  return {
    counters: Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as Record<CounterName, number>,
    groups: Array.from({ length: GROUPS }, group),
    expectedIntravasations: 0, expectedExtravasations: 0, smacEffectSum: 0, everSqueezed: 0, nkKills: [0, 0, 0, 0, 0, 0],
    stressHistogram: new Array<number>(HISTOGRAM_BINS).fill(0),
    grid: { capillaries: 0, perfusionSum: 0, tumourCells: 0, po2Sum: 0, hypoxicCells: 0, stressSum: 0, smacSum: 0, stressMax: 0, tumourCapillaries: 0, tumourPerfusionSum: 0 },
  };
}

const sample = (ledger: LedgerSample, timeMinutes = 2880, step = 12, circulationCohort: number | null = 12, circulationCohortPrimed: number | null = 4): MetricsSample =>
  ({ step, timeMinutes, ledger, circulationCohort, circulationCohortPrimed, cohortEntries: 10, cohortExpectedSurvivors: 3 });
const assay = (assayBlock: object, parameters: object = { nx: 32, ny: 16, dxMicrons: 10 }): Scenario =>
  parseScenario({ name: 'test', kind: 'assay', parameters, assay: assayBlock });

function byName(row: number[]): Record<string, number> {
  return Object.fromEntries(metricsColumns().map((c, i) => [c.name, row[i]]));
}

describe('circulation survival over a cohort', () => {
  const entered = (timeMinutes: number, intravasations: number) => {
    const ledger = emptyLedger();
    ledger.counters.intravasations = intravasations;
    return { timeMinutes, ledger };
  };
  const history = [entered(60, 10), entered(120, 30), entered(180, 30), entered(240, 70)];

  it('counts the cells that had entered the blood by the cutoff, interpolating between samples', () => {
    expect(circulationCohort(history, -1, 0)).toBeNull();
    expect(circulationCohort(history, 0, 0)).toBe(0);
    expect(circulationCohort(history, 30, 0)).toBe(5);
    expect(circulationCohort(history, 120, 0)).toBe(30);
    expect(circulationCohort(history, 150, 0)).toBe(30);
    expect(circulationCohort(history, 210, 4)).toBe(54);
    expect(circulationCohort(history, 600, 4)).toBe(74);
  });

  it('is the extravasated fraction of that cohort, and undefined before one whole circulation', () => {
    const ledger = emptyLedger();
    ledger.counters.extravasated = 3;
    // Deaths of cells still in circulation do not enter it (they would bias it low).
    ledger.counters.anoikisBlood = 50;
    expect(byName(metricsRow(sample(ledger, 6000, 10, 12), DEFAULT_SCENARIO)).circulation_survival).toBe(0.25);
    expect(byName(metricsRow(sample(ledger, 6000, 10, null), DEFAULT_SCENARIO)).circulation_survival).toBeNaN();
  });

  it('counts the primed part of the cohort from the intravasations primed at entry', () => {
    const primedHistory = history.map(({ timeMinutes, ledger }, k) => {
      const l = structuredClone(ledger);
      l.counters.intravasationsPrimed = [2, 6, 6, 20][k];
      return { timeMinutes, ledger: l };
    });
    expect(circulationCohort(primedHistory, 150, 1, 'intravasationsPrimed')).toBe(7);
    // Any cumulative sum of the ledger, the expected survivors among them.
    expect(circulationCohort(primedHistory, 150, 0, (l) => 2 * l.counters.intravasationsPrimed)).toBe(12);
    expect(circulationCohort(primedHistory, 210, 1, 'intravasationsPrimed')).toBe(14);
  });

  it('splits survival, entries and colonisers by priming at entry, the parts adding up to the whole', () => {
    const ledger = emptyLedger();
    Object.assign(ledger.counters, { intravasations: 40, intravasationsPrimed: 10, extravasated: 9, extravasatedPrimed: 3, metastases: 2, metastasesPrimed: 1 });
    // Cohort 30 cells, 6 of them primed at entry: 3 of 6 primed and 6 of 24 unprimed survived.
    const row = byName(metricsRow(sample(ledger, 6000, 10, 30, 6), DEFAULT_SCENARIO));
    expect(row.circulation_survival_primed).toBe(0.5);
    expect(row.circulation_survival_unprimed).toBe(0.25);
    expect(row.intravasations_primed + row.intravasations_unprimed).toBe(row.intravasations);
    expect(row.extravasated_primed + row.extravasated_unprimed).toBe(row.extravasated);
    expect(row.lung_metastases_primed).toBe(1);
    // Colonisers = Σ over the classes of cohort × survival.
    expect(6 * row.circulation_survival_primed + 24 * row.circulation_survival_unprimed).toBe(row.extravasated);
    expect(byName(metricsRow(sample(ledger, 6000, 10, 30, null), DEFAULT_SCENARIO)).circulation_survival_primed).toBeNaN();
  });
});

describe('metrics time series', () => {
  it('names every column once, with its unit in the header', () => {
    const columns = metricsColumns();
    expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
    const header = csvHeader(columns);
    expect(header.startsWith('time [day],step [1],live_tissue [cells],live_circulating [cells],live_lung [cells],live_suspended [cells],live_held [cells],')).toBe(true);
    for (const field of ['primed_fraction [1]', 'mean_iap [1]', 'stress_p50 [kPa]', 'stress_p90 [kPa]', 'stress_max [kPa]', 'perfused_vessel_fraction [1]',
      'tumour_mean_po2 [mmHg]', 'tumour_mean_smac [nM]', 'extravasated [cells]', 'deaths_nk_blood [cells]', 'circulation_survival [1]']) {
      expect(header.split(/,|\n/)).toContain(field);
    }
  });

  it('turns a sample into one row of sums, fractions and percentiles', () => {
    const l = emptyLedger();
    Object.assign(l.groups[0], { tissue: 80, suspended: 5, circulating: 10, lung: 5, primed: 20, iapSum: 150, hypoxic: 16 });
    Object.assign(l.groups[1], { tissue: 20, primed: 5, iapSum: 30, hypoxic: 4 });
    l.stressHistogram[2] = 5; // 0.5–0.75 kPa
    l.stressHistogram[6] = 4; // 1.5–1.75 kPa
    l.stressHistogram[10] = 1;
    l.grid = { ...l.grid, capillaries: 10, perfusionSum: 4, tumourCells: 50, po2Sum: 500, smacSum: 25, stressSum: 60, stressMax: 3.1, tumourCapillaries: 4, tumourPerfusionSum: 1, hypoxicCells: 10 };
    l.smacEffectSum = 30;
    l.everSqueezed = 12;
    l.expectedExtravasations = 7.25;
    Object.assign(l.counters, { extravasated: 6, anoikisBlood: 2, anoikisLung: 1, nkBlood: 3, squeezes: 40, divisions: 7 });
    const solved: MetricsSample = {
      ...sample(l),
      stressSolves: { solves: 12, iterations: 61, mostIterations: 9, residual: 4e-5, worstResidual: 9e-5, unconverged: 1, previousIterations: 5, lastIterations: 4 },
      oxygenSolves: { solves: 12, cycles: 19, residual: 2e-4, worstResidual: 4e-4, unconverged: 0, previousCycles: 2, lastCycles: 1 },
    };
    const row = byName(metricsRow(solved, DEFAULT_SCENARIO));
    expect(row).toMatchObject({
      time: 2, step: 12, live_tissue: 100, live_suspended: 5, live_circulating: 10, live_lung: 5, live_held: 0,
      primed_fraction: 0.25, mean_iap: 1.5, hypoxic_fraction: 0.2, stress_p50: 0.625, stress_p90: 1.625, stress_max: 3.1, tumour_mean_stress: 1.2,
      perfused_vessel_fraction: 0.4, tumour_perfused_vessel_fraction: 0.25, tumour_hypoxic_area_fraction: 0.2, tumour_mean_po2: 10, tumour_mean_smac: 0.5, mean_smac_effect: 0.3, ever_squeezed_fraction: 0.12,
      squeezes: 40, extravasated: 6, expected_extravasated: 7.25, deaths_anoikis_blood: 2, deaths_anoikis_lung: 1, deaths_nk_blood: 3, divisions: 7,
      circulation_survival: 0.5, expected_circulation_survival: 0.3,
      stress_iterations: 61, stress_residual: 4e-5, stress_worst_residual: 9e-5, stress_unconverged: 1,
      oxygen_cycles: 19, oxygen_residual: 2e-4, oxygen_worst_residual: 4e-4, oxygen_unconverged: 0,
    });
    expect(tissueReadout(solved, DEFAULT_SCENARIO)).toEqual(row);
  });

  it('writes NaN (null in the readout) where nothing is counted or the physics is off', () => {
    const row = byName(metricsRow(sample(emptyLedger(), 2880, 12, null), DEFAULT_SCENARIO));
    for (const k of ['primed_fraction', 'mean_iap', 'perfused_vessel_fraction', 'tumour_mean_po2', 'circulation_survival']) expect(row[k]).toBeNaN();
    // No tolerance-stopped solve (fixed counts, or the physics off): nothing to report.
    for (const k of ['stress_iterations', 'stress_residual', 'stress_worst_residual', 'stress_unconverged']) expect(row[k]).toBeNaN();
    for (const k of ['oxygen_cycles', 'oxygen_residual', 'oxygen_worst_residual', 'oxygen_unconverged']) expect(row[k]).toBeNaN();
    expect(row.stress_p50).toBe(0);
    const l = emptyLedger();
    l.grid = { ...l.grid, capillaries: 4, perfusionSum: 4, tumourCells: 2, po2Sum: 80 };
    l.groups[0].tissue = 10;
    // An assay runs with the fields off: the cells read placeholder constants, not measurements.
    const dish = assay({ type: 'transwell', cellsPerWell: 10 });
    const off = byName(metricsRow(sample(l), dish));
    for (const k of ['hypoxic_fraction', 'stress_p50', 'stress_max', 'tumour_mean_stress', 'perfused_vessel_fraction', 'tumour_mean_po2']) expect(off[k]).toBeNaN();
    expect(tissueReadout(sample(l), dish).tumour_mean_po2).toBeNull();
    expect(off.live_tissue).toBe(10);
  });
});

describe('assay readouts', () => {
  it('transwell: crossing below the membrane row, squeezes and IAP of crossed and stayed', () => {
    const s = assay({ type: 'transwell', poresMicrons: [3, 8], cellsPerWell: 10, membraneDepthMicrons: 100 });
    // 16 rows of 10 µm: floor((160 − 100) / 10) = 6, so the membrane is y ∈ [60, 70) µm.
    expect(transwellMembraneRow(s.parameters, s.assay as never)).toBe(6);
    const cells: [number, number, number, number, number][] = [ // y, iap, passages, well, hours since squeeze
      [30, 2, 1, 0, 40], [50, 1, 0, 0, 7], [100, 1, 0, 0, 0], [65, 1.5, 0, 0, 0], [59.9, 3, 2, 1, 12], [120, 1, 0, 1, 0],
    ];
    const body = new Float32Array(cells.length * 8);
    const tag = new Uint32Array(cells.length * 4);
    cells.forEach(([y, iap, passages, well, hours], i) => {
      body.set([5, y, 0, 0, iap, 1, hours, 0], i * 8);
      tag.set([i, 0, passages, well], i * 4);
    });
    const l = emptyLedger();
    l.groups[0].tissue = 4;
    l.groups[1].tissue = 2;
    const r = assayReadout(s, sample(l), { count: cells.length, body, tag }) as { membraneRow: number; wells: Record<string, unknown>[] };
    expect(r.membraneRow).toBe(6);
    expect(r.wells[0]).toMatchObject({ poreMicrons: 3, seeded: 10, live: 4, crossed: 2, crossedFraction: 0.2, squeezedFractionOfCrossed: 0.5, meanIapCrossed: 1.5, meanIapNotCrossed: 1.25, medianHoursSinceSqueezeCrossed: 40 });
    expect(r.wells[1]).toMatchObject({ poreMicrons: 8, live: 2, crossed: 1, crossedFraction: 0.1, squeezedFractionOfCrossed: 1, meanIapCrossed: 3, meanIapNotCrossed: 1, medianHoursSinceSqueezeCrossed: 12 });
    const noAgents = assayReadout(s, sample(l)) as { wells: Record<string, unknown>[] };
    expect(noAgents.wells[0]).toMatchObject({ live: 4, crossed: null, crossedFraction: null });
    // A membrane deeper than the dish is clamped to the rows the matrix has, as experiments.ts does.
    const shallow = assay({ type: 'transwell', membraneDepthMicrons: 10 });
    expect(transwellMembraneRow(shallow.parameters, shallow.assay as never)).toBe(14);
  });

  it('anoikis: survival of each group and the difference in standard errors', () => {
    const s = assay({ type: 'anoikis', delaysDays: [0, 3], cellsPerGroup: 100 });
    const l = emptyLedger();
    Object.assign(l.groups[0], { survivedWindow: 20, anoikisDied: 80 }); // delay 0, no SMAC, control
    Object.assign(l.groups[1], { survivedWindow: 50, anoikisDied: 45 }); // delay 0, no SMAC, squeezed
    const r = assayReadout(s, sample(l)) as { conditions: Record<string, any>[] };
    expect(r.conditions.map((c) => [c.delayDays, c.smacNM])).toEqual([[0, 0], [0, 500], [3, 0], [3, 500]]);
    const c = r.conditions[0];
    expect(c.control).toEqual({ survived: 20, died: 80, pending: 0, survival: 0.2 });
    expect(c.squeezed).toEqual({ survived: 50, died: 45, pending: 5, survival: 0.5 });
    expect(c.difference).toBeCloseTo(0.3, 12);
    // √(0.2·0.8/100 + 0.5·0.5/100) = √0.0041
    expect(c.standardError).toBeCloseTo(Math.sqrt(0.0041), 12);
    expect(c.differenceInSE).toBeCloseTo(0.3 / Math.sqrt(0.0041), 9);
    // No survivors in either group: no spread, so no SE units.
    expect(r.conditions[1]).toMatchObject({ difference: 0, standardError: 0, differenceInSE: null });
  });

  it('nk-coculture: killed fractions and the NK kill-count histogram', () => {
    const s = assay({ type: 'nk-coculture', targetsPerGroup: 200, nkPerTarget: 2 });
    const l = emptyLedger();
    l.groups[0].nkKilled = 30;
    l.groups[1].nkKilled = 10;
    l.nkKills = [50, 20, 10, 5, 3, 2];
    const r = assayReadout(s, sample(l)) as Record<string, any>;
    expect(r.control).toEqual({ killed: 30, targets: 200, killedFraction: 0.15 });
    expect(r.squeezed.killedFraction).toBe(0.05);
    expect(r.nkKillHistogram).toEqual({ 0: 50, 1: 20, 2: 10, 3: 5, 4: 3, '5+': 2 });
    expect(r.nkCount).toBe(90);
    expect(r.nkKilledNothingFraction).toBeCloseTo(50 / 90, 12);
  });

  it('tail-vein: metastases per mouse, incidence and the two-sided Fisher exact p', () => {
    const s = assay({ type: 'tail-vein', miceEach: 4, cellsPerMouse: 100 });
    const l = emptyLedger();
    [2, 0, 1, 5, 0, 3, 0, 0].forEach((m, g) => (l.groups[g].metastases = m));
    const r = assayReadout(s, sample(l)) as Record<string, any>;
    expect(r.control).toEqual({ metastasesPerMouse: [2, 0, 1, 5], meanMetastases: 2, miceWithMetastases: 3, incidence: 0.75 });
    expect(r.squeezed).toMatchObject({ metastasesPerMouse: [0, 3, 0, 0], miceWithMetastases: 1, incidence: 0.25 });
    // [[3, 1], [1, 3]], the tea-tasting table: p = 34/70 (scipy.stats.fisher_exact: 0.4857142857).
    expect(r.fisherPTwoSided).toBeCloseTo(34 / 70, 12);
    const fifteen = assay({ type: 'tail-vein', miceEach: 15, cellsPerMouse: 100 });
    const k = emptyLedger();
    for (let g = 0; g < 3; g++) k.groups[g].metastases = 1;
    for (let g = 15; g < 25; g++) k.groups[g].metastases = 2;
    // [[3, 12], [10, 5]]: scipy.stats.fisher_exact gives 0.025327687033676133.
    expect((assayReadout(fifteen, sample(k)) as Record<string, any>).fisherPTwoSided).toBeCloseTo(0.025327687033676133, 10);
  });

  it('prints a nested readout as one line per number', () => {
    expect(readoutLines({ type: 'x', wells: [{ crossed: 2, meanIap: 1.23456 }], perMouse: [1, 0], p: null })).toEqual([
      'type: x', 'wells[0].crossed: 2', 'wells[0].meanIap: 1.235', 'perMouse: 1 0', 'p: n/a',
    ]);
  });
});
