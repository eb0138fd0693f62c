// Benchmark: one oxygen solve and one stress solve per grid size, on a seeded tumour scenario
// scaled to the grid (same physical cell size, more tissue). Wall time around submission and
// onSubmittedWorkDone, median of repeats after one warm-up. Speed is measured here, never in tests.
import type { Gpu } from '../src/gpu/device.ts';
import { parseScenario, DEFAULT_SCENARIO_JSON } from '../src/model/scenario.ts';
import { Simulation } from '../src/sim/simulation.ts';

export interface SizeTiming {
  n: number;
  cells: number;
  oxygenMs: number[];
  stressMs: number[];
}

export interface BenchResult {
  sizes: SizeTiming[];
  oxygenExponent: number;
  stressExponent: number;
}

function scenarioFor(n: number) {
  // The default tumour in more tissue (the same cell size, the grid grown around it); smoke
  // sizes below 256² shrink the tumour to fit.
  const shrink = Math.min(1, n / 256);
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    name: `bench-${n}`,
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: n, ny: n,
      tumourRadiusMicrons: 900 * shrink, stromaWidthMicrons: 300 * shrink,
    },
    physics: { oxygen: true, smac: false, softener: false, mechanics: true, perfusion: false, cells: false },
  }, `bench-${n}`);
}

async function time(gpu: Gpu, record: (pass: GPUComputePassEncoder) => void): Promise<number> {
  const encoder = gpu.device.createCommandEncoder({ label: 'bench' });
  const pass = encoder.beginComputePass();
  record(pass);
  pass.end();
  const t = performance.now();
  gpu.device.queue.submit([encoder.finish()]);
  await gpu.device.queue.onSubmittedWorkDone();
  return performance.now() - t;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Least-squares slope of log(time) against log(cells). */
export function fittedExponent(cells: number[], times: number[]): number {
  const x = cells.map(Math.log), y = times.map(Math.log);
  const mx = x.reduce((a, b) => a + b) / x.length, my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0, sxx = 0;
  x.forEach((xi, i) => { sxy += (xi - mx) * (y[i] - my); sxx += (xi - mx) ** 2; });
  return sxy / sxx;
}

export async function benchGridSolves(gpu: Gpu, sizes: number[], repeats: number, log: (s: string) => void): Promise<BenchResult> {
  const out: SizeTiming[] = [];
  for (const n of sizes) {
    gpu.device.pushErrorScope('validation');
    gpu.device.pushErrorScope('out-of-memory');
    const sim = new Simulation(gpu, scenarioFor(n));
    const oxygen = sim.oxygen!, mechanics = sim.mechanics!;
    // Material and a first solve so both benchmarks start from a warm, realistic state.
    await sim.step();
    await gpu.device.queue.onSubmittedWorkDone();
    const timing: SizeTiming = { n, cells: n * n, oxygenMs: [], stressMs: [] };
    for (let r = 0; r <= repeats; r++) {
      const o = await time(gpu, (pass) => oxygen.solve(pass, 2, 2));
      const s = await time(gpu, (pass) => mechanics.solve(pass, false));
      if (r > 0) { timing.oxygenMs.push(o); timing.stressMs.push(s); }
    }
    const oom = await gpu.device.popErrorScope();
    const invalid = await gpu.device.popErrorScope();
    if (oom || invalid) throw new Error(`benchmark at ${n}²: ${(oom ?? invalid)!.message}`);
    log(`${n}²: oxygen ${median(timing.oxygenMs).toFixed(1)} ms, stress ${median(timing.stressMs).toFixed(1)} ms`);
    out.push(timing);
    sim.destroy();
  }
  const cells = out.map((t) => t.cells);
  return {
    sizes: out,
    oxygenExponent: fittedExponent(cells, out.map((t) => median(t.oxygenMs))),
    stressExponent: fittedExponent(cells, out.map((t) => median(t.stressMs))),
  };
}
