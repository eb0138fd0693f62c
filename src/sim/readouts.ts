// Scalar readouts of a snapshot: what a researcher reads off first.
import type { Scenario } from '../model/scenario.ts';
import type { World } from './world.ts';
import type { FieldSnapshot } from './snapshot.ts';
import { median } from '../model/stats.ts';

export interface FieldStats {
  min: number;
  max: number;
  mean: number;
}

export function stats(data: Float32Array): FieldStats {
  let min = Infinity, max = -Infinity, sum = 0, n = 0;
  for (const v of data) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    n++;
  }
  return { min, max, mean: n ? sum / n : NaN };
}

/** Fields that are not finite everywhere: a solver diverged or read bad input. */
export function nonFinite(fields: FieldSnapshot[]): string[] {
  return fields.filter((f) => f.data.some((v) => !Number.isFinite(v))).map((f) => f.name);
}

export function readouts(scenario: Scenario, world: World, fields: FieldSnapshot[]): Record<string, number> {
  const get = (name: string) => fields.find((f) => f.name === name)?.data;
  const p = scenario.parameters;
  const { nx, ny, hMicrons: h } = world;
  const core: number[] = [];
  const tumour: number[] = [];
  const cx = (nx * h) / 2, cy = (ny * h) / 2;
  // Where the cells are now (deposited by the agents), or the initial tumour without cells.
  const density = get('cell density') ?? world.density;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const r = Math.hypot((i + 0.5) * h - cx, (j + 0.5) * h - cy);
      if (r < p.tumourRadiusMicrons / 2) core.push(j * nx + i);
      if (density[j * nx + i] >= 0.5) tumour.push(j * nx + i);
    }
  }
  const mean = (data: Float32Array | undefined, idx: number[]) =>
    data && idx.length ? idx.reduce((s, c) => s + data[c], 0) / idx.length : NaN;
  const out: Record<string, number> = {};
  const pressure = get('compressive stress');
  if (pressure && !scenario.inclusion) out.coreCompressiveStressKPa = mean(pressure, core);
  const oxygen = get('oxygen');
  if (oxygen) {
    out.meanPO2MmHg = oxygen.reduce((a, b) => a + b, 0) / oxygen.length;
    out.minPO2MmHg = oxygen.reduce((a, b) => Math.min(a, b), Infinity);
  }
  if (oxygen && tumour.length) {
    out.tumourMeanPO2MmHg = mean(oxygen, tumour);
    out.tumourMedianPO2MmHg = median(tumour.map((c) => oxygen[c]));
    out.hypoxicTumourFraction = tumour.filter((c) => oxygen[c] < p.hypoxiaThresholdMmHg).length / tumour.length;
  }
  // Normal tissue: no tumour cells, and outside the tumour and the rim as laid down.
  const normal = oxygen && scenario.kind === 'tissue' && !scenario.inclusion
    ? Array.from(density.keys()).filter((c) => density[c] < 0.05 && world.tumourArea[c] === 0 && world.stromaArea[c] === 0) : [];
  if (oxygen && normal.length) out.normalTissueMedianPO2MmHg = median(normal.map((c) => oxygen[c]));
  const perfusion = get('perfusion');
  if (perfusion && world.vessels.length) {
    // Each vessel once, by the perfusion of the cell holding its centre.
    const centres = Array.from(world.exchange.centreCell);
    out.perfusedVesselFraction = centres.filter((c) => perfusion[c] >= 0.5).length / centres.length;
    // The tumour bed's vessels (where the tumour was laid down, so vessels whose cells died still
    // count), each by its fraction of normal flow, as the metrics column of that name: collapse
    // is graded, and a bed of vessels all at a fifth of normal flow is a fifth perfused.
    const bed = centres.filter((c) => world.density[c] >= 0.5);
    if (bed.length && scenario.kind === 'tissue') out.tumourPerfusedVesselFraction = bed.reduce((s, c) => s + perfusion[c], 0) / bed.length;
  }
  const smac = get('SMAC mimetic');
  if (smac && tumour.length) out.tumourMeanSmacNM = mean(smac, tumour);
  return out;
}

/** Measured ranges that the default tissue's readouts are meant to sit in (docs/references.md). */
export const LITERATURE_RANGES: Record<string, { min: number; max: number; source: string }> = {
  coreCompressiveStressKPa: { min: 1, max: 10, source: 'solid stress in tumours 1.3–13 kPa; the default is calibrated to 1–10' },
  tumourMedianPO2MmHg: { min: 5, max: 30, source: 'breast cancer medians: 30 mmHg (Vaupel 1991), 10 mmHg (meta-analysis)' },
  hypoxicTumourFraction: { min: 0.25, max: 0.75, source: 'pO₂ below 10 mmHg: about half of breast-cancer readings at the meta-analysis median of 10 mmHg; ±0.25 allowed' },
  normalTissueMedianPO2MmHg: { min: 40, max: 65, source: 'normal breast medians 52–65 mmHg (Vaupel 1991; meta-analysis)' },
  tumourPerfusedVesselFraction: { min: 0.1, max: 0.9, source: 'partly collapsed, not shut: compressed tumour vessels reopen when the stress is relieved (Padera 2004); no measured fraction, a design range' },
};

/** "in" or "OUTSIDE" the measured range, with the range and its source; undefined without one. */
export function rangeNote(key: string, value: number): string | undefined {
  const r = LITERATURE_RANGES[key];
  if (!r) return undefined;
  const inside = value >= r.min && value <= r.max;
  return `${inside ? 'in' : 'OUTSIDE'} the measured ${r.min}–${r.max} (${r.source})`;
}
