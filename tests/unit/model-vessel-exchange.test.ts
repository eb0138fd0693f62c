import { describe, expect, it } from 'vitest';
import {
  MIN_EXCHANGE_LOG,
  captureFraction,
  diskRectangleArea,
  equivalentRadius,
  exchangeLog,
  latticePotential,
  latticePotentialAsymptotic,
  latticePotentialQuadrature,
  permeableWallConductance,
  partlyOpenShare,
  reactiveExchangeFactor,
  ringFootprint,
  ringRadius,
  vesselExchange,
  wallTransmissibility,
} from '../../src/model/vessel-exchange.ts';
import { PEACEMAN_FACTOR, type Vessel } from '../../src/model/vessels.ts';
import { LUMEN_HOLD_PER_S, vesselField, vesselRings, type ExchangeCoefficients } from '../../src/solvers/transport/vessel-field.ts';

const vessel = (x: number, y: number, r = 4, wall = 40): Vessel => ({ xMicrons: x, yMicrons: y, radiusMicrons: r, wallPO2MmHg: wall });

describe('lattice potential kernel of the 5-point Laplacian', () => {
  it('matches the exact values (quadrature to round-off)', () => {
    const exact: [number, number, number][] = [
      [0, 0, 0], [1, 0, 1 / 4], [1, 1, 1 / Math.PI], [2, 0, 1 - 2 / Math.PI], [2, 1, 2 / Math.PI - 1 / 4], [2, 2, 4 / (3 * Math.PI)],
    ];
    for (const [m, n, a] of exact) {
      for (const [p, q] of [[m, n], [n, m], [-m, n], [m, -n]]) expect(Math.abs(latticePotential(p, q) - a), `a(${p},${q})`).toBeLessThan(1e-13);
    }
  });

  it('is the potential of a unit source: L a = δ₀ (Σ neighbours − 4·centre)', () => {
    const L = (m: number, n: number) =>
      latticePotential(m + 1, n) + latticePotential(m - 1, n) + latticePotential(m, n + 1) + latticePotential(m, n - 1) - 4 * latticePotential(m, n);
    expect(L(0, 0)).toBeCloseTo(1, 12);
    // Inside the table (quadrature) to round-off; across its edge (16 → 17) to the series' 1e-8.
    for (const [m, n] of [[1, 0], [3, 2], [7, 7], [15, 4]]) expect(Math.abs(L(m, n)), `(${m},${n})`).toBeLessThan(1e-12);
    for (const [m, n] of [[16, 0], [16, 16], [20, 3]]) expect(Math.abs(L(m, n)), `(${m},${n})`).toBeLessThan(1e-7);
  });

  it('joins the asymptotic series beyond the table to 1e-8', () => {
    for (const [m, n] of [[16, 0], [17, 0], [17, 9], [20, 20], [30, 1]]) {
      expect(Math.abs(latticePotentialAsymptotic(m, n) - latticePotentialQuadrature(m, n, 64)), `(${m},${n})`).toBeLessThan(1e-8);
    }
  });
});

