// The study's experiments replayed (science.md "The study, replayed"): each shipped assay gives
// the direction the paper found. Magnitudes are calibration targets (README, model section);
// every comparison is a statistical one, in standard errors of the difference.
import { describe, expect, it } from 'vitest';
import type { AnoikisAssay, NkCocultureAssay } from '../../../src/model/assay.ts';
import { binomialStandardError, fisherExact2x2 } from '../../../src/model/stats.ts';
import { scoped, useGpu } from '../fixture.ts';
import { assayScenario, runAssay } from './run-assay.ts';

/** z of the difference between two binomial fractions of n each. */
function z(a: number, b: number, n: number): number {
  const se = Math.hypot(binomialStandardError(a, n), binomialStandardError(b, n));
  return se > 0 ? (a - b) / se : 0;
}

describe('the study, replayed', () => {
  const gpu = useGpu();

  it('transwell: 3 µm pores prime the cells that cross, 8 µm pores do not', async () => {
    const scenario = assayScenario('transwell.json', {}, { cellsPerWell: 400 });
    const { agents } = await scoped(gpu(), () => runAssay(gpu(), scenario, true));
    const p = scenario.parameters;
    // The membrane row, as experiments.ts lays it out; cells below it crossed.
    const membraneY = Math.min(p.ny - 2, Math.max(1, Math.floor((p.ny * p.dxMicrons - 100) / p.dxMicrons))) * p.dxMicrons;
    const wells = [0, 1].map((well) => {
      let n = 0, crossed = 0, squeezed = 0, iap = 0;
      for (let i = 0; i < agents!.count; i++) {
        if (agents!.tag[4 * i + 3] !== well) continue;
        n++;
        if (agents!.body[8 * i + 1] >= membraneY) continue;
        crossed++;
        if (agents!.tag[4 * i + 2] > 0) squeezed++;
        iap += agents!.body[8 * i + 4];
      }
      return { n, crossedFraction: crossed / n, squeezedOfCrossed: squeezed / crossed, meanIapOfCrossed: iap / crossed };
    });
    console.log('transwell 3 µm / 8 µm:', JSON.stringify(wells));
    const [narrow, wide] = wells;
    expect(narrow.crossedFraction).toBeGreaterThan(0.2);
    expect(wide.crossedFraction).toBeGreaterThan(0.2);
    expect(narrow.squeezedOfCrossed).toBe(1);
    expect(narrow.meanIapOfCrossed).toBeGreaterThan(1.2);
    expect(wide.squeezedOfCrossed).toBe(0);
    expect(wide.meanIapOfCrossed).toBeCloseTo(1, 6);
  }, 300_000);

  it('anoikis: squeezed cells survive detachment better for ~3 days, not by day 5, and not with 0.5 µM SMAC mimetic', async () => {
    const scenario = assayScenario('anoikis-assay.json');
    const { ledger } = await scoped(gpu(), () => runAssay(gpu(), scenario));
    const a = scenario.assay as AnoikisAssay;
    const n = a.cellsPerGroup;
    const survival = (group: number) => ledger.groups[group].survivedWindow / n;
    const rows = a.delaysDays.map((delay, d) => ({
      delay,
      control: survival(4 * d), squeezed: survival(4 * d + 1),
      controlSmac: survival(4 * d + 2), squeezedSmac: survival(4 * d + 3),
      z: z(survival(4 * d + 1), survival(4 * d), n),
      zSmac: z(survival(4 * d + 3), survival(4 * d + 2), n),
    }));
    console.table(rows);
    const at = (delay: number) => rows.find((r) => r.delay === delay)!;
    expect(at(0).z).toBeGreaterThan(3);
    expect(at(3).z).toBeGreaterThan(3);
    expect(at(5).z).toBeLessThan(3);
    expect(at(5).squeezed - at(5).control).toBeLessThan((at(3).squeezed - at(3).control) / 2);
    expect(Math.abs(at(0).zSmac)).toBeLessThan(3);
    expect(Math.abs(at(3).zSmac)).toBeLessThan(3);
    // Every cell is accounted for: it survived the window or died of anoikis.
    for (let g = 0; g < 4 * a.delaysDays.length; g++) expect(ledger.groups[g].survivedWindow + ledger.groups[g].anoikisDied).toBe(n);
  }, 300_000);

  it('NK co-culture: squeezed targets are partly protected', async () => {
    const scenario = assayScenario('nk-coculture.json');
    const { ledger } = await scoped(gpu(), () => runAssay(gpu(), scenario));
    const n = (scenario.assay as NkCocultureAssay).targetsPerGroup;
    const control = ledger.groups[0].nkKilled / n, squeezed = ledger.groups[1].nkKilled / n;
    console.log(`NK co-culture: killed ${control.toFixed(3)} of control vs ${squeezed.toFixed(3)} of squeezed targets (z ${z(control, squeezed, n).toFixed(1)}); NK by kills 0…5+: ${ledger.nkKills.join(', ')}`);
    expect(control).toBeGreaterThan(0.3);
    expect(control).toBeLessThan(0.9);
    expect(squeezed).toBeGreaterThan(0.05);
    expect(z(control, squeezed, n)).toBeGreaterThan(3);
  }, 300_000);

  it('tail vein: squeezed cells give more metastatic mice, Fisher-significant at 15 a group in most seeds', async () => {
    // Per mouse, metastases are Poisson with mean N·S·p (N cells injected, S their chance of
    // surviving blood and lung, p the seeding chance): a tenth of the cells with ten times p
    // keeps every mouse's distribution and takes a tenth of the time.
    const seeds = [1, 2, 3, 4, 5];
    const results = [];
    for (const seed of seeds) {
      const base = assayScenario('tail-vein.json');
      const scenario = assayScenario('tail-vein.json', { seedingProbability: base.parameters.seedingProbability * 10 }, { cellsPerMouse: 2500 }, seed);
      const { ledger } = await scoped(gpu(), () => runAssay(gpu(), scenario));
      const mice = 15;
      const perMouse = ledger.groups.slice(0, 2 * mice).map((g) => g.metastases);
      const control = perMouse.slice(0, mice).filter((m) => m > 0).length;
      const squeezed = perMouse.slice(mice).filter((m) => m > 0).length;
      const { pTwoSided } = fisherExact2x2(squeezed, mice - squeezed, control, mice - control);
      results.push({ seed, control, squeezed, p: pTwoSided });
    }
    console.table(results);
    expect(results.filter((r) => r.squeezed > r.control && r.p < 0.05).length).toBeGreaterThanOrEqual(4);
  }, 900_000);
});
