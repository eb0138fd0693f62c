// What the study read off each experiment (README, "Cells, and the study replayed"), from the final
// metrics sample and, for the transwell, the live agents. Pure: no GPU. Values are plain JSON;
// a quantity with nothing to compute it from is null.
import { transwellMembraneRow, type AnoikisAssay, type NkCocultureAssay, type TailVeinAssay, type TranswellAssay } from '../model/assay.ts';
import type { Scenario } from '../model/scenario.ts';
import { binomialStandardError, fisherExact2x2, median } from '../model/stats.ts';
import type { GroupSample } from '../cells/ledger.ts';
import { BODY_FLOATS, TAG_WORDS, type AgentArrays } from '../cells/population.ts';
import type { MetricsSample } from './cell-readouts.ts';

// Agent layout (shaders/cells/agents.wgsl): body x, y, heading, cycle, iap, speed gain, squeeze
// clock (h), timer; tag id, compartment, passages, group.
const Y = 1, IAP = 4, CLOCK = 6;
const PASSAGES = 2, GROUP = 3;

export type Agents = Pick<AgentArrays, 'count' | 'body' | 'tag'>;

const frac = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function assayReadout(scenario: Scenario, final: MetricsSample, agents?: Agents): Record<string, unknown> {
  const a = scenario.assay;
  if (!a) throw new Error(`assayReadout: scenario "${scenario.name}" has no assay block`);
  const groups = final.ledger.groups;
  switch (a.type) {
    case 'transwell': return { type: a.type, ...transwellReadout(scenario, a, groups, agents) };
    case 'anoikis': return { type: a.type, ...anoikisReadout(a, groups) };
    case 'nk-coculture': return { type: a.type, ...nkReadout(a, groups, final.ledger.nkKills) };
    case 'tail-vein': return { type: a.type, ...tailVeinReadout(a, groups) };
  }
}

function transwellReadout(scenario: Scenario, a: TranswellAssay, groups: readonly GroupSample[], agents?: Agents) {
  const membrane = transwellMembraneRow(scenario.parameters, a);
  // Cells start above the membrane row and drift toward y = 0; one below the row's lower edge has crossed.
  const below = membrane * scenario.parameters.dxMicrons;
  const wells = a.poresMicrons.map((pore, w) => {
    const g = groups[w];
    const live = g.tissue + g.suspended + g.circulating + g.lung + g.held;
    const well = { poreMicrons: pore, seeded: a.cellsPerWell, live };
    if (!agents) return { ...well, crossed: null, crossedFraction: null, squeezedFractionOfCrossed: null, meanIapCrossed: null, meanIapNotCrossed: null, medianHoursSinceSqueezeCrossed: null };
    let crossed = 0, squeezed = 0, others = 0, iapCrossed = 0, iapOther = 0;
    // Hours since the last squeeze of the squeezed crossers: the age of the squeezed group the
    // other assays take from the transwell (their squeezedHoursAgo).
    const sinceSqueeze: number[] = [];
    for (let i = 0; i < agents.count; i++) {
      if (agents.tag[i * TAG_WORDS + GROUP] !== w) continue;
      const iap = agents.body[i * BODY_FLOATS + IAP];
      if (agents.body[i * BODY_FLOATS + Y] < below) {
        crossed++;
        iapCrossed += iap;
        if (agents.tag[i * TAG_WORDS + PASSAGES] > 0) {
          squeezed++;
          sinceSqueeze.push(agents.body[i * BODY_FLOATS + CLOCK]);
        }
      } else {
        others++;
        iapOther += iap;
      }
    }
    return {
      ...well, crossed, crossedFraction: frac(crossed, a.cellsPerWell), squeezedFractionOfCrossed: frac(squeezed, crossed),
      meanIapCrossed: frac(iapCrossed, crossed), meanIapNotCrossed: frac(iapOther, others),
      medianHoursSinceSqueezeCrossed: sinceSqueeze.length > 0 ? median(sinceSqueeze) : null,
    };
  });
  return { membraneRow: membrane, wells };
}

/** Survival over the detached window of one group; `pending` cells are still held or in the window. */
function windowOutcome(g: GroupSample, n: number) {
  return { survived: g.survivedWindow, died: g.anoikisDied, pending: n - g.survivedWindow - g.anoikisDied, survival: g.survivedWindow / n };
}

function anoikisReadout(a: AnoikisAssay, groups: readonly GroupSample[]) {
  const n = a.cellsPerGroup;
  const conditions = a.delaysDays.flatMap((delayDays, d) =>
    [0, 1].map((smac) => {
      const control = windowOutcome(groups[4 * d + 2 * smac], n);
      const squeezed = windowOutcome(groups[4 * d + 2 * smac + 1], n);
      const difference = squeezed.survival - control.survival;
      // Independent groups: the variances of the two proportions add.
      const standardError = Math.hypot(binomialStandardError(control.survival, n), binomialStandardError(squeezed.survival, n));
      return {
        delayDays, smacNM: smac ? a.smacNM : 0, control, squeezed,
        difference, standardError, differenceInSE: frac(difference, standardError),
      };
    }),
  );
  return { cellsPerGroup: n, conditions };
}

function nkReadout(a: NkCocultureAssay, groups: readonly GroupSample[], nkKills: readonly number[]) {
  const target = (g: GroupSample) => ({ killed: g.nkKilled, targets: a.targetsPerGroup, killedFraction: g.nkKilled / a.targetsPerGroup });
  const nkCount = nkKills.reduce((s, v) => s + v, 0);
  const histogram = Object.fromEntries(nkKills.map((v, k) => [k === nkKills.length - 1 ? `${k}+` : String(k), v]));
  return {
    control: target(groups[0]), squeezed: target(groups[1]),
    nkKillHistogram: histogram, nkCount, nkKilledNothingFraction: frac(nkKills[0] ?? 0, nkCount),
  };
}

function tailVeinReadout(a: TailVeinAssay, groups: readonly GroupSample[]) {
  const arm = (first: number) => {
    const perMouse = groups.slice(first, first + a.miceEach).map((g) => g.metastases);
    const withMetastases = perMouse.filter((m) => m > 0).length;
    return {
      metastasesPerMouse: perMouse,
      meanMetastases: perMouse.reduce((s, m) => s + m, 0) / a.miceEach,
      miceWithMetastases: withMetastases,
      incidence: withMetastases / a.miceEach,
    };
  };
  const control = arm(0);
  const squeezed = arm(a.miceEach);
  // Rows: control, squeezed; columns: mice with metastases, mice without.
  const { pTwoSided } = fisherExact2x2(
    control.miceWithMetastases, a.miceEach - control.miceWithMetastases,
    squeezed.miceWithMetastases, a.miceEach - squeezed.miceWithMetastases,
  );
  return { miceEach: a.miceEach, control, squeezed, fisherPTwoSided: pTwoSided };
}