describe('ring footprint and equivalent radius', () => {
  it('gives a single cell Peaceman’s r0 = e^(−γ)/2^(3/2)·h', () => {
    for (const h of [2.5, 10, 40]) expect(equivalentRadius(16, h, [5 * 16 + 7], [1]) / (PEACEMAN_FACTOR * h)).toBeCloseTo(1, 14);
  });

  it('has weights summing to 1, centred on the vessel', () => {
    const grid = { nx: 64, ny: 64, dxMicrons: 10 };
    for (const [x, y] of [[305, 305], [300, 305], [300, 300], [301.3, 307.1]]) {
      const f = ringFootprint(grid, vessel(x, y));
      const total = f.weights.reduce((s, w) => s + w, 0);
      expect(total).toBeCloseTo(1, 14);
      // Bilinear spreading keeps each sample's centre of mass, so the footprint's is the vessel's.
      let mx = 0, my = 0;
      f.cells.forEach((c, k) => { mx += f.weights[k] * ((c % 64) + 0.5) * 10; my += f.weights[k] * (Math.floor(c / 64) + 0.5) * 10; });
      expect(mx).toBeCloseTo(x, 9);
      expect(my).toBeCloseTo(y, 9);
    }
  });

  it('keeps r_eq outside the wall at every sub-cell position for h/Rc from 0.1 to 10', () => {
    const Rc = 4;
    let lo = Infinity, hi = -Infinity;
    for (const hOverR of [0.1, 0.2, 0.5, 1, 2, 2.5, 5, 10]) {
      const h = Rc * hOverR;
      const n = 2 * Math.ceil((ringRadius(Rc, h) + 2 * h) / h) + 4;
      const grid = { nx: n, ny: n, dxMicrons: h };
      for (let a = 0; a <= 8; a++) for (let b = 0; b <= a; b++) {
        const v = vessel((n / 2 + a / 16) * h, (n / 2 + b / 16) * h, Rc);
        const f = vesselExchange(grid, [v]).footprints[0];
        const excess = (f.equivalentRadiusMicrons - Rc) / h;
        lo = Math.min(lo, excess);
        hi = Math.max(hi, excess);
      }
    }
    // Measured 1.16–1.24 cells: the band the bilinear spreading makes of the ring.
    expect(lo).toBeGreaterThan(1.1);
    expect(hi).toBeLessThan(1.3);
  });

  it('never floors ln(r_eq/Rc) for the radii and grids the parameters allow', () => {
    for (const [Rc, h] of [[20, 0.1], [1, 100], [4, 10], [20, 100], [1, 0.1]]) {
      const n = 2 * Math.ceil((ringRadius(Rc, h) + 2 * h) / h) + 4;
      const f = ringFootprint({ nx: n, ny: n, dxMicrons: h }, vessel((n / 2 + 0.3) * h, (n / 2 + 0.1) * h, Rc));
      expect(Math.log(f.equivalentRadiusMicrons / Rc), `Rc=${Rc}, h=${h}`).toBeGreaterThan(MIN_EXCHANGE_LOG);
    }
  });

  it('drops lumen cells from a ring and renormalises', () => {
    // A 12 µm vessel at a cell centre at h = 10: its lumen is the cells whose centre lies within 12 µm.
    const grid = { nx: 32, ny: 32, dxMicrons: 10 };
    const ex = vesselExchange(grid, [vessel(155, 155, 12)]);
    expect([...ex.lumenCell]).toEqual([14 * 32 + 15, 15 * 32 + 14, 15 * 32 + 15, 15 * 32 + 16, 16 * 32 + 15]);
    const f = ex.footprints[0];
    for (const c of ex.lumenCell) expect(f.cells).not.toContain(c);
    expect(f.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 14);
  });
});

describe('exchange coefficients', () => {
  it('oxygen: T = 2πD/ln(r_eq/Rc); drug: the wall in series with the tissue', () => {
    expect(wallTransmissibility(2000, 12, 4)).toBeCloseTo((2 * Math.PI * 2000) / Math.log(3), 9);
    const P = 0.5, D = 300;
    const G = permeableWallConductance(P, D, 12, 4);
    expect(1 / G).toBeCloseTo(1 / (2 * Math.PI * 4 * P) + Math.log(3) / (2 * Math.PI * D), 12);
    // An impermeable wall passes nothing; an infinitely permeable one is a held wall.
    expect(permeableWallConductance(0, D, 12, 4)).toBe(0);
    expect(permeableWallConductance(1e12, D, 12, 4) / wallTransmissibility(D, 12, 4)).toBeCloseTo(1, 6);
    expect(exchangeLog(3.9, 4)).toBe(MIN_EXCHANGE_LOG);
  });

  const k: ExchangeCoefficients = {
    oxygenDiffusivityUm2PerS: 2000,
    smac: { diffusivityUm2PerS: 300, permeabilityUmPerS: 1 / 3 },
    softener: { diffusivityUm2PerS: 400, permeabilityUmPerS: 2 },
  };

  it('spreads each vessel’s T (and each drug’s G) over its footprint: Σ_c W_c·h² = T', () => {
    const h = 10, n = 32, cells = n * n;
    const grid = { nx: n, ny: n, dxMicrons: h };
    for (const [x, y] of [[155, 155], [150, 155], [150, 150], [151.3, 157.1]]) {
      const vessels = [vessel(x, y, 4, 40)];
      const ex = vesselExchange(grid, vessels);
      const field = vesselField(cells, h, vessels, ex, k);
      const rEq = ex.footprints[0].equivalentRadiusMicrons;
      const sum = (slot: number) => { let s = 0; for (let c = 0; c < cells; c++) if (field[4 * c + slot] > 0) s += field[4 * c + slot] * h * h; return s; };
      // Float32 storage: 1e-6 relative.
      expect(sum(0) / wallTransmissibility(2000, rEq, 4)).toBeCloseTo(1, 5);
      expect(sum(2) / permeableWallConductance(1 / 3, 300, rEq, 4)).toBeCloseTo(1, 5);
      expect(sum(3) / permeableWallConductance(2, 400, rEq, 4)).toBeCloseTo(1, 5);
    }
  });

  it('gives overlapping rings the T-weighted wall pO₂, and lumen cells the lumen mark with their wall pO₂', () => {
    const h = 10, n = 32, cells = n * n;
    const vessels = [vessel(155, 155, 4, 40), vessel(170, 155, 2, 20)];
    const ex = vesselExchange({ nx: n, ny: n, dxMicrons: h }, vessels);
    const field = vesselField(cells, h, vessels, ex, k);
    const T = vessels.map((v, i) => wallTransmissibility(2000, ex.footprints[i].equivalentRadiusMicrons, v.radiusMicrons));
    const share = (i: number, c: number) => { const f = ex.footprints[i]; const m = f.cells.indexOf(c); return m < 0 ? 0 : f.weights[m]; };
    let shared = 0;
    for (let c = 0; c < cells; c++) {
      const a = share(0, c) * T[0], b = share(1, c) * T[1];
      if (a > 0 && b > 0) {
        shared++;
        expect(field[4 * c + 1]).toBeCloseTo((40 * a + 20 * b) / (a + b), 4);
      }
    }
    expect(shared).toBeGreaterThan(0);
    expect([...ex.lumenCell]).toEqual([15 * n + 15]);
    const lumen = 4 * (15 * n + 15);
    expect([field[lumen], field[lumen + 2], field[lumen + 3]]).toEqual([-LUMEN_HOLD_PER_S, -LUMEN_HOLD_PER_S, -LUMEN_HOLD_PER_S].map(Math.fround));
    expect(field[lumen + 1]).toBe(40);
  });
});

