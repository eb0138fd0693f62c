import { describe, expect, it } from 'vitest';
import { parseScenario, DEFAULT_SCENARIO } from '../../src/model/scenario.ts';
import {
  PEACEMAN_FACTOR,
  generateCapillaries,
  peacemanRadius,
  rasteriseVessels,
  type Vessel,
} from '../../src/model/vessels.ts';
import { vesselsOf } from '../../src/model/scenario-vessels.ts';

const grid = { nx: 128, ny: 96, dxMicrons: 10 };
const bed = { spacingMicrons: 100, radiusMicrons: 4, jitterFraction: 0.35, wallPO2MmHg: 40, seed: 7 };

describe('capillary bed generation', () => {
  it('is deterministic for a seed and changes with it', () => {
    expect(generateCapillaries(grid, bed)).toEqual(generateCapillaries(grid, bed));
    expect(generateCapillaries(grid, { ...bed, seed: 8 })).not.toEqual(generateCapillaries(grid, bed));
  });

  it('puts one vessel per lattice node, within the jitter of its node and inside the domain', () => {
    const vessels = generateCapillaries(grid, bed);
    const cols = Math.floor(1280 / 100);
    const rows = Math.floor(960 / 100);
    expect(vessels).toHaveLength(cols * rows);
    const x0 = (1280 - cols * 100) / 2;
    const y0 = (960 - rows * 100) / 2;
    vessels.forEach((v, k) => {
      const i = k % cols;
      const j = Math.floor(k / cols);
      expect(Math.abs(v.xMicrons - (x0 + (i + 0.5) * 100))).toBeLessThanOrEqual(35);
      expect(Math.abs(v.yMicrons - (y0 + (j + 0.5) * 100))).toBeLessThanOrEqual(35);
      expect(v.xMicrons).toBeGreaterThanOrEqual(0);
      expect(v.xMicrons).toBeLessThan(1280);
      expect(v.yMicrons).toBeGreaterThanOrEqual(0);
      expect(v.yMicrons).toBeLessThan(960);
      expect(v.radiusMicrons).toBe(4);
      expect(v.wallPO2MmHg).toBe(40);
    });
  });

  it('keeps neighbours at least (1 − 2·jitter)·spacing apart, about a spacing on average', () => {
    const vessels = generateCapillaries({ nx: 256, ny: 256, dxMicrons: 10 }, { ...bed, spacingMicrons: 110 });
    const nearest = vessels.map((a) =>
      Math.min(...vessels.filter((b) => b !== a).map((b) => Math.hypot(a.xMicrons - b.xMicrons, a.yMicrons - b.yMicrons))),
    );
    expect(Math.min(...nearest)).toBeGreaterThanOrEqual(110 * (1 - 2 * 0.35));
    const mean = nearest.reduce((s, d) => s + d, 0) / nearest.length;
    expect(mean).toBeGreaterThan(0.7 * 110);
    expect(mean).toBeLessThan(1.05 * 110);
  });

  it('is an exact lattice without jitter', () => {
    const vessels = generateCapillaries({ nx: 32, ny: 32, dxMicrons: 10 }, { ...bed, jitterFraction: 0 });
    expect(vessels.map((v) => [v.xMicrons, v.yMicrons])).toEqual([
      [60, 60], [160, 60], [260, 60],
      [60, 160], [160, 160], [260, 160],
      [60, 260], [160, 260], [260, 260],
    ]);
  });

  it('resolves a scenario into its vessels', () => {
    const p = DEFAULT_SCENARIO.parameters;
    expect(vesselsOf(DEFAULT_SCENARIO)).toEqual(
      generateCapillaries(
        { nx: p.nx, ny: p.ny, dxMicrons: p.dxMicrons },
        { spacingMicrons: p.capillarySpacingMicrons, radiusMicrons: p.capillaryRadiusMicrons, jitterFraction: p.capillaryJitterFraction, wallPO2MmHg: p.vesselWallPO2MmHg, seed: DEFAULT_SCENARIO.seed },
      ),
    );
    const list = { mode: 'list', list: [{ xMicrons: 5, yMicrons: 6, radiusMicrons: 3, wallPO2MmHg: 20 }] };
    expect(vesselsOf(parseScenario({ name: 'v', kind: 'vessels', vessels: list, uptake: { uniformMmHgPerS: 1 } }))).toEqual(list.list);
  });
});

describe('rasterisation', () => {
  const v = (x: number, y: number, r: number, wall = 40): Vessel => ({ xMicrons: x, yMicrons: y, radiusMicrons: r, wallPO2MmHg: wall });

  it('marks a sub-grid capillary in the one cell holding its centre', () => {
    const r = rasteriseVessels(grid, [v(123, 45, 4)]);
    expect([...r.cellIndex]).toEqual([4 * 128 + 12]);
    expect([...r.radiusMicrons]).toEqual([4]);
    expect([...r.wallPO2MmHg]).toEqual([40]);
  });

  it('marks a resolved vessel as the cells whose centres lie in its disk, sorted', () => {
    const r = rasteriseVessels(grid, [v(500, 400, 25)]);
    const expected: number[] = [];
    for (let j = 0; j < grid.ny; j++) {
      for (let i = 0; i < grid.nx; i++) {
        if (Math.hypot((i + 0.5) * 10 - 500, (j + 0.5) * 10 - 400) <= 25) expected.push(j * grid.nx + i);
      }
    }
    expect([...r.cellIndex]).toEqual(expected);
    expect(expected.length).toBeGreaterThan(15);
  });

  it('keeps the widest vessel where two share a cell, whatever their order', () => {
    const a = v(101, 101, 3, 40);
    const b = v(108, 108, 4.5, 30);
    const c = v(105, 105, 4.5, 35);
    for (const list of [[a, b, c], [c, b, a], [b, a, c]]) {
      const r = rasteriseVessels(grid, list);
      expect([...r.cellIndex]).toEqual([10 * 128 + 10]);
      expect(r.radiusMicrons[0]).toBe(4.5);
      expect(r.wallPO2MmHg[0]).toBe(35);
    }
  });

  it('keeps vessels on the domain edge inside the grid', () => {
    const r = rasteriseVessels(grid, [v(1280, 960, 2)]);
    expect([...r.cellIndex]).toEqual([96 * 128 - 1]);
  });
});

describe('Peaceman radius', () => {
  it('uses r0 = h·e^(−γ)/2^(3/2) ≈ 0.1985 h', () => {
    expect(PEACEMAN_FACTOR).toBeCloseTo(0.198506, 6);
    expect(peacemanRadius(10)).toBeCloseTo(1.98506, 5);
  });
});
