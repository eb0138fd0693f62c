// Mechanics to metastasis, every direction paired by seed over four seeds and printed with its
// standard error (README, "Mechanics to metastasis").
// - The untreated default tumour (the default scenario on 128² cells of 20 µm: the same 2.56 mm of
//   tissue; the model-convergence suite shows its readouts within a few per cent of the 10 µm
//   grid's) sits in the measured ranges of src/sim/readouts.ts, what `confine run` prints against
//   them: core stress, tumour and normal-tissue median pO₂, hypoxic fraction, perfusion of the
//   tumour bed's vessels. Seed 1, the default's.
// The directions, on a smaller tumour of the same tissue in CI (radius 600 µm, a 200 µm rim, 96²
// cells of 20 µm; 24 runs of the default tumour take about half an hour on a software adapter, and
// CONFINE_CHAIN=default runs them there; the README's table is that run), 14 days, drugs off
// unless an arm adds them:
// - Cells primed by a squeeze in tissue (I ≥ 1.2 at entry) survive blood and lung better than
//   cells that enter unprimed.
// - A stiffer tumour (denser collagen: stiffer and narrower-pored) primes a larger share of the
//   cells that enter the blood, over 10, 20 and 40 kPa.
// - Softening lowers tissue priming, raises intravasation (reopened vessels, more cells) and lowers
//   colonisers per intravasation; the net change in colonisers is printed with its interval.
// - Softening plus the SMAC mimetic sends fewer colonisers than either alone.
// Colonisers are counted (cells that finished blood and lung alive) and expected (the sum, over
// every cell that entered the blood, of its chance at entry to finish alive): the expectation
// carries no counting noise from the blood and lung draws.
import { describe, expect, it } from 'vitest';
import type { Gpu } from '../../../src/gpu/device.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../../src/model/scenario.ts';
import { Simulation } from '../../../src/sim/simulation.ts';
import { snapshot } from '../../../src/sim/snapshot.ts';
import { LITERATURE_RANGES, readouts } from '../../../src/sim/readouts.ts';
import { circulationSurvivalBy } from '../../../src/sim/cell-readouts.ts';
import { mean, meanConfidenceInterval, standardError } from '../../../src/model/stats.ts';
import { scoped, useGpu } from '../fixture.ts';

const SEEDS = [1, 2, 3, 4];
const RANGE_SEEDS = [1];

const DEFAULT_TUMOUR = { nx: 128, ny: 128, dxMicrons: 20 };
const CHAIN_TUMOUR = process.env.CONFINE_CHAIN === 'default' ? DEFAULT_TUMOUR
  : { nx: 96, ny: 96, dxMicrons: 20, tumourRadiusMicrons: 600, stromaWidthMicrons: 200 };

const ARMS = {
  'no therapy': {},
  'softer (10 kPa)': { tumourStiffnessKPa: 10 },
  'stiffer (40 kPa)': { tumourStiffnessKPa: 40 },
  softening: { softenerDoseRelative: 1 },
  'SMAC mimetic 20 nM': { smacDoseNM: 20 },
  'softening + SMAC': { softenerDoseRelative: 1, smacDoseNM: 20 },
} satisfies Record<string, Record<string, number>>;
type ArmName = keyof typeof ARMS;

interface Run {
  /** What `confine run` prints against the measured ranges. */
  ranges: Record<string, number>;
  tumourCells: number;
  /** Tissue cells at I ≥ 1.2. */
  primed: number;
  intravasations: number;
  /** Share of the cells entering the blood that were primed. */
  primedAtEntry: number;
  colonisers: number;
  expectedColonisers: number;
  expectedPerIntravasation: number;
  /** Circulation survival (cohort) of cells primed or not at entry, and the cohort's sizes. */
  survivalPrimed: number;
  survivalUnprimed: number;
  cohortPrimed: number;
  cohortUnprimed: number;
}

