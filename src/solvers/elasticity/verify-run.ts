// Runs the elasticity solver on a problem given as CPU arrays and reads everything back once:
// the shared runner of the verification cases (verify-cases.ts) and the GPU tests.
import type { Gpu } from '../../gpu/device.ts';
import { readBuffer, readF32, writeF32 } from '../../gpu/buffers.ts';
import { unpackStruct } from '../../gpu/struct-layout.ts';
import { Elasticity, type ElasticBoundary } from './elasticity.ts';
import type { ElasticityKernels } from './kernels.ts';

export interface ElasticProblem {
  label: string;
  /** Elements per side (square grid). */
  n: number;
  /** Element side, µm. */
  h: number;
  boundary: ElasticBoundary;
  /** Per element: E (kPa), ν, in-plane eigenstrain. */
  E: Float32Array;
  nu: Float32Array;
  eigenstrain: Float32Array;
  /** Per node fixed flags (default: those of the boundary kind). */
  fixed?: Uint32Array;
  /** vec2 per boundary node (µm), for 'prescribed'. */
  prescribed?: Float32Array;
  /** Initial displacement, vec2 per node (µm; default 0). */
  u0?: Float32Array;
  /** PCG iterations; with a tolerance, the most. */
  iterations: number;
  /** Stop once ‖r‖ ≤ tolerance·‖f‖ (see ElasticityOptions). */
  tolerance?: number;
  preSweeps?: number;
  postSweeps?: number;
  /** See ElasticityOptions. */
  coarseCycleMax?: number;
  smoother?: 'chebyshev' | 'gauss-seidel';
}

export interface ElasticResult {
  u: Float32Array;
  sxx: Float32Array;
  syy: Float32Array;
  sxy: Float32Array;
  szz: Float32Array;
  pressure: Float32Array;
  vonMises: Float32Array;
  /** ‖r‖₂ before and after each PCG iteration done. */
  residuals: number[];
  /** From the solver's own scalars: iterations done, whether it stopped at its tolerance (false without one), ‖f‖₂ (0 without one). */
  done: { iterations: number; converged: boolean; loadNorm: number };
  levels: number;
}

export async function runElastic(gpu: Gpu, kernels: ElasticityKernels, p: ElasticProblem): Promise<ElasticResult> {
  const device = gpu.device;
  const el = new Elasticity(kernels, {
    label: p.label, nx: p.n, ny: p.n, h: p.h, boundary: p.boundary,
    preSweeps: p.preSweeps, postSweeps: p.postSweeps, coarseCycleMax: p.coarseCycleMax, smoother: p.smoother, historyCapacity: p.iterations + 1, tolerance: p.tolerance,
  });
  try {
    writeF32(device, el.E, p.E);
    writeF32(device, el.nu, p.nu);
    writeF32(device, el.eigenstrain, p.eigenstrain);
    if (p.fixed) device.queue.writeBuffer(el.fixed, 0, p.fixed as Uint32Array<ArrayBuffer>);
    if (p.prescribed) {
      if (!el.prescribed) throw new Error(`${p.label}: prescribed values need boundary 'prescribed'`);
      writeF32(device, el.prescribed, p.prescribed);
    }
    if (p.u0) writeF32(device, el.u, p.u0);
    const encoder = device.createCommandEncoder({ label: `${p.label}.solve` });
    const pass = encoder.beginComputePass({ label: `${p.label}.solve` });
    el.assemble(pass);
    el.solve(pass, p.iterations, { history: true });
    el.stress(pass);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const residuals = await el.readHistory();
    const read = (b: GPUBuffer) => readF32(device, b);
    const scalars = unpackStruct(kernels.scalarsLayout, await readBuffer(device, el.pcg.scalars));
    const done = { iterations: scalars.iterations, converged: p.tolerance !== undefined && scalars.open === 0, loadNorm: Math.sqrt(scalars.ff) };
    return {
      done,
      u: await read(el.u), sxx: await read(el.sxx), syy: await read(el.syy), sxy: await read(el.sxy), szz: await read(el.szz),
      pressure: await read(el.pressure), vonMises: await read(el.vonMises), residuals, levels: el.mg.levelCount,
    };
  } finally {
    el.destroy();
  }
}

/** Node (i, j) and element-centre positions relative to the centre of an n×n grid of side n·h. */
export function nodePosition(n: number, h: number, node: number): [number, number] {
  return [((node % (n + 1)) - n / 2) * h, (Math.floor(node / (n + 1)) - n / 2) * h];
}

export function elementCentre(n: number, h: number, e: number): [number, number] {
  return [((e % n) + 0.5 - n / 2) * h, (Math.floor(e / n) + 0.5 - n / 2) * h];
}

/** Relative reduction of the residual: iterations until ‖r‖/‖r₀‖ ≤ target (Infinity if never). */
export function iterationsTo(residuals: number[], target: number): number {
  const k = residuals.findIndex((r) => r <= target * residuals[0]);
  return k < 0 ? Infinity : k;
}
