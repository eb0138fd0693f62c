// How each capillary exchanges with the tissue grid, wherever it sits in a cell and whatever
// the grid spacing h. Pure TypeScript, no GPU.
//
// A vessel (a line crossing the slice, radius Rc) exchanges through an "exchange ring" of
// radius ρ = Rc + RING_CELLS·h around its centre: points spaced at most h/4 apart on the ring
// are each spread to the four nearest cell centres with bilinear (cloud-in-cell) weights, which
// gives the vessel a footprint w_c ≥ 0 with Σ_c w_c = 1. The vessel's flux per unit length,
// q = T·(u_wall − Σ_c w_c u_c), goes into cell c in the share w_c, so what it delivers does not
// depend on how many cells its footprint touches. As h → 0 the ring closes onto the wall
// itself, so a resolved vessel exchanges through its perimeter 2πRc.
//
// T comes from the equivalent radius of the footprint: the radius at which the continuum line
// source outside the wall equals the footprint's weighted mean cell value. With the lattice
// potential kernel a(m, n) = G(0, 0) − G(m, n) of the unit-spacing 5-point Laplacian,
//   ln(r_eq/h) = 2π Σ_c Σ_c' w_c w_c' a(c − c') − γ − (3/2) ln 2,
// which for a single cell (w = 1 at one cell) is Peaceman's r0 = e^(−γ)/2^(3/2)·h = 0.1985 h.
// Then T = 2πD / ln(r_eq/Rc) for a wall held at u_wall (oxygen), and for a wall of permeability
// P in series with the tissue (drugs) G = 2πRc·P / (1 + P·Rc·ln(r_eq/Rc)/D).
//
// The bilinear spreading widens the ring into a band about two cells wide, so r_eq ≈ Rc + 1.2 h
// (1.16–1.24 h over sub-cell positions, for h/Rc from 0.1 to 10): always outside the wall,
// which model-vessel-exchange.test.ts checks. MIN_EXCHANGE_LOG guards ln(r_eq/Rc) only for
// layouts outside that check (a ring that loses most of its cells to a neighbour's lumen).
//
// Cells whose centre lies inside a vessel are its lumen: not tissue. The transport kernels hold
// them at the vessel's value (φ·u_wall) with no diffusion across their faces, so they deliver
// nothing themselves; rings drop any lumen cell they touch and share its weight among the rest.
import { besselK0, besselK1 } from './reference/bessel.ts';
import { EULER_GAMMA, type Grid, type Vessel } from './vessels.ts';

/** Clearance of the exchange ring beyond the wall, in cells: ρ = Rc + RING_CELLS·h. */
export const RING_CELLS = 1;

/** Ring samples are at most this fraction of a cell apart (and at least MIN_RING_POINTS). */
const RING_SPACING_CELLS = 1 / 4;
const MIN_RING_POINTS = 16;

/**
 * Floor on ln(r_eq/Rc), a last resort. A ring around a free vessel has r_eq ≥ Rc + 1.16 h, so
 * ln(r_eq/Rc) ≥ 0.005 for every radius (1–20 µm) and grid (0.1–100 µm) the parameters allow and
 * the floor is never reached (model-vessel-exchange.test.ts); only a ring that loses most of
 * its cells to a neighbour's lumen could come near it, and the floor keeps T finite there.
 */
export const MIN_EXCHANGE_LOG = 1e-3;

// ---------------------------------------------------------------------------------------------
// Lattice potential kernel

/** Offsets up to this along each axis come from quadrature; beyond, from the asymptotic series. */
const KERNEL_TABLE = 16;
let kernelTable: Float64Array | null = null;

/**
 * a(m, n) = G(0,0) − G(m,n) for the unit-spacing 5-point Laplacian L (L a = δ₀, a(0,0) = 0):
 * a(1,0) = 1/4, a(1,1) = 1/π, a(2,0) = 1 − 2/π, a(2,1) = 2/π − 1/4, a(2,2) = 4/(3π).
 * By quadrature of a(m,n) = (1/π)∫₀^π (1 − cos(m x)·e^(−|n| s)) / (2 sinh s) dx,
 * cosh s = 2 − cos x (s = 2 asinh(sin(x/2)), analytic, so Gauss–Legendre converges fast), for
 * |m|, |n| ≤ 16; beyond, a ≈ (ln r + γ + (3/2) ln 2)/(2π) − cos 4θ/(24π r²)
 * − (18 cos 4θ + 25 cos 8θ)/(480π r⁴), whose next term is below 1e-8 there.
 */