describe('intravasation capture zone', () => {
  const annulus = (Rc: number, d: number) => Math.PI * ((Rc + d) ** 2 - Rc ** 2);

  it('integrates to the annulus Rc < r < Rc + d per vessel (within 0.5 %; exact geometry gives 1e-6)', () => {
    for (const h of [20, 10, 5, 2.5]) {
      const n = 32;
      const grid = { nx: n, ny: n, dxMicrons: h };
      for (const [ox, oy] of [[0.5, 0.5], [0, 0.5], [0, 0], [0.13, 0.71], [0.9, 0.02]]) {
        const capture = captureFraction(grid, [vessel((n / 2 + ox) * h, (n / 2 + oy) * h, 4)], 7.5);
        const total = capture.reduce((s, c) => s + c, 0) * h * h;
        expect(Math.abs(total / annulus(4, 7.5) - 1), `h=${h}, offset ${ox},${oy}`).toBeLessThan(1e-6);
      }
    }
  });

  it('matches a fine sub-sampling of each cell (0.05 µm spacing)', () => {
    const h = 10, n = 8;
    const v = vessel(41.3, 37.9, 4);
    const capture = captureFraction({ nx: n, ny: n, dxMicrons: h }, [v], 7.5);
    const sub = 200, step = h / sub;
    for (const [i, j] of [[4, 3], [3, 3], [5, 4], [2, 2], [4, 4]]) {
      let inside = 0;
      for (let b = 0; b < sub; b++) for (let a = 0; a < sub; a++) {
        const r = Math.hypot(i * h + (a + 0.5) * step - v.xMicrons, j * h + (b + 0.5) * step - v.yMicrons);
        if (r > 4 && r < 11.5) inside++;
      }
      expect(Math.abs(capture[j * n + i] - inside / sub ** 2), `cell ${i},${j}`).toBeLessThan(2e-3);
    }
  });

  it('sums over vessels and loses only what falls outside the domain', () => {
    const h = 10, n = 16;
    const grid = { nx: n, ny: n, dxMicrons: h };
    const two = captureFraction(grid, [vessel(50, 50), vessel(60, 52)], 7.5);
    const a = captureFraction(grid, [vessel(50, 50)], 7.5), b = captureFraction(grid, [vessel(60, 52)], 7.5);
    two.forEach((c, k) => expect(c).toBeCloseTo(a[k] + b[k], 6));
    // A vessel on the domain's corner keeps a quarter of its annulus.
    const corner = captureFraction(grid, [vessel(0, 0)], 7.5).reduce((s, c) => s + c, 0) * h * h;
    expect(corner / (annulus(4, 7.5) / 4)).toBeCloseTo(1, 5);
  });

  it('disk–rectangle areas: whole disk, half, quarter, and a rectangle inside', () => {
    expect(diskRectangleArea(3, -5, 5, -5, 5)).toBeCloseTo(9 * Math.PI, 12);
    expect(diskRectangleArea(3, 0, 5, -5, 5)).toBeCloseTo(4.5 * Math.PI, 12);
    expect(diskRectangleArea(3, -5, 0, -5, 0)).toBeCloseTo(2.25 * Math.PI, 12);
    expect(diskRectangleArea(3, -1, 1, -1, 1)).toBeCloseTo(4, 12);
    expect(diskRectangleArea(3, 4, 5, -5, 5)).toBe(0);
  });
});

