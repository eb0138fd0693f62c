// Scalar readouts of a snapshot: what a researcher reads off first.
import type { Scenario } from '../model/scenario.ts';
import type { World } from './world.ts';
import type { FieldSnapshot } from './snapshot.ts';

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
    out.hypoxicTumourFraction = tumour.filter((c) => oxygen[c] < p.hypoxiaThresholdMmHg).length / tumour.length;
  }
  const perfusion = get('perfusion');
  if (perfusion && world.vessels.length) {
    // Each vessel once, by the perfusion of the cell holding its centre.
    const centres = Array.from(world.exchange.centreCell);
    out.perfusedVesselFraction = centres.filter((c) => perfusion[c] >= 0.5).length / centres.length;
  }
  const smac = get('SMAC mimetic');
  if (smac && tumour.length) out.tumourMeanSmacNM = mean(smac, tumour);
  return out;
}
