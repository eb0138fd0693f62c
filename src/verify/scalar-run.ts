// Runs the scalar multigrid on a problem given as CPU arrays, recording ‖r‖² after every
// V-cycle on the GPU and reading the whole history back once at the end.
import type { Gpu } from '../gpu/device.ts';
import { readF32, storageBuffer, writeF32 } from '../gpu/buffers.ts';
import { Dot, DotKernels } from '../gpu/dot.ts';
import type { Multigrid } from '../solvers/multigrid.ts';

export interface ScalarProblem {
  k: Float32Array;
  a: Float32Array;
  f: Float32Array;
  fixed?: Uint32Array;
  /** Initial guess, and the values of fixed cells. */
  u0?: Float32Array;
}

export function uploadProblem(gpu: Gpu, mg: Multigrid, p: ScalarProblem): void {
  const n = mg.cells;
  writeF32(gpu.device, mg.k, p.k);
  writeF32(gpu.device, mg.a, p.a);
  writeF32(gpu.device, mg.f, p.f);
  gpu.device.queue.writeBuffer(mg.fixed, 0, (p.fixed ?? new Uint32Array(n)) as Uint32Array<ArrayBuffer>);
  writeF32(gpu.device, mg.u, p.u0 ?? new Float32Array(n));
}

export interface ScalarRun {
  u: Float32Array;
  /** ‖r‖₂ before the first cycle and after each cycle. */
  residuals: number[];
}

export async function runCycles(gpu: Gpu, dots: DotKernels, mg: Multigrid, cycles: number): Promise<ScalarRun> {
  const device = gpu.device;
  const history = storageBuffer(device, 'verify.residualHistory', (cycles + 1) * 4);
  const norms = Array.from({ length: cycles + 1 }, (_, c) => new Dot(dots, `verify.norm[${c}]`, mg.r, mg.r, mg.cells, history, c));
  const encoder = device.createCommandEncoder({ label: 'verify.cycles' });
  const pass = encoder.beginComputePass();
  mg.assemble(pass);
  mg.residual(pass);
  norms[0].encode(pass);
  for (let c = 1; c <= cycles; c++) {
    mg.vcycle(pass);
    mg.residual(pass);
    norms[c].encode(pass);
  }
  pass.end();
  device.queue.submit([encoder.finish()]);
  const squares = await readF32(device, history, cycles + 1);
  const u = await readF32(device, mg.u, mg.cells);
  history.destroy();
  return { u, residuals: Array.from(squares, Math.sqrt) };
}

/** Deterministic values in [-1, 1) for random initial guesses (a 32-bit LCG; no GPU twin needed). */
export function noise(n: number, seed = 12345): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
