// The roofline pair: a vec4 copy that measures what the device can move, and red-black
// Gauss–Seidel sweeps of the transport smoother (shaders/multigrid/smooth.wgsl) alone on the
// finest level, whose bytes per cell are counted from its code below. suite.ts divides one by
// the other at each size. And the dispatch probe: the same copy over a tiny grid, many times in
// one pass, whose time is the fixed cost of a dispatch. The dispatch's cost and the bandwidth the
// smoother sweep achieves on the bytes its dispatches bind are the two figures of the step's cost
// model (suite.ts).
import copyWgsl from '../../../shaders/bench/copy.wgsl?raw';
import type { Gpu } from '../../gpu/device.ts';
import { storageBuffer, writeF32 } from '../../gpu/buffers.ts';
import { Kernel, linearGroups } from '../../gpu/kernel.ts';
import { WorkCounter } from '../../gpu/work-count.ts';
import { WG_1D } from '../../gpu/workgroup.ts';
import { Multigrid, MultigridKernels } from '../../solvers/multigrid.ts';
import { GRID_SIZES, idle, passRun, type BenchCase, type CaseInstance } from '../case.ts';

/** Bytes the copy moves per grid cell: one vec4<f32> read and one written. */
export const COPY_BYTES_PER_CELL = 16 + 16;

/**
 * Bytes one red-black sweep (both colours, so every cell updated once) must move per cell, from
 * smooth.wgsl and stencil.wgsl with no fixed cells:
 *   faces[c]  vec4<f32>  16 B read   (T_west, T_east, T_south, T_north)
 *   cell[c]   vec2<f32>   8 B read   (a, fixed)
 *   rhs[c]    f32         4 B read
 *   u         f32         4 B read   each cell's value is read (by its four neighbours of the
 *                                    other colour) once per sweep if the cache keeps it between
 *                                    them; the code issues 4 × 4 B, so 12 B more without reuse
 *   u[c]      f32         4 B written
 *   total                36 B        (48 B as issued)
 * This is the compulsory traffic. A colour touches every other cell, so each colour's pass
 * brings whole cache lines of all four arrays in: DRAM may see up to about twice this.
 */
export const SMOOTHER_BYTES_PER_CELL = 16 + 8 + 4 + 4 + 4;

/**
 * Sweeps (or copies) a timed run records: at least 4, and enough for about 4·10⁶ cell-updates,
 * so one submission's fixed cost stays small beside the work on a fast GPU too.
 */
export function updatesPerRun(n: number): number {
  return Math.min(64, Math.max(4, Math.ceil(2 ** 22 / (n * n))));
}

/** The copy of n² vec4 cells, `count` times in one pass a run (copy and dispatch cases). */
async function copies(gpu: Gpu, label: string, n: number, count: number): Promise<CaseInstance> {
  const device = gpu.device;
  const cells = n * n;
  const kernel = new Kernel(device, { label, code: copyWgsl, bindings: ['src', 'dst'] });
  const src = storageBuffer(device, `${label}.src`, cells * 16);
  const dst = storageBuffer(device, `${label}.dst`, cells * 16);
  // Left as created (zeros): the bytes moved are the same whatever they hold.
  const group = kernel.bind('src→dst', { src, dst });
  const [gx, gy] = linearGroups(cells, WG_1D);
  await idle(gpu);
  return {
    gridCells: cells, agents: 0, updatesPerRun: count, bytesPerUpdate: COPY_BYTES_PER_CELL * cells,
    run: passRun(gpu, label, (pass) => kernel.dispatch(pass, group, gx, gy), count),
    destroy: () => { src.destroy(); dst.destroy(); },
  };
}

export const copy: BenchCase = {
  name: 'copy',
  update: 'one copy of n² vec4<f32> from one storage buffer to another (32 B a cell)',
  axis: 'grid',
  figures: ['achievedGBps'],
  sizes: GRID_SIZES,
  build: (gpu, n) => copies(gpu, 'Bench.copy', n, updatesPerRun(n)),
};

/** Oxygen's diffusivity (µm²/s) and a uniform uptake (1/s): values do not change the work. */
const K_UM2_PER_S = 2000;
const A_PER_S = 0.01;

export const smootherSweep: BenchCase = {
  name: 'smoother-sweep',
  update: 'one red-black Gauss–Seidel sweep (red then black) of the transport smoother on the finest level, no fixed cells',
  axis: 'grid',
  figures: ['gridCellUpdatesPerSecond', 'achievedGBps'],
  sizes: GRID_SIZES,
  async build(gpu, n): Promise<CaseInstance> {
    const device = gpu.device;
    const cells = n * n;
    const kernels = new MultigridKernels(device);
    const neumann = { kind: 'neumann' as const };
    const mg = new Multigrid(kernels, { label: 'Bench.smoother', nx: n, ny: n, hx: 10, bc: { west: neumann, east: neumann, south: neumann, north: neumann } });
    writeF32(device, mg.k, new Float32Array(cells).fill(K_UM2_PER_S));
    writeF32(device, mg.a, new Float32Array(cells).fill(A_PER_S));
    // u tends to f/a, far from zero, so no sweep runs into denormals.
    writeF32(device, mg.f, new Float32Array(cells).fill(1));
    writeF32(device, mg.fixed, new Float32Array(cells));
    await passRun(gpu, 'bench.smoother.assemble', (pass) => mg.assemble(pass))();
    const count = updatesPerRun(n);
    const run = passRun(gpu, 'bench.smoother', (pass) => mg.sweep(pass), count);
    await idle(gpu);
    return {
      gridCells: cells, agents: 0, updatesPerRun: count, bytesPerUpdate: SMOOTHER_BYTES_PER_CELL * cells, run,
      // What the cost model counts for a run: the bytes its dispatches bind (gpu/kernel.ts).
      async count() {
        const counter = new WorkCounter<'sweep'>(device);
        try {
          counter.stage('sweep');
          await run();
        } finally {
          counter.uninstall();
        }
        return { stages: [], total: counter.total };
      },
      destroy: () => mg.destroy(),
    };
  },
};

/** Dispatches a timed run of the dispatch probe records, in one pass. */
const DISPATCHES_PER_RUN = 1024;

export const dispatch: BenchCase = {
  name: 'dispatch',
  update: 'one dispatch of the copy kernel over n² cells, with its pipeline and bind group set (at n = 1 one workgroup copying 32 B: the fixed cost of a dispatch)',
  axis: 'grid',
  figures: ['dispatchesPerSecond'],
  sizes: { full: [1, 16, 64], smoke: [1, 8] },
  ownSizes: true,
  build: (gpu, n) => copies(gpu, 'Bench.dispatch', n, DISPATCHES_PER_RUN),
};
