// A scalar multigrid problem that takes every branch of the smoothing, the coarsening and the
// transfers: fixed cells (a disc, and one on the west edge, where a periodic seam wraps), a
// decoupled (k = 0) disc, a tenfold conductance in one corner, a small reaction everywhere, and
// noise for the right-hand side and the start.
import { noise, type ScalarProblem } from '../../src/verify/scalar-run.ts';

export function mixedScalarProblem(nx: number, ny: number): ScalarProblem {
  const n = nx * ny;
  const k = new Float32Array(n).fill(1);
  const fixed = new Uint32Array(n);
  for (let c = 0; c < n; c++) {
    const i = c % nx;
    const j = Math.floor(c / nx);
    if (Math.hypot(i - 0.3 * nx, j - 0.5 * ny) < 6) fixed[c] = 1;
    if (Math.hypot(i - 0.7 * nx, j - 0.3 * ny) < 3) k[c] = 0;
    if (i > 0.8 * nx && j > 0.6 * ny) k[c] = 10;
    if (i === 0 && j === 5) fixed[c] = 1;
  }
  return { k, a: new Float32Array(n).fill(0.01), f: noise(n, 5), fixed, u0: noise(n, 9) };
}
