import { describe, expect, it } from 'vitest';
import {
  inclusionAt,
  inclusionConstants,
  inclusionPolar,
  vonMises2D,
  vonMises3D,
  type InclusionProblem,
} from '../../src/model/reference/inclusion.ts';

/** |actual − expected| within half a unit of the table's last printed decimal (plus round-off). */
function expectTable(actual: number, expected: number, decimals: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

// docs/references.md, V1 worked numbers: a = 1, E1 = 20 kPa, E2 = 2 kPa, ν = 0.45, ε* = 0.05; stresses in Pa.
const base = { a: 1, E1: 20, nu1: 0.45, E2: 2, nu2: 0.45, eps: 0.05 } as const;
const rows: { name: string; p: InclusionProblem; A: number; C: number; D: number; sIn: number; szzIn: number; srr15: number; stt15: number; vmIn: number; vm15: number }[] = [
  { name: 'plane strain κ = 0, infinite', p: { ...base, edge: 'infinite' }, A: 0.049505, C: 0, D: 0.049505, sIn: -68.283, szzIn: -61.454, srr15: -30.348, stt15: 30.348, vmIn: 6.828, vm15: 52.564 },
  { name: 'plane strain κ = 1, infinite', p: { ...base, kappa: 1, edge: 'infinite' }, A: 0.071782, C: 0, D: 0.071782, sIn: -99.01, szzIn: -1089.109, srr15: -44.004, stt15: 44.004, vmIn: 990.099, vm15: 76.218 },
  { name: 'plane stress, infinite', p: { ...base, plane: 'stress', edge: 'infinite' }, A: 0.048173, C: 0, D: 0.048173, sIn: -66.445, szzIn: 0, srr15: -29.531, stt15: 29.531, vmIn: 66.445, vm15: 51.15 },
  { name: 'plane strain κ = 0, b = 4a, traction-free', p: { ...base, b: 4, edge: 'traction-free' }, A: 0.049538, C: 0.000308, D: 0.049231, sIn: -63.66, szzIn: -57.294, srr15: -25.936, stt15: 34.424, vmIn: 6.366, vm15: 52.275 },
  { name: 'plane strain κ = 0, b = 4a, clamped', p: { ...base, b: 4, edge: 'clamped' }, A: 0.049148, C: -0.003277, D: 0.052425, sIn: -117.504, szzIn: -105.753, srr15: -77.331, stt15: -13.056, vmIn: 11.75, vm15: 55.847 },
];

describe('circular inclusion reference (V1)', () => {
  it.each(rows)('reproduces the worked numbers: $name', (row) => {
    const k = inclusionConstants(row.p);
    expectTable(k.A, row.A, 6, 'A');
    expectTable(k.C, row.C, 6, 'C');
    expectTable(k.D, row.D, 6, 'D');
    const inside = inclusionPolar(row.p, 0.3);
    expectTable(inside.srr * 1000, row.sIn, 3, 'σ_in');
    expect(inside.stt).toBe(inside.srr);
    expectTable(inside.szz * 1000, row.szzIn, 3, 'σzz,in');
    expectTable(vonMises3D(inside.srr, inside.stt, inside.szz) * 1000, row.vmIn, 3, 'vm3D in');
    const out = inclusionPolar(row.p, 1.5);
    expectTable(out.srr * 1000, row.srr15, 3, 'σrr(1.5a)');
    expectTable(out.stt * 1000, row.stt15, 3, 'σθθ(1.5a)');
    expectTable(vonMises3D(out.srr, out.stt, out.szz) * 1000, row.vm15, 3, 'vm3D(1.5a)');
  });

  it.each(rows)('is continuous in displacement and radial traction at r = a: $name', ({ p }) => {
    const inner = inclusionPolar(p, 1 - 1e-12);
    const outer = inclusionPolar(p, 1);
    expect(outer.ur).toBeCloseTo(inner.ur, 10);
    expect(outer.srr).toBeCloseTo(inner.srr, 10);
  });

  it('meets its outer boundary condition', () => {
    expect(inclusionPolar({ ...base, b: 4, edge: 'traction-free' }, 4).srr).toBeCloseTo(0, 14);
    expect(inclusionPolar({ ...base, b: 4, edge: 'clamped' }, 4).ur).toBeCloseTo(0, 14);
    expect(inclusionPolar({ ...base, edge: 'infinite' }, 1e6).ur).toBeCloseTo(0, 6);
  });

  it('matches the classic homogeneous limits and the soft-in-stiff case', () => {
    const E = 5;
    const nu = 0.3;
    const eps = 0.02;
    const strain = inclusionConstants({ a: 1, E1: E, nu1: nu, E2: E, nu2: nu, eps, kappa: 1, edge: 'infinite' });
    expect(strain.A).toBeCloseTo(((1 + nu) * eps) / (2 * (1 - nu)), 14);
    expect(inclusionPolar({ a: 1, E1: E, nu1: nu, E2: E, nu2: nu, eps, kappa: 1, edge: 'infinite' }, 0.5).srr).toBeCloseTo((-E * eps) / (2 * (1 - nu)), 14);
    const stress = { a: 1, E1: E, nu1: nu, E2: E, nu2: nu, eps, plane: 'stress', edge: 'infinite' } as const;
    expect(inclusionConstants(stress).A).toBeCloseTo(((1 + nu) * eps) / 2, 14);
    expect(inclusionPolar(stress, 0.5).srr).toBeCloseTo((-E * eps) / 2, 14);
    // docs/references.md, "Mechanics": a soft tumour (2 kPa) in stiff matrix (20 kPa) holds about −345 Pa.
    expect(inclusionPolar({ ...base, E1: 2, E2: 20, edge: 'infinite' }, 0.5).srr * 1000).toBeCloseTo(-345, 0);
  });

  it('scales stresses with the moduli and leaves displacements unchanged', () => {
    const p = { ...base, b: 4, edge: 'clamped' } as const;
    const q = { ...p, E1: 3 * p.E1, E2: 3 * p.E2 };
    const a = inclusionAt(p, 1.2, -0.7);
    const b = inclusionAt(q, 1.2, -0.7);
    expect(b.ux).toBeCloseTo(a.ux, 14);
    expect(b.sxy).toBeCloseTo(3 * a.sxy, 14);
    expect(b.szz).toBeCloseTo(3 * a.szz, 14);
  });

  it('rotates polar into cartesian components consistently', () => {
    const p = { ...base, edge: 'infinite' } as const;
    const polar = inclusionPolar(p, 1.5);
    const onX = inclusionAt(p, 1.5, 0);
    expect(onX.sxx).toBeCloseTo(polar.srr, 14);
    expect(onX.syy).toBeCloseTo(polar.stt, 14);
    expect(onX.sxy).toBeCloseTo(0, 14);
    const diag = inclusionAt(p, 1.5 / Math.SQRT2, 1.5 / Math.SQRT2);
    expect(diag.sxy).toBeCloseTo((polar.srr - polar.stt) / 2, 14);
    expect(diag.ux).toBeCloseTo(diag.uy, 14);
    expect(Math.hypot(diag.ux, diag.uy)).toBeCloseTo(polar.ur, 14);
    const centre = inclusionPolar(p, 0);
    expect(inclusionAt(p, 0, 0)).toEqual({ ux: 0, uy: 0, sxx: centre.srr, syy: centre.srr, sxy: 0, szz: centre.szz });
    // 2D deviatoric von Mises: 0 inside, √3·|σrr| just outside in the infinite case.
    const inside = inclusionAt(p, 0.2, 0.1);
    expect(vonMises2D(inside.sxx, inside.syy, inside.sxy)).toBeCloseTo(0, 14);
    expect(vonMises2D(diag.sxx, diag.syy, diag.sxy) * 1000).toBeCloseTo(52.56, 2);
  });

  it('refuses a finite matrix without b > a', () => {
    expect(() => inclusionConstants({ ...base, edge: 'clamped' })).toThrow(RangeError);
  });
});