async function run(gpu: Gpu, tumour: Record<string, number>, arm: ArmName, seed: number): Promise<Run> {
  const scenario = parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    seed,
    parameters: { ...DEFAULT_SCENARIO_JSON.parameters, ...tumour, metricsIntervalMinutes: 240, smacDoseNM: 0, softenerDoseRelative: 0, ...ARMS[arm] },
  });
  return scoped(gpu, async () => {
    const sim = new Simulation(gpu, scenario);
    for (let s = 0; s < sim.stepCount; s++) await sim.step();
    await sim.cells!.drain();
    const final = await sim.cells!.sampleNow(sim.steps, sim.timeMinutes);
    const ranges = readouts(scenario, sim.world, await snapshot(sim));
    sim.destroy();
    const c = final.ledger.counters;
    const tissue = final.ledger.groups[0].tissue;
    const cohortPrimed = final.circulationCohortPrimed ?? NaN;
    return {
      ranges,
      tumourCells: tissue,
      primed: final.ledger.groups[0].primed / tissue,
      intravasations: c.intravasations,
      primedAtEntry: c.intravasationsPrimed / c.intravasations,
      colonisers: c.extravasated,
      expectedColonisers: final.ledger.expectedExtravasations,
      expectedPerIntravasation: final.ledger.expectedExtravasations / c.intravasations,
      survivalPrimed: circulationSurvivalBy(final, 'primed'),
      survivalUnprimed: circulationSurvivalBy(final, 'unprimed'),
      cohortPrimed,
      cohortUnprimed: (final.circulationCohort ?? NaN) - cohortPrimed,
    };
  });
}

/** Paired over seeds: the mean of b − a (or of b/a − 1 when `relative`), its standard error and 95 % interval. */
function paired(a: Run[], b: Run[], readout: (r: Run) => number, relative = false) {
  return summary(a.map((x, k) => (relative ? readout(b[k]) / readout(x) - 1 : readout(b[k]) - readout(x))));
}

function summary(d: number[]) {
  const ci = meanConfidenceInterval(d);
  return { mean: mean(d), se: standardError(d), low: ci.low!, high: ci.high!, each: d };
}

const show = (label: string, p: ReturnType<typeof summary>) =>
  console.log(`${label}: ${p.mean.toFixed(4)} ± ${p.se.toFixed(4)} SE (95 % CI ${p.low.toFixed(4)} to ${p.high.toFixed(4)}; by seed ${p.each.map((v) => v.toFixed(4)).join(', ')})`);

