// The ledger: one u32 buffer that the agent kernels count into (layout in shaders/cells/
// agents.wgsl), read back as a whole every metrics interval and turned into named numbers here.

export const COUNTER_NAMES = [
  'necrosis', 'anoikisTissue', 'anoikisSuspended', 'anoikisBlood', 'anoikisLung', 'nkTissue', 'nkBlood',
  'squeezes', 'intravasations', 'lungArrests', 'metastases', 'divisions', 'deferredDivisions',
  'survivedWindow', 'extravasated', 'intravasationsPrimed', 'extravasatedPrimed', 'metastasesPrimed',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/** Words of the expected intravasations (low, high; fixed point of 2⁻²⁰), after the counters. */
export const EXPECTED_INTRAVASATIONS = 18;
const EXPECTED_UNIT = 2 ** 20;
export const GROUPS = 32;
export const COUNTERS = 20;
const PER_GROUP = 4;
/** Words of the expected extravasations (as the expected intravasations), after the groups' tallies. */
export const EXPECTED_EXTRAVASATIONS = COUNTERS + GROUPS * PER_GROUP;
const SAMPLE = 152;
const PER_GROUP_SAMPLE = 8;
const GLOBAL = 408;
const HISTOGRAM = 424;
export const HISTOGRAM_BINS = 64;
export const HISTOGRAM_KPA = 0.25;
const ROWS = 488;
const ROW_SUMS = 10;

/** First word of the part cleared before each sample. */
export const SAMPLE_WORD = SAMPLE;

export function ledgerWords(ny: number): number {
  return ROWS + ROW_SUMS * ny;
}

/** One group's cells in one sample: by compartment, primed tissue cells, Σ I, hypoxic tissue cells. */
export interface GroupCounts {
  tissue: number;
  suspended: number;
  circulating: number;
  lung: number;
  held: number;
  primed: number;
  iapSum: number;
  hypoxic: number;
}

export interface GroupSample extends GroupCounts {
  /** Cumulative. */
  nkKilled: number;
  anoikisDied: number;
  survivedWindow: number;
  metastases: number;
}

export interface GridSample {
  capillaries: number;
  perfusionSum: number;
  tumourCells: number;
  po2Sum: number;
  hypoxicCells: number;
  stressSum: number;
  smacSum: number;
  stressMax: number;
  /** Capillaries inside the tumour (density ≥ 0.5), and Σ perfusion over them. */
  tumourCapillaries: number;
  tumourPerfusionSum: number;
}

export interface LedgerSample {
  counters: Record<CounterName, number>;
  /** Σ over cells and steps of each tissue cell's chance to intravasate that step (cumulative). */
  expectedIntravasations: number;
  /** Σ over the cells that entered the blood of each one's chance, at entry, to survive blood and lung (cumulative). */
  expectedExtravasations: number;
  groups: GroupSample[];
  smacEffectSum: number;
  everSqueezed: number;
  nkKills: number[];
  stressHistogram: number[];
  grid: GridSample;
}

export function parseLedger(data: ArrayBuffer, ny: number): LedgerSample {
  const u = new Uint32Array(data);
  const f = new Float32Array(data);
  const counters = Object.fromEntries(COUNTER_NAMES.map((name, i) => [name, u[i]])) as Record<CounterName, number>;
  const groups: GroupSample[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const c = COUNTERS + g * PER_GROUP;
    const s = SAMPLE + g * PER_GROUP_SAMPLE;
    groups.push({
      tissue: u[s], suspended: u[s + 1], circulating: u[s + 2], lung: u[s + 3], held: u[s + 4],
      primed: u[s + 5], iapSum: u[s + 6] / 256, hypoxic: u[s + 7],
      nkKilled: u[c], anoikisDied: u[c + 1], survivedWindow: u[c + 2], metastases: u[c + 3],
    });
  }
  const grid: GridSample = { capillaries: 0, perfusionSum: 0, tumourCells: 0, po2Sum: 0, hypoxicCells: 0, stressSum: 0, smacSum: 0, stressMax: 0, tumourCapillaries: 0, tumourPerfusionSum: 0 };
  for (let j = 0; j < ny; j++) {
    const r = ROWS + ROW_SUMS * j;
    grid.capillaries += f[r];
    grid.perfusionSum += f[r + 1];
    grid.tumourCells += f[r + 2];
    grid.po2Sum += f[r + 3];
    grid.hypoxicCells += f[r + 4];
    grid.stressSum += f[r + 5];
    grid.smacSum += f[r + 6];
    grid.stressMax = Math.max(grid.stressMax, f[r + 7]);
    grid.tumourCapillaries += f[r + 8];
    grid.tumourPerfusionSum += f[r + 9];
  }
  return {
    counters,
    expectedIntravasations: fixedPoint(u, EXPECTED_INTRAVASATIONS),
    expectedExtravasations: fixedPoint(u, EXPECTED_EXTRAVASATIONS),
    groups,
    smacEffectSum: u[GLOBAL] / 1024,
    everSqueezed: u[GLOBAL + 1],
    nkKills: Array.from(u.subarray(GLOBAL + 2, GLOBAL + 8)),
    stressHistogram: Array.from(u.subarray(HISTOGRAM, HISTOGRAM + HISTOGRAM_BINS)),
    grid,
  };
}

function fixedPoint(u: Uint32Array, word: number): number {
  return (u[word] + u[word + 1] * 2 ** 32) / EXPECTED_UNIT;
}

/** The stress below which a fraction q of tumour grid cells lie, from the histogram (bin centres). */
export function stressPercentile(histogram: readonly number[], q: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let seen = 0;
  for (let b = 0; b < histogram.length; b++) {
    seen += histogram[b];
    if (seen >= q * total) return (b + 0.5) * HISTOGRAM_KPA;
  }
  return (histogram.length - 0.5) * HISTOGRAM_KPA;
}