export function latticePotential(m: number, n: number): number {
  const am = Math.abs(m), an = Math.abs(n);
  if (am <= KERNEL_TABLE && an <= KERNEL_TABLE) {
    kernelTable ??= buildKernelTable();
    return kernelTable[an * (KERNEL_TABLE + 1) + am];
  }
  return latticePotentialAsymptotic(am, an);
}

/** The asymptotic series of a(m, n) (accurate to about 1e-8 beyond r = 16). */
export function latticePotentialAsymptotic(m: number, n: number): number {
  const r2 = m * m + n * n;
  const theta = Math.atan2(n, m);
  const c4 = Math.cos(4 * theta), c8 = Math.cos(8 * theta);
  return (0.5 * Math.log(r2) + EULER_GAMMA + 1.5 * Math.LN2) / (2 * Math.PI) - c4 / (24 * Math.PI * r2) - (18 * c4 + 25 * c8) / (480 * Math.PI * r2 * r2);
}

/** a(m, n) by quadrature (tests compare it with the exact values and the asymptotic series). */
export function latticePotentialQuadrature(m: number, n: number, panels = 16): number {
  const { x: gx, w: gw } = gaussLegendre16();
  const am = Math.abs(m), an = Math.abs(n);
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const half = Math.PI / panels / 2;
    const mid = (2 * p + 1) * half;
    for (let k = 0; k < gx.length; k++) {
      const x = mid + half * gx[k];
      const s = 2 * Math.asinh(Math.sin(x / 2));
      sum += gw[k] * half * (1 - Math.cos(am * x) * Math.exp(-an * s)) / (2 * Math.sinh(s));
    }
  }
  return sum / Math.PI;
}

function buildKernelTable(): Float64Array {
  const t = new Float64Array((KERNEL_TABLE + 1) ** 2);
  for (let n = 0; n <= KERNEL_TABLE; n++) {
    for (let m = 0; m <= KERNEL_TABLE; m++) t[n * (KERNEL_TABLE + 1) + m] = m === 0 && n === 0 ? 0 : latticePotentialQuadrature(m, n);
  }
  return t;
}

let gauss: { x: number[]; w: number[] } | null = null;

/** 16-point Gauss–Legendre nodes and weights on [−1, 1] (Newton on the Legendre recurrence). */
function gaussLegendre16(): { x: number[]; w: number[] } {
  if (gauss) return gauss;
  const n = 16;
  const x: number[] = [], w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      let p1 = 1, p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      const dp = (n * (z * p1 - p2)) / (z * z - 1);
      const step = p1 / dp;
      z -= step;
      if (Math.abs(step) < 1e-15) {
        x.push(z);
        w.push(2 / ((1 - z * z) * dp * dp));
        break;
      }
    }
  }
  gauss = { x, w };
  return gauss;
}

// ---------------------------------------------------------------------------------------------
// Footprints

/** A vessel's share of each grid cell: cells sorted by flat index, weights summing to 1. */
export interface Footprint {
  readonly cells: Uint32Array;
  readonly weights: Float64Array;
  /** r_eq (µm): where the continuum field outside the wall equals Σ w_c u_c. */
  readonly equivalentRadiusMicrons: number;
}

/** Radius of a vessel's exchange ring (µm). */
export function ringRadius(vesselRadiusMicrons: number, hMicrons: number): number {
  return vesselRadiusMicrons + RING_CELLS * hMicrons;
}

function ringPoints(vesselRadiusMicrons: number, hMicrons: number): number {
  return Math.max(MIN_RING_POINTS, 4 * Math.ceil((2 * Math.PI * ringRadius(vesselRadiusMicrons, hMicrons)) / (hMicrons * RING_SPACING_CELLS) / 4));
}

/**
 * What vesselExchange evaluates for these vessels: its ring pairs (r_eq sums over pairs of a
 * ring's cells, at most its points) and lumen cells. Both grow with (Rc/h)² a vessel, so a few
 * thick vessels on fine cells cost as much as millions of capillaries (about 50 ns a pair on one
 * CPU core, measured).
 */