describe('mechanics to metastasis in the default tumour, paired over four seeds', () => {
  const gpu = useGpu();
  const cache = new Map<string, Promise<Run>>();
  const runsOf = async (tumour: Record<string, number>, arm: ArmName, seeds: number[]): Promise<Run[]> => {
    const out: Run[] = [];
    for (const seed of seeds) {
      const key = `${JSON.stringify(tumour)}/${arm}/${seed}`;
      if (!cache.has(key)) cache.set(key, run(gpu(), tumour, arm, seed));
      out.push(await cache.get(key)!);
    }
    return out;
  };
  const runs = (arm: ArmName) => runsOf(CHAIN_TUMOUR, arm, SEEDS);
  const table = (named: Partial<Record<ArmName, Run[]>>) =>
    console.table(Object.entries(named).flatMap(([arm, rs]) => rs!.map((r, k) => {
      const { ranges: _, ...rest } = r;
      return { arm, seed: SEEDS[k], ...rest };
    })));

  it('the untreated default sits in the measured ranges of stress, oxygenation and perfusion', async () => {
    const base = await runsOf(DEFAULT_TUMOUR, 'no therapy', RANGE_SEEDS);
    const keys = Object.keys(LITERATURE_RANGES);
    console.table(base.map((r, k) => ({ seed: RANGE_SEEDS[k], ...Object.fromEntries(keys.map((key) => [key, r.ranges[key]])) })));
    for (const r of base) {
      for (const key of keys) {
        const { min, max } = LITERATURE_RANGES[key];
        expect(r.ranges[key], key).toBeGreaterThanOrEqual(min);
        expect(r.ranges[key], key).toBeLessThanOrEqual(max);
      }
    }
  }, 900_000);

  it('cells primed at entry survive blood and lung better than unprimed ones (> 3 SE)', async () => {
    const base = await runs('no therapy');
    console.table(base.map(({ cohortPrimed, cohortUnprimed, survivalPrimed, survivalUnprimed }, k) => ({ seed: SEEDS[k], cohortPrimed, cohortUnprimed, survivalPrimed, survivalUnprimed })));
    const d = summary(base.map((r) => r.survivalPrimed - r.survivalUnprimed));
    show('circulation survival, primed − unprimed', d);
    // The identity behind the split: colonisers = Σ over classes of cohort × survival.
    for (const r of base) expect(r.cohortPrimed * r.survivalPrimed + r.cohortUnprimed * r.survivalUnprimed).toBeCloseTo(r.colonisers, 6);
    expect(d.mean).toBeGreaterThan(3 * d.se);
  }, 900_000);

  it('a stiffer tumour primes a larger share of the cells entering the blood, over 10, 20 and 40 kPa', async () => {
    const soft = await runs('softer (10 kPa)'), base = await runs('no therapy'), stiff = await runs('stiffer (40 kPa)');
    table({ 'softer (10 kPa)': soft, 'no therapy': base, 'stiffer (40 kPa)': stiff });
    const low = paired(soft, base, (r) => r.primedAtEntry), high = paired(base, stiff, (r) => r.primedAtEntry);
    show('primed share at entry, 20 − 10 kPa', low);
    show('primed share at entry, 40 − 20 kPa', high);
    show('colonisers (expected), 40 kPa against 20, relative', paired(base, stiff, (r) => r.expectedColonisers, true));
    expect(low.mean).toBeGreaterThan(3 * low.se);
    expect(high.mean).toBeGreaterThan(3 * high.se);
  }, 1_800_000);

  it('softening lowers tissue priming, raises intravasation and lowers colonisers per intravasation; the net change is printed', async () => {
    const base = await runs('no therapy'), soft = await runs('softening');
    table({ 'no therapy': base, softening: soft });
    const primed = paired(base, soft, (r) => r.primed);
    const entries = paired(base, soft, (r) => r.intravasations, true);
    const perEntry = paired(base, soft, (r) => r.expectedPerIntravasation, true);
    show('primed tissue fraction, softening − none', primed);
    show('intravasations, softening against none, relative', entries);
    show('expected colonisers per intravasation, softening against none, relative', perEntry);
    show('net change in colonisers (expected), relative', paired(base, soft, (r) => r.expectedColonisers, true));
    show('net change in colonisers (counted)', paired(base, soft, (r) => r.colonisers));
    expect(-primed.mean).toBeGreaterThan(3 * primed.se);
    expect(entries.mean).toBeGreaterThan(3 * entries.se);
    expect(-perEntry.mean).toBeGreaterThan(3 * perEntry.se);
  }, 1_800_000);

  const combination = async () => {
    const soft = await runs('softening'), smac = await runs('SMAC mimetic 20 nM'), both = await runs('softening + SMAC');
    table({ softening: soft, 'SMAC mimetic 20 nM': smac, 'softening + SMAC': both });
    const againstSoft = paired(soft, both, (r) => r.expectedColonisers, true);
    const againstSmac = paired(smac, both, (r) => r.expectedColonisers, true);
    show('colonisers (expected), both against softening, relative', againstSoft);
    show('colonisers (expected), both against SMAC mimetic, relative', againstSmac);
    show('colonisers (counted), both − softening', paired(soft, both, (r) => r.colonisers));
    show('colonisers (counted), both − SMAC mimetic', paired(smac, both, (r) => r.colonisers));
    return { againstSoft, againstSmac };
  };

  it('softening plus the SMAC mimetic sends fewer colonisers than softening alone (> 3 SE)', async () => {
    const { againstSoft } = await combination();
    expect(-againstSoft.mean).toBeGreaterThan(3 * againstSoft.se);
  }, 1_800_000);

  it('softening plus the SMAC mimetic sends fewer colonisers than the SMAC mimetic alone (> 3 SE)', async () => {
    const { againstSmac } = await combination();
    expect(-againstSmac.mean).toBeGreaterThan(3 * againstSmac.se);
  }, 1_800_000);
});
