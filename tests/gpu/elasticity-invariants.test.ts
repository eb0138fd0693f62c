// Invariants of the elasticity solver (docs/references.md, V5).
import { describe, expect, it } from 'vitest';
import {
  elasticitySolvers, inclusionCase, LIMITS, scalingCase, STIFF, symmetryMetrics, uniformEigenstrainCase, type ElasticitySolvers,
} from '../../src/solvers/elasticity/verify-cases.ts';
import { scoped, useGpu } from './fixture.ts';

describe('elasticity invariants', () => {
  const gpu = useGpu();
  let cached: ElasticitySolvers | undefined;
  const solvers = () => (cached ??= elasticitySolvers(gpu()));

  it('gives zero stress and u = ε* x for a uniform eigenstrain in a free homogeneous body', async () => {
    const m = await scoped(gpu(), () => uniformEigenstrainCase(solvers(), 64));
    console.table([m]);
    expect(m.stress).toBeLessThanOrEqual(LIMITS.uniformStress);
    expect(m.displacement).toBeLessThanOrEqual(LIMITS.uniformStress);
  });

  it('scales stresses with the moduli and leaves u unchanged', async () => {
    const m = await scoped(gpu(), () => scalingCase(solvers(), 64, 10));
    console.table([m]);
    expect(m.stress).toBeLessThanOrEqual(LIMITS.scaling);
    expect(m.displacement).toBeLessThanOrEqual(LIMITS.scaling);
  });

  it('keeps the mirror and 90° rotation symmetry of the inclusion', async () => {
    const { result } = await scoped(gpu(), () => inclusionCase(solvers(), STIFF, 64));
    const m = symmetryMetrics(64, result);
    console.table([m]);
    expect(Math.max(m.mirrorX, m.mirrorY, m.rotation)).toBeLessThanOrEqual(LIMITS.symmetry);
  });
});
