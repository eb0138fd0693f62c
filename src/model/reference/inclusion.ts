// Closed-form circular inclusion with uniform in-plane eigenstrain ε* (out of plane κ·ε*) in a
// matrix (docs/references.md, V1): Eshelby/Lamé in 2D. The mechanics solver is verified
// against it. Units are whatever the caller uses consistently (kPa in gives kPa out).
//
//   u_r = A r (r < a),  u_r = C r + D/r (r > a),  D = d·a²
//   (a) infinite matrix:          C = 0
//   (b) traction-free at r = b:   σrr(b) = 0
//   (c) clamped at r = b:         u_r(b) = 0

export type InclusionPlane = 'strain' | 'stress';
export type InclusionEdge = 'infinite' | 'traction-free' | 'clamped';

export interface InclusionProblem {
  /** Inclusion radius. */
  readonly a: number;
  readonly E1: number;
  readonly nu1: number;
  readonly E2: number;
  readonly nu2: number;
  /** In-plane eigenstrain ε* inside the inclusion. */
  readonly eps: number;
  /** Out-of-plane eigenstrain fraction: 0 for in-plane growth (the simulator's choice), 1 for isotropic. */
  readonly kappa?: number;
  /** Plane strain (the simulator's choice) or plane stress. */
  readonly plane?: InclusionPlane;
  readonly edge: InclusionEdge;
  /** Outer radius for the finite cases. */
  readonly b?: number;
}

export interface InclusionConstants {
  readonly A: number;
  readonly C: number;
  readonly D: number;
}

export interface PolarState {
  readonly ur: number;
  readonly srr: number;
  readonly stt: number;
  readonly szz: number;
}

export interface CartesianState {
  readonly ux: number;
  readonly uy: number;
  readonly sxx: number;
  readonly syy: number;
  readonly sxy: number;
  readonly szz: number;
}

interface Moduli {
  mu: number;
  lambda: number;
  /** 2D bulk modulus λ' + μ of the chosen plane condition. */
  K: number;
}

function moduli(E: number, nu: number, plane: InclusionPlane): Moduli {
  const mu = E / (2 * (1 + nu));
  const lambda = (E * nu) / ((1 + nu) * (1 - 2 * nu));
  const lambda2d = plane === 'strain' ? lambda : (2 * lambda * mu) / (lambda + 2 * mu);
  return { mu, lambda, K: lambda2d + mu };
}

function setup(p: InclusionProblem) {
  const plane = p.plane ?? 'strain';
  const kappa = p.kappa ?? 0;
  const m1 = moduli(p.E1, p.nu1, plane);
  const m2 = moduli(p.E2, p.nu2, plane);
  const epsEff = plane === 'strain' ? (1 + kappa * p.nu1) * p.eps : p.eps;
  return { plane, kappa, m1, m2, epsEff };
}

export function inclusionConstants(p: InclusionProblem): InclusionConstants {
  const { m1, m2, epsEff } = setup(p);
  const { K: K1 } = m1;
  const { K: K2, mu: mu2 } = m2;
  if (p.edge === 'infinite') {
    const d = (K1 * epsEff) / (K1 + mu2);
    return { A: d, C: 0, D: d * p.a * p.a };
  }
  if (p.b === undefined || p.b <= p.a) throw new RangeError(`a finite matrix needs b > a (got b = ${p.b}, a = ${p.a})`);
  const f = (p.a * p.a) / (p.b * p.b);
  if (p.edge === 'traction-free') {
    const d = (K1 * epsEff) / (K1 + mu2 + f * mu2 * (K1 / K2 - 1));
    const C = (mu2 / K2) * f * d;
    return { A: C + d, C, D: d * p.a * p.a };
  }
  const d = (K1 * epsEff) / (K1 + mu2 + f * (K2 - K1));
  return { A: d * (1 - f), C: -f * d, D: d * p.a * p.a };
}

/** Displacement and stresses at radius r (r < a is inside the inclusion). */
export function inclusionPolar(p: InclusionProblem, r: number): PolarState {
  const { plane, kappa, m1, m2, epsEff } = setup(p);
  const { A, C, D } = inclusionConstants(p);
  if (r < p.a) {
    const s = 2 * m1.K * (A - epsEff);
    const szz = plane === 'strain' ? m1.lambda * (2 * A - (2 + kappa) * p.eps) - 2 * m1.mu * kappa * p.eps : 0;
    return { ur: A * r, srr: s, stt: s, szz };
  }
  const shear = (2 * m2.mu * D) / (r * r);
  return {
    ur: C * r + D / r,
    srr: 2 * m2.K * C - shear,
    stt: 2 * m2.K * C + shear,
    szz: plane === 'strain' ? 2 * m2.lambda * C : 0,
  };
}

/** The same state in cartesian components at (x, y), the inclusion centred at the origin. */
export function inclusionAt(p: InclusionProblem, x: number, y: number): CartesianState {
  const r = Math.hypot(x, y);
  const { ur, srr, stt, szz } = inclusionPolar(p, r);
  // At the centre the in-plane stress is isotropic and u = 0, so any direction will do.
  const c = r > 0 ? x / r : 1;
  const s = r > 0 ? y / r : 0;
  return {
    ux: ur * c,
    uy: ur * s,
    sxx: srr * c * c + stt * s * s,
    syy: srr * s * s + stt * c * c,
    sxy: (srr - stt) * s * c,
    szz,
  };
}

/** 2D deviatoric von Mises, as the simulator uses it: √(3/2 s:s) of the in-plane stress. */
export function vonMises2D(sxx: number, syy: number, sxy: number): number {
  return Math.sqrt(0.75 * (sxx - syy) ** 2 + 3 * sxy * sxy);
}

/** 3D von Mises from principal stresses (σrr, σθθ, σzz are principal here). */
export function vonMises3D(s1: number, s2: number, s3: number): number {
  return Math.sqrt(0.5 * ((s1 - s2) ** 2 + (s2 - s3) ** 2 + (s3 - s1) ** 2));
}