describe('exchange in tissue with decay', () => {
  it('tends to Peaceman\'s T when the decay length is long or the ring closes onto the wall', () => {
    expect(reactiveExchangeFactor(4, 16, 1e6)).toBe(1);
    expect(reactiveExchangeFactor(4, 16, 4e3)).toBeCloseTo(1, 4);
    for (const L of [10, 28, 100]) expect(reactiveExchangeFactor(4, 4 * (1 + 1e-7), L)).toBeCloseTo(1, 5);
  });

  it('raises the exchange as the decay length shortens against r_eq', () => {
    // At L = 28 µm with r_eq = Rc + 1.2 h: 14.4 %, 7.0 %, 3.4 %, 1.7 % above T for h = 20, 10, 5, 2.5 µm.
    const raised = [20, 10, 5, 2.5].map((h) => 100 * (reactiveExchangeFactor(4, 4 + 1.2 * h, 28) - 1));
    expect(raised).toEqual([14.4, 7.0, 3.4, 1.7].map((r) => expect.closeTo(r, 1)));
    for (let k = 1; k < raised.length; k++) expect(raised[k]).toBeLessThan(raised[k - 1]);
    expect(reactiveExchangeFactor(4, 28, 10)).toBeGreaterThan(reactiveExchangeFactor(4, 28, 28));
  });

  it('puts a partly open vessel\'s own resistance (1/φ − 1)/(π·Nu·D) in series, whatever the grid', () => {
    const D = 2000, Nu = 2.5, Rc = 4;
    for (const phi of [0.05, 0.46, 0.9]) {
      const vesselSide = (1 / phi - 1) / (Math.PI * Nu * D);
      for (const h of [20, 10, 5, 2.5]) {
        const rEq = Rc + 1.2 * h;
        for (const L of [28, 1e6]) {
          const factor = reactiveExchangeFactor(Rc, rEq, L);
          const full = factor * wallTransmissibility(D, rEq, Rc);
          const kept = full * partlyOpenShare(phi, Rc, rEq, factor, Nu);
          expect((1 / kept - 1 / full) / vesselSide).toBeCloseTo(1, 10);
        }
      }
    }
    expect(partlyOpenShare(1, Rc, 16, 1.1, Nu)).toBe(1);
    expect(partlyOpenShare(0, Rc, 16, 1.1, Nu)).toBe(0);
  });

  it('gives each ring cell the radii of the vessel with the larger share of its exchange', () => {
    const grid = { nx: 12, ny: 12, dxMicrons: 10 };
    const vessels = [vessel(40, 60, 4), vessel(80, 60, 6)];
    const exchange = vesselExchange(grid, vessels);
    const rings = vesselRings(144, vessels, exchange);
    const [a, b] = exchange.footprints;
    const owner = (c: number) => {
      const share = (f: typeof a, T: number) => { const m = Array.from(f.cells).indexOf(c); return m < 0 ? 0 : f.weights[m] * T; };
      return share(a, wallTransmissibility(1, a.equivalentRadiusMicrons, 4)) >= share(b, wallTransmissibility(1, b.equivalentRadiusMicrons, 6)) ? 0 : 1;
    };
    for (let c = 0; c < 144; c++) {
      const inA = a.cells.includes(c), inB = b.cells.includes(c);
      if (!inA && !inB) { expect([rings[2 * c], rings[2 * c + 1]]).toEqual([0, 0]); continue; }
      const v = owner(c);
      expect(rings[2 * c]).toBe(vessels[v].radiusMicrons);
      expect(rings[2 * c + 1]).toBeCloseTo(exchange.footprints[v].equivalentRadiusMicrons, 4);
    }
  });
});
