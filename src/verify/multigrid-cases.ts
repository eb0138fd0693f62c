// How the scalar multigrid converges. Measured on the homogeneous problem A e = 0 from a
// random start: its error propagation is that of any right-hand side, and it has no fp32
// rounding floor (the relative residual of an fp32 solution floors near ε·cond(A), about
// 1e-4 at 128²), so "cycles to 1e-6" means what it says.
import type { Gpu } from '../gpu/device.ts';
import type { DotKernels } from '../gpu/dot.ts';
import { Multigrid, type MultigridKernels, type SideCondition } from '../solvers/multigrid.ts';
import { noise, runCycles, uploadProblem } from './scalar-run.ts';
import type { VerifyRow } from './types.ts';

export interface ConvergenceResult {
  n: number;
  levels: number;
  /** Geometric-mean residual reduction per V-cycle until 1e-6. */
  factor: number;
  /** Worst single-cycle reduction until 1e-6. */
  worstFactor: number;
  /** Reduction in the last of `maxCycles` cycles: the asymptotic rate. */
  asymptoticFactor: number;
  cyclesTo1e6: number;
}

export const TARGET = 1e-6;

export async function poissonConvergence(gpu: Gpu, kernels: MultigridKernels, dots: DotKernels, n: number, maxCycles = 12): Promise<ConvergenceResult> {
  const side: SideCondition = { kind: 'dirichlet', value: 0 };
  const mg = new Multigrid(kernels, { label: `verify.poisson${n}`, nx: n, ny: n, hx: 1 / n, bc: { west: side, east: side, south: side, north: side } });
  const cells = n * n;
  uploadProblem(gpu, mg, { k: new Float32Array(cells).fill(1), a: new Float32Array(cells), f: new Float32Array(cells), u0: noise(cells) });
  const { residuals } = await runCycles(gpu, dots, mg, maxCycles);
  mg.destroy();
  const relative = residuals.map((r) => r / residuals[0]);
  const reached = relative.findIndex((r) => r <= TARGET);
  const cycles = reached < 0 ? Infinity : reached;
  const last = reached < 0 ? maxCycles : reached;
  let worst = 0;
  for (let c = 1; c <= last; c++) worst = Math.max(worst, relative[c] / relative[c - 1]);
  return { n, levels: mg.levelCount, factor: relative[last] ** (1 / last), worstFactor: worst, asymptoticFactor: relative[maxCycles] / relative[maxCycles - 1], cyclesTo1e6: cycles };
}

export async function multigridRows(gpu: Gpu, kernels: MultigridKernels, dots: DotKernels, sizes: number[]): Promise<VerifyRow[]> {
  const rows: VerifyRow[] = [];
  const cycles: number[] = [];
  for (const n of sizes) {
    const r = await poissonConvergence(gpu, kernels, dots, n);
    cycles.push(r.cyclesTo1e6);
    const grid = `${n}² (${r.levels} levels)`;
    rows.push({ case: 'Poisson V(3,3): residual reduction per cycle', grid, quantity: 'worst factor', value: r.worstFactor, threshold: 0.1 });
    rows.push({ case: 'Poisson V(3,3): asymptotic reduction per cycle', grid, quantity: 'factor, cycle 12', value: r.asymptoticFactor, threshold: 0.1 });
    rows.push({ case: 'Poisson V(3,3): cycles to 1e-6 relative residual', grid, quantity: 'cycles', value: r.cyclesTo1e6 });
  }
  // Multigrid's defining property: the work to a given residual does not grow with the grid.
  rows.push({
    case: 'Poisson V(3,3): cycles to 1e-6 relative residual', grid: `${sizes[0]}²–${sizes[sizes.length - 1]}²`,
    quantity: 'most − fewest cycles', value: Math.max(...cycles) - Math.min(...cycles), threshold: 1,
  });
  return rows;
}
