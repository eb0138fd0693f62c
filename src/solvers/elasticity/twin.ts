// CPU twin of the elasticity kernels in double precision, with the same discretisation (Q1 on
// square elements, node-centred gathering, centre-point stress): the oracle for GPU tests on
// small grids. Arrays: per element E, ν, ε*; (λ, μ) interleaved per element; vectors (x, y)
// interleaved per node, nodes row by row.

export interface TwinGrid {
  nx: number;
  ny: number;
  /** Element side, µm. */
  h: number;
  kappa: number;
}

export function lameOf(E: number, nu: number): [number, number] {
  return [(E * nu) / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))];
}

const sign = (p: number) => (p === 1 ? 1 : -1);
const mass = (p: number, q: number) => (p === q ? 1 / 3 : 1 / 6);

/** The 2×2 block [K_xx, K_xy, K_yx, K_yy] of λK_λ + μK_μ coupling local node a to local node b. */
export function elementBlock(a: [number, number], b: [number, number], lambda: number, mu: number): [number, number, number, number] {
  const ixx = sign(a[0]) * sign(b[0]) * mass(a[1], b[1]);
  const iyy = sign(a[1]) * sign(b[1]) * mass(a[0], b[0]);
  const ixy = 0.25 * sign(a[0]) * sign(b[1]);
  const iyx = 0.25 * sign(a[1]) * sign(b[0]);
  return [lambda * ixx + mu * (2 * ixx + iyy), lambda * ixy + mu * iyx, lambda * iyx + mu * ixy, lambda * iyy + mu * (2 * iyy + ixx)];
}

export function lameField(E: ArrayLike<number>, nu: ArrayLike<number>): Float64Array {
  const out = new Float64Array(2 * E.length);
  for (let e = 0; e < E.length; e++) out.set(lameOf(E[e], nu[e]), 2 * e);
  return out;
}

/** K u on free nodes, 0 on fixed ones. */
export function applyK(g: TwinGrid, lame: ArrayLike<number>, u: ArrayLike<number>, fixed?: ArrayLike<number>): Float64Array {
  const w = g.nx + 1;
  const out = new Float64Array(2 * w * (g.ny + 1));
  for (let ej = 0; ej < g.ny; ej++) {
    for (let ei = 0; ei < g.nx; ei++) {
      const e = ej * g.nx + ei;
      for (let ay = 0; ay < 2; ay++) for (let ax = 0; ax < 2; ax++) {
        const n = (ej + ay) * w + ei + ax;
        if (fixed?.[n]) continue;
        for (let by = 0; by < 2; by++) for (let bx = 0; bx < 2; bx++) {
          const m = (ej + by) * w + ei + bx;
          const K = elementBlock([ax, ay], [bx, by], lame[2 * e], lame[2 * e + 1]);
          out[2 * n] += K[0] * u[2 * m] + K[1] * u[2 * m + 1];
          out[2 * n + 1] += K[2] * u[2 * m] + K[3] * u[2 * m + 1];
        }
      }
    }
  }
  return out;
}

/** Eigenstrain load f_n = Σ_e ((2 + κ)λ + 2μ) ε*_e (h/2) s(a). */
export function eigenstrainLoad(g: TwinGrid, lame: ArrayLike<number>, eigenstrain: ArrayLike<number>): Float64Array {
  const w = g.nx + 1;
  const out = new Float64Array(2 * w * (g.ny + 1));
  for (let ej = 0; ej < g.ny; ej++) {
    for (let ei = 0; ei < g.nx; ei++) {
      const e = ej * g.nx + ei;
      const eigenstress = ((2 + g.kappa) * lame[2 * e] + 2 * lame[2 * e + 1]) * eigenstrain[e];
      for (let ay = 0; ay < 2; ay++) for (let ax = 0; ax < 2; ax++) {
        const n = (ej + ay) * w + ei + ax;
        out[2 * n] += eigenstress * 0.5 * g.h * sign(ax);
        out[2 * n + 1] += eigenstress * 0.5 * g.h * sign(ay);
      }
    }
  }
  return out;
}

export interface TwinStress {
  sxx: Float64Array;
  syy: Float64Array;
  sxy: Float64Array;
  szz: Float64Array;
}

/** Stress at element centres (kPa) from nodal u (µm). */
export function elementStress(g: TwinGrid, lame: ArrayLike<number>, eigenstrain: ArrayLike<number>, u: ArrayLike<number>): TwinStress {
  const count = g.nx * g.ny;
  const s: TwinStress = { sxx: new Float64Array(count), syy: new Float64Array(count), sxy: new Float64Array(count), szz: new Float64Array(count) };
  const w = g.nx + 1;
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx; i++) {
      const e = j * g.nx + i;
      const at = (di: number, dj: number, c: number) => u[2 * ((j + dj) * w + i + di) + c];
      const d = (c: number, alongX: boolean) => alongX
        ? (at(1, 0, c) + at(1, 1, c) - at(0, 0, c) - at(0, 1, c)) / (2 * g.h)
        : (at(0, 1, c) + at(1, 1, c) - at(0, 0, c) - at(1, 0, c)) / (2 * g.h);
      const [lambda, mu] = [lame[2 * e], lame[2 * e + 1]];
      const es = eigenstrain[e];
      const exx = d(0, true);
      const eyy = d(1, false);
      const tr = exx + eyy - (2 + g.kappa) * es;
      s.sxx[e] = lambda * tr + 2 * mu * (exx - es);
      s.syy[e] = lambda * tr + 2 * mu * (eyy - es);
      s.sxy[e] = mu * (d(0, false) + d(1, true));
      s.szz[e] = lambda * tr - 2 * mu * g.kappa * es;
    }
  }
  return s;
}

/**
 * Solves K u = f on the free nodes by conjugate gradients in double precision (fixed nodes keep
 * the values of u0), reducing the residual by `tolerance`. For small grids only.
 */
export function twinSolve(g: TwinGrid, lame: ArrayLike<number>, f: ArrayLike<number>, fixed: ArrayLike<number>, u0: ArrayLike<number>, tolerance = 1e-12): Float64Array {
  const u = Float64Array.from(u0);
  const Ku = applyK(g, lame, u, fixed);
  const r = Float64Array.from(f, (v, k) => (fixed[k >> 1] ? 0 : v - Ku[k]));
  const p = Float64Array.from(r);
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, k) => s + v * b[k], 0);
  let rr = dot(r, r);
  const stop = tolerance * tolerance * rr;
  for (let it = 0; it < u.length && rr > stop; it++) {
    const q = applyK(g, lame, p, fixed);
    const alpha = rr / dot(p, q);
    for (let k = 0; k < u.length; k++) {
      u[k] += alpha * p[k];
      r[k] -= alpha * q[k];
    }
    const next = dot(r, r);
    for (let k = 0; k < u.length; k++) p[k] = r[k] + (next / rr) * p[k];
    rr = next;
  }
  return u;
}