export function exchangeSetupWork(hMicrons: number, vessels: readonly Pick<Vessel, 'radiusMicrons'>[]): number {
  let work = 0;
  for (const v of vessels) {
    const points = ringPoints(v.radiusMicrons, hMicrons);
    work += (points * points) / 2 + (2 * v.radiusMicrons / hMicrons + 1) ** 2;
  }
  return work;
}

/**
 * The ring footprint of a vessel centred at (x, y): 4·⌈2πρ/h⌉ points (a multiple of 4, so a
 * vessel at a cell centre, edge or corner has a footprint with the grid's symmetries, and at
 * most h/4 apart), each spread bilinearly to the four nearest cell centres. A neighbour off the
 * grid is folded back onto the edge cell, the mirror image a zero-flux side makes. Cells for
 * which `excluded` is true (lumens) are dropped and the rest renormalised.
 */
export function ringFootprint(grid: Grid, vessel: Pick<Vessel, 'xMicrons' | 'yMicrons' | 'radiusMicrons'>, excluded?: (cell: number) => boolean): Footprint {
  const { nx, ny, dxMicrons: h } = grid;
  const rho = ringRadius(vessel.radiusMicrons, h);
  const points = ringPoints(vessel.radiusMicrons, h);
  const share = new Map<number, number>();
  const add = (i: number, j: number, w: number) => {
    if (w <= 0) return;
    const c = Math.min(ny - 1, Math.max(0, j)) * nx + Math.min(nx - 1, Math.max(0, i));
    share.set(c, (share.get(c) ?? 0) + w);
  };
  for (let k = 0; k < points; k++) {
    const theta = (2 * Math.PI * (k + 0.5)) / points;
    const fx = (vessel.xMicrons + rho * Math.cos(theta)) / h - 0.5;
    const fy = (vessel.yMicrons + rho * Math.sin(theta)) / h - 0.5;
    const i = Math.floor(fx), j = Math.floor(fy);
    const tx = fx - i, ty = fy - j;
    add(i, j, (1 - tx) * (1 - ty) / points);
    add(i + 1, j, tx * (1 - ty) / points);
    add(i, j + 1, (1 - tx) * ty / points);
    add(i + 1, j + 1, tx * ty / points);
  }
  const kept = [...share.keys()].filter((c) => !excluded?.(c)).sort((a, b) => a - b);
  const total = kept.reduce((s, c) => s + share.get(c)!, 0);
  const cells = Uint32Array.from(kept);
  const weights = Float64Array.from(kept, (c) => share.get(c)! / total);
  return { cells, weights, equivalentRadiusMicrons: kept.length ? equivalentRadius(nx, h, cells, weights) : NaN };
}

/** ln(r_eq/h) = 2π Σ Σ w w' a(c − c') − γ − (3/2) ln 2 (see the file's header), as r_eq in µm. */
export function equivalentRadius(nx: number, hMicrons: number, cells: ArrayLike<number>, weights: ArrayLike<number>): number {
  let sum = 0;
  for (let p = 0; p < cells.length; p++) {
    const ip = cells[p] % nx, jp = Math.floor(cells[p] / nx);
    for (let q = p + 1; q < cells.length; q++) {
      sum += 2 * weights[p] * weights[q] * latticePotential(cells[q] % nx - ip, Math.floor(cells[q] / nx) - jp);
    }
  }
  return hMicrons * Math.exp(2 * Math.PI * sum - EULER_GAMMA - 1.5 * Math.LN2);
}

/** ln(r_eq/Rc), floored at MIN_EXCHANGE_LOG. */
export function exchangeLog(equivalentRadiusMicrons: number, vesselRadiusMicrons: number): number {
  return Math.max(Math.log(equivalentRadiusMicrons / vesselRadiusMicrons), MIN_EXCHANGE_LOG);
}

/**
 * T_L/T: a wall held at its value, in tissue of decay length L = √(D/λ), exchanges
 * T_L = 2πD·x·K1(x)/(K0(x) − K0(y)) (x = Rc/L, y = r_eq/L), since the field around it is A·K0(r/L);
 * as L → ∞ this is T. The oxygen kernel applies it with the ring cell's own uptake slope.
 */
