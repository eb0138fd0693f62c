// The multigrid hierarchy of a grid: which sizes coarsen, and where they stop.
import { describe, expect, it } from 'vitest';
import { buildLevels } from '../../src/solvers/levels.ts';

describe('multigrid levels', () => {
  it('refuses grids it cannot coarsen, naming the sizes it accepts', () => {
    expect(() => buildLevels(136, 136, 1, 1)).toThrow(/c·2\^k with c ≤ 16/);
    expect(buildLevels(96, 64, 1, 1).at(-1)).toMatchObject({ nx: 12, ny: 8 });
  });
});
