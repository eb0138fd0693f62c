import { describe, expect, it } from 'vitest';
import { parseScenario, DEFAULT_SCENARIO, DEFAULT_SCENARIO_JSON } from '../../src/model/scenario.ts';
import { buildWorld } from '../../src/sim/world.ts';
import { rangeNote, readouts, stats } from '../../src/sim/readouts.ts';
import { withOrders } from '../../src/verify/types.ts';
import inclusionStiff from '../../scenarios/inclusion-stiff.json';
import twoCapillaries from '../../scenarios/two-capillaries.json';
import singleCapillary from '../../scenarios/single-capillary.json';

describe('world', () => {
  const world = buildWorld(DEFAULT_SCENARIO);
  const p = DEFAULT_SCENARIO.parameters;
  const at = (xMicrons: number, yMicrons: number) => Math.floor(yMicrons / p.dxMicrons) * p.nx + Math.floor(xMicrons / p.dxMicrons);
  const centre = (p.nx * p.dxMicrons) / 2;

  it('lays down collagen in the tumour, denser in its stroma rim, with the moduli it gives', () => {
    const k = p.collagenModulusExponent;
    const tumourCollagen = (p.tumourStiffnessKPa / p.normalTissueStiffnessKPa) ** (1 / k);
    expect(world.density[at(centre, centre)]).toBe(1);
    expect(world.collagen[at(centre, centre)]).toBeCloseTo(tumourCollagen, 5);
    // The tumour's modulus is the tumour stiffness; the rim's the ratio^k times it.
    expect(world.baseE[at(centre, centre)]).toBeCloseTo(p.tumourStiffnessKPa, 3);
    const rim = centre + p.tumourRadiusMicrons + p.stromaWidthMicrons / 2;
    expect(world.stromaArea[at(rim, centre)]).toBe(1);
    expect(world.collagen[at(rim, centre)]).toBeCloseTo(tumourCollagen * p.stromaCollagenRatio, 5);
    expect(world.baseE[at(rim, centre)]).toBeCloseTo(p.tumourStiffnessKPa * p.stromaCollagenRatio ** k, 3);
    expect(world.density[at(rim, centre)]).toBe(0);
    expect(world.baseE[at(5, 5)]).toBe(Math.fround(p.normalTissueStiffnessKPa));
    expect(world.collagen[at(5, 5)]).toBe(1);
  });

  it('gives a cell cut by the tumour or stroma edge the area mean of its collagen, the same total at every h', () => {
    // The collagen in excess of normal tissue, integrated over the domain, is the annulus and
    // disk areas times their excess whatever h is: 0/1 sampling at cell centres gets it to
    // O(h) only, with an error that depends on where the circles cut the cells.
    const excess = (h: number) => {
      const n = (p.nx * p.dxMicrons) / h;
      const w = buildWorld(parseScenario({ ...DEFAULT_SCENARIO_JSON, parameters: { ...DEFAULT_SCENARIO_JSON.parameters, nx: n, ny: n, dxMicrons: h } }));
      return { excess: w.collagen.reduce((s, c) => s + (c - 1) * h * h, 0), cut: w.stromaArea.some((a) => a > 0 && a < 1) };
    };
    const R = p.tumourRadiusMicrons, W = p.stromaWidthMicrons;
    const tumourCollagen = (p.tumourStiffnessKPa / p.normalTissueStiffnessKPa) ** (1 / p.collagenModulusExponent);
    const exact = Math.PI * R * R * (tumourCollagen - 1) + Math.PI * ((R + W) ** 2 - R * R) * (tumourCollagen * p.stromaCollagenRatio - 1);
    for (const h of [20, 10, 5]) {
      const { excess: e, cut } = excess(h);
      expect(cut).toBe(true);
      expect(Math.abs(e / exact - 1)).toBeLessThan(2e-4);
    }
  });

  it('rasterises the seeded capillary bed, the same for the same seed', () => {
    expect(world.raster.cellIndex.length).toBeGreaterThan(100);
    expect(buildWorld(DEFAULT_SCENARIO).raster.cellIndex).toEqual(world.raster.cellIndex);
  });

  it('gives an inclusion its own moduli and no tumour', () => {
    const s = parseScenario(inclusionStiff);
    const w = buildWorld(s);
    const n = s.parameters.nx;
    expect(w.baseE[(n / 2) * n + n / 2]).toBe(20);
    expect(w.baseE[0]).toBe(2);
    expect(stats(w.density).max).toBe(0);
  });

  it('takes up oxygen only around the listed vessels in a vessels scenario, never in a lumen', () => {
    const s = parseScenario(twoCapillaries);
    const w = buildWorld(s);
    expect(stats(w.uptake).max).toBe(1);
    // Both 4 µm capillaries sit on cell corners (h = 10 µm): no cell centre lies inside either,
    // so the four cells around each are tissue and take up oxygen.
    expect(w.exchange.lumenCell.length).toBe(0);
    for (const c of w.exchange.centreCell) expect(w.uptake[c]).toBe(1);
    // A resolved vessel (Rc = 5 µm at h = 0.625 µm): its lumen takes up nothing.
    const resolved = buildWorld(parseScenario(singleCapillary));
    expect(resolved.exchange.lumenCell.length).toBeGreaterThan(150);
    for (const c of resolved.exchange.lumenCell) expect(resolved.uptake[c]).toBe(0);
    expect(stats(resolved.uptake).max).toBe(1);
  });

  it('counts each vessel once in the perfused fraction, by the cell holding its centre', () => {
    const s = parseScenario({
      name: 'v', kind: 'vessels', parameters: { nx: 32, ny: 32, dxMicrons: 10 }, uptake: { uniformMmHgPerS: 1 },
      vessels: { mode: 'list', list: [{ xMicrons: 100, yMicrons: 100, radiusMicrons: 20, wallPO2MmHg: 40 }, { xMicrons: 255, yMicrons: 255, radiusMicrons: 4, wallPO2MmHg: 40 }] },
    });
    const w = buildWorld(s);
    // The wide vessel covers 12 cells, the capillary one: collapsing the wide one halves the
    // fraction (a per-cell count would give 1/13).
    expect(w.raster.cellIndex.length).toBe(13);
    const perfusion = new Float32Array(32 * 32).fill(1);
    w.exchange.lumenCell.forEach((c, k) => { if (w.exchange.lumenVessel[k] === 0) perfusion[c] = 0; });
    const field = { name: 'perfusion', unit: '1', map: 'viridis', data: perfusion, components: 1, at: 'cell' } as const;
    expect(readouts(s, w, [field]).perfusedVesselFraction).toBe(0.5);
  });

  it('reads the hypoxic fraction of the tumour from an oxygen field', () => {
    const cells = p.nx * p.ny;
    const oxygen = new Float32Array(cells).fill(40);
    const r = readouts(DEFAULT_SCENARIO, world, [{ name: 'oxygen', unit: 'mmHg', map: 'viridis', data: oxygen, components: 1, at: 'cell' }]);
    expect(r.hypoxicTumourFraction).toBe(0);
    oxygen.fill(1);
    expect(readouts(DEFAULT_SCENARIO, world, [{ name: 'oxygen', unit: 'mmHg', map: 'viridis', data: oxygen, components: 1, at: 'cell' }]).hypoxicTumourFraction).toBe(1);
  });

  it('reads the median pO2 of the tumour and of normal tissue, and says whether each is in its measured range', () => {
    const oxygen = new Float32Array(p.nx * p.ny);
    // 2 mmHg in the tumour as laid down, 20 in its rim, 50 beyond.
    for (let c = 0; c < oxygen.length; c++) oxygen[c] = world.tumourArea[c] > 0 ? 2 : world.stromaArea[c] > 0 ? 20 : 50;
    const r = readouts(DEFAULT_SCENARIO, world, [{ name: 'oxygen', unit: 'mmHg', map: 'viridis', data: oxygen, components: 1, at: 'cell' }]);
    expect(r.tumourMedianPO2MmHg).toBe(2);
    expect(r.normalTissueMedianPO2MmHg).toBe(50);
    expect(rangeNote('tumourMedianPO2MmHg', 2)).toMatch(/^OUTSIDE the measured 5–30 /);
    expect(rangeNote('normalTissueMedianPO2MmHg', 50)).toMatch(/^in the measured 40–65 /);
    expect(rangeNote('perfusedVesselFraction', 0.5)).toBeUndefined();
    expect(rangeNote('hypoxicTumourFraction', 0.9)).toMatch(/^OUTSIDE the measured 0.25–0.75 /);
  });

  it('reads the tumour bed\'s perfusion as its vessels\' mean fraction of normal flow', () => {
    const perfusion = new Float32Array(p.nx * p.ny).fill(1);
    for (let c = 0; c < perfusion.length; c++) if (world.density[c] >= 0.5) perfusion[c] = 0.2;
    const r = readouts(DEFAULT_SCENARIO, world, [{ name: 'perfusion', unit: '1', map: 'viridis', data: perfusion, components: 1, at: 'cell' }]);
    expect(r.tumourPerfusedVesselFraction).toBeCloseTo(0.2, 6);
    expect(r.perfusedVesselFraction).toBeLessThan(1);
    expect(rangeNote('tumourPerfusedVesselFraction', 0.2)).toMatch(/^in the measured 0.1–0.9 /);
  });
});

describe('observed order', () => {
  it('is log2 of the error ratio between successive grids', () => {
    const rows = withOrders([
      { case: 'c', grid: 'a', quantity: 'e', value: 4e-3 },
      { case: 'c', grid: 'b', quantity: 'e', value: 1e-3 },
      { case: 'c', grid: 'c', quantity: 'e', value: 5e-4 },
    ]);
    expect(rows[0].order).toBeUndefined();
    expect(rows[1].order).toBeCloseTo(2, 12);
    expect(rows[2].order).toBeCloseTo(1, 12);
  });
});