export function reactiveExchangeFactor(vesselRadiusMicrons: number, equivalentRadiusMicrons: number, decayMicrons: number): number {
  const x = vesselRadiusMicrons / decayMicrons, y = equivalentRadiusMicrons / decayMicrons;
  if (!(x >= 1e-4)) return 1;
  return (x * besselK1(x) * Math.log(equivalentRadiusMicrons / vesselRadiusMicrons)) / (besselK0(x) - besselK0(y));
}

/**
 * The share of its full-flow exchange that a partly open capillary keeps, G_φ/T_L, with the lumen
 * at φ·p_wall. The vessel side adds the resistance R_v = (1/φ − 1)/(π·Nu·D) in series with the
 * tissue's 1/T_L: none at full flow (p_wall is the wall pO₂ of a normally perfused capillary),
 * and without bound as the vessel closes, so a closed vessel neither feeds nor drains tissue.
 * R_v is a physical resistance, so the delivery converges in h; scaling T_L itself by φ (what
 * the model did before) made the vessel side's resistance (1/φ − 1)·ln(r_eq/Rc)/(2πD) grow with
 * the grid. With T_L = 2πD·f/ln(r_eq/Rc): G_φ/T_L = φ / (φ + (1 − φ)·2f/(Nu·ln(r_eq/Rc))).
 */
export function partlyOpenShare(perfusion: number, vesselRadiusMicrons: number, equivalentRadiusMicrons: number, reactiveFactor: number, nusselt: number): number {
  if (perfusion >= 1) return 1;
  if (perfusion <= 0) return 0;
  const vesselSide = (2 * reactiveFactor) / (nusselt * exchangeLog(equivalentRadiusMicrons, vesselRadiusMicrons));
  return perfusion / (perfusion + (1 - perfusion) * vesselSide);
}

/** Exchange per unit vessel length of a wall held at its value: T = 2πD/ln(r_eq/Rc) (µm²/s). */
export function wallTransmissibility(diffusivityUm2PerS: number, equivalentRadiusMicrons: number, vesselRadiusMicrons: number): number {
  return (2 * Math.PI * diffusivityUm2PerS) / exchangeLog(equivalentRadiusMicrons, vesselRadiusMicrons);
}

/**
 * Exchange per unit vessel length through a wall of permeability P (µm/s) in series with the
 * tissue out to r_eq: G = 2πRc·P / (1 + P·Rc·ln(r_eq/Rc)/D) (µm²/s).
 */
export function permeableWallConductance(permeabilityUmPerS: number, diffusivityUm2PerS: number, equivalentRadiusMicrons: number, vesselRadiusMicrons: number): number {
  const Rc = vesselRadiusMicrons;
  const wall = 2 * Math.PI * Rc * permeabilityUmPerS;
  return wall / (1 + (permeabilityUmPerS * Rc * exchangeLog(equivalentRadiusMicrons, Rc)) / diffusivityUm2PerS);
}

// ---------------------------------------------------------------------------------------------
// All vessels of a world

export interface VesselExchange {
  /** Per vessel (in the list's order): the grid cell holding its centre. */
  readonly centreCell: Uint32Array;
  /** Per vessel: its ring footprint (empty if every cell of its ring is another vessel's lumen). */
  readonly footprints: Footprint[];
  /** Cells whose centre lies inside a vessel, sorted. */
  readonly lumenCell: Uint32Array;
  /** For each lumen cell, the vessel it belongs to (the widest; ties: the higher wall pO₂). */
  readonly lumenVessel: Uint32Array;
}

export function vesselExchange(grid: Grid, vessels: readonly Vessel[]): VesselExchange {
  const { nx, ny, dxMicrons: h } = grid;
  const clampI = (i: number) => Math.min(nx - 1, Math.max(0, i));
  const clampJ = (j: number) => Math.min(ny - 1, Math.max(0, j));
  const lumen = new Map<number, number>();
  vessels.forEach((v, n) => {
    const r = v.radiusMicrons;
    for (let j = clampJ(Math.floor((v.yMicrons - r) / h)); j <= clampJ(Math.floor((v.yMicrons + r) / h)); j++) {
      for (let i = clampI(Math.floor((v.xMicrons - r) / h)); i <= clampI(Math.floor((v.xMicrons + r) / h)); i++) {
        if (Math.hypot((i + 0.5) * h - v.xMicrons, (j + 0.5) * h - v.yMicrons) >= r) continue;
        const c = j * nx + i;
        const held = lumen.get(c);
        const w = held === undefined ? undefined : vessels[held];
        if (!w || r > w.radiusMicrons || (r === w.radiusMicrons && v.wallPO2MmHg > w.wallPO2MmHg)) lumen.set(c, n);
      }
    }
  });
  const lumenCell = Uint32Array.from([...lumen.keys()].sort((a, b) => a - b));
  return {
    centreCell: Uint32Array.from(vessels, (v) => clampJ(Math.floor(v.yMicrons / h)) * nx + clampI(Math.floor(v.xMicrons / h))),
    footprints: vessels.map((v) => ringFootprint(grid, v, (c) => lumen.has(c))),
    lumenCell,
    lumenVessel: Uint32Array.from(lumenCell, (c) => lumen.get(c)!),
  };
}

