// The multigrid hierarchy of a grid: each axis is halved while it is even and longer than 8
// cells, until both axes are at most 16 cells (one workgroup solves the coarsest level).

export interface LevelShape {
  nx: number;
  ny: number;
  hx: number;
  hy: number;
  /** Coarsening ratio to the next level along each axis (1 or 2); 1×1 on the coarsest. */
  rx: number;
  ry: number;
}

export const COARSEST_MAX = 16;

export class GridShapeError extends Error {
  override name = 'GridShapeError';
}

function halves(n: number): boolean {
  return n % 2 === 0 && n > 8;
}

export function buildLevels(nx: number, ny: number, hx: number, hy: number): LevelShape[] {
  for (const [name, n] of [['nx', nx], ['ny', ny]] as const) {
    if (!Number.isInteger(n) || n < 2) throw new GridShapeError(`grid ${name} = ${n} must be an integer ≥ 2`);
  }
  const levels: LevelShape[] = [];
  let shape = { nx, ny, hx, hy };
  for (;;) {
    const rx = halves(shape.nx) ? 2 : 1;
    const ry = halves(shape.ny) ? 2 : 1;
    const done = shape.nx <= COARSEST_MAX && shape.ny <= COARSEST_MAX;
    if (done || (rx === 1 && ry === 1)) {
      if (!done) {
        throw new GridShapeError(
          `grid ${nx}×${ny} cannot be coarsened below ${shape.nx}×${shape.ny}: the multigrid halves each axis down to ≤ ${COARSEST_MAX} cells, so nx and ny must be c·2^k with c ≤ ${COARSEST_MAX} (e.g. 64, 96, 128, 256, 1024)`,
        );
      }
      levels.push({ ...shape, rx: 1, ry: 1 });
      return levels;
    }
    levels.push({ ...shape, rx, ry });
    shape = { nx: shape.nx / rx, ny: shape.ny / ry, hx: shape.hx * rx, hy: shape.hy * ry };
  }
}
