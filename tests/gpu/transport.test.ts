// Transport solvers against closed forms (docs/references.md, V2–V5): each case on
// three grids, at the reference's thresholds, with its observed order of convergence.
import { beforeAll, describe, expect, it } from 'vitest';
import { DotKernels } from '../../src/gpu/dot.ts';
import { MultigridKernels } from '../../src/solvers/multigrid.ts';
import { transportRows } from '../../src/verify/transport-cases.ts';
import { passes, type VerifyRow } from '../../src/verify/types.ts';
import { scoped, useGpu } from './fixture.ts';

describe('transport verification', () => {
  const gpu = useGpu();
  let rows: VerifyRow[] = [];

  beforeAll(async () => {
    const g = gpu();
    rows = await scoped(g, () => transportRows({ gpu: g, mg: new MultigridKernels(g.device), dots: new DotKernels(g.device) }));
    console.table(rows);
    // About 2 min on SwiftShader alone, more when the machine is shared.
  }, 600_000);

  const of = (name: string) => rows.filter((r) => r.case === name);

  it('meets every threshold', () => {
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => !passes(r))).toEqual([]);
  });

  it('Krogh cylinder converges at about first order (staircased vessel wall)', () => {
    const orders = of('Krogh cylinder (oxygen)').slice(1).map((r) => r.order!);
    for (const p of orders) expect(p).toBeGreaterThan(0.8);
  });

  it('heat kernel and 1D reaction–diffusion converge at second order', () => {
    for (const name of ['Gaussian heat kernel with decay (drug, BDF2)', '1D reaction–diffusion: continuum']) {
      const orders = of(name).slice(1).map((r) => r.order!);
      expect(orders.length).toBe(2);
      for (const p of orders) expect(p).toBeGreaterThan(1.7);
    }
  });

  it('Peaceman well value converges as h falls', () => {
    const errors = of('Peaceman well (single source in ring)').map((r) => r.value);
    expect(errors[2]).toBeLessThan(errors[0]);
  });
});