// ---------------------------------------------------------------------------------------------
// Intravasation capture zone

/**
 * Per grid cell, the fraction of its area within `captureMicrons` of a vessel's wall (the
 * annulus Rc < r < Rc + d), summed over vessels, by exact disk–rectangle geometry: a cell whose
 * centre is in there can enter that vessel, so Σ_c capture_c·h² is each vessel's physical
 * catchment π((Rc + d)² − Rc²) (less what falls outside the domain).
 */
export function captureFraction(grid: Grid, vessels: readonly Vessel[], captureMicrons: number): Float32Array {
  const { nx, ny, dxMicrons: h } = grid;
  const out = new Float64Array(nx * ny);
  for (const v of vessels) {
    const inner = v.radiusMicrons, outer = v.radiusMicrons + captureMicrons;
    const i0 = Math.max(0, Math.floor((v.xMicrons - outer) / h)), i1 = Math.min(nx - 1, Math.floor((v.xMicrons + outer) / h));
    const j0 = Math.max(0, Math.floor((v.yMicrons - outer) / h)), j1 = Math.min(ny - 1, Math.floor((v.yMicrons + outer) / h));
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const x0 = i * h - v.xMicrons, y0 = j * h - v.yMicrons;
        const area = diskRectangleArea(outer, x0, x0 + h, y0, y0 + h) - diskRectangleArea(inner, x0, x0 + h, y0, y0 + h);
        out[j * nx + i] += area / (h * h);
      }
    }
  }
  return Float32Array.from(out);
}

/** Area of the disk of radius R at the origin within [x0, x1] × [y0, y1]. */
export function diskRectangleArea(R: number, x0: number, x1: number, y0: number, y1: number): number {
  return quadrantArea(R, x1, y1) - quadrantArea(R, x0, y1) - quadrantArea(R, x1, y0) + quadrantArea(R, x0, y0);
}

/** Area of the disk of radius R at the origin with x < X and y < Y. */
function quadrantArea(R: number, X: number, Y: number): number {
  // ∫ from −R to min(X, R) of the length of {y : |y| < s(x), y < Y}, s = √(R² − x²):
  // 2s where s ≤ Y, Y + s where −s < Y < s, 0 where s ≤ −Y.
  const xHi = Math.min(X, R);
  if (xHi <= -R) return 0;
  const S = (x: number) => { const c = Math.max(-R, Math.min(R, x)); return 0.5 * (c * Math.sqrt(R * R - c * c) + R * R * Math.asin(c / R)); };
  const len = (a: number, b: number) => Math.max(0, b - a);
  const xs = Math.abs(Y) < R ? Math.sqrt(R * R - Y * Y) : 0;
  if (Y >= R) return 2 * (S(xHi) - S(-R));
  if (Y <= -R) return 0;
  // |x| > xs: s(x) < |Y|; |x| < xs: s(x) > |Y|.
  let area = 0;
  const seg = (a: number, b: number, f: (a: number, b: number) => number) => { const lo = Math.max(a, -R), hi = Math.min(b, xHi); if (hi > lo) area += f(lo, hi); };
  if (Y >= 0) {
    seg(-R, -xs, (a, b) => 2 * (S(b) - S(a)));
    seg(-xs, xs, (a, b) => Y * len(a, b) + (S(b) - S(a)));
    seg(xs, R, (a, b) => 2 * (S(b) - S(a)));
  } else {
    seg(-xs, xs, (a, b) => Y * len(a, b) + (S(b) - S(a)));
  }
  return area;
}
