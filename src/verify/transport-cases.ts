// Closed-form verification of the transport solvers (docs/references.md, V2–V5),
// each case on three grids with h halving, so the table shows the observed order.
import type { Gpu } from '../gpu/device.ts';
import type { DotKernels } from '../gpu/dot.ts';
import { readF32, storageBuffer, writeF32 } from '../gpu/buffers.ts';
import { Multigrid, type MultigridKernels, type SideCondition } from '../solvers/multigrid.ts';
import { Oxygen, oxygenKernel } from '../solvers/transport/oxygen.ts';
import { Drug, drugKernel } from '../solvers/transport/drug.ts';
import { kroghEmbedded, kroghMinimum, type KroghProblem } from '../model/reference/krogh.ts';
import { peacemanCellValue } from '../model/reference/peaceman.ts';
import { vesselExchange, wallTransmissibility } from '../model/vessel-exchange.ts';
import { heatKernel, heatSecondMoment, type HeatProblem } from '../model/reference/heat-kernel.ts';
import { rdContinuum, rdDiscrete, type ReactionDiffusion1D } from '../model/reference/reaction-diffusion-1d.ts';
import { noise, runCycles, uploadProblem } from './scalar-run.ts';
import { SECOND_ORDER, withOrders, type VerifyRow } from './types.ts';

export interface Solvers {
  gpu: Gpu;
  mg: MultigridKernels;
  dots: DotKernels;
}

/** No vessel is partly open in these cases, so Nu does not enter. */
const OXYGEN_NUSSELT = 2.5;
const KROGH: KroghProblem = { p0: 40, M: 5, D: 2000, Rc: 5, Rt: 100 };

/** Krogh cylinder through the oxygen solver: the disk r ≤ Rc fixed at p0, zero-order sink on Rc < r < Rt. */
export async function kroghCase(s: Solvers, rcOverH: number): Promise<{ relMaxError: number; n: number }> {
  const side = 240;
  const h = KROGH.Rc / rcOverH;
  const n = Math.round(side / h);
  const oxygen = new Oxygen(s.mg, oxygenKernel(s.gpu.device), {
    label: `verify.krogh${n}`, nx: n, ny: n, hMicrons: h, diffusivityUm2PerS: KROGH.D, maxUptakeMmHgPerS: KROGH.M, kmMmHg: 0, nusselt: OXYGEN_NUSSELT,
  });
  const cells = n * n;
  const density = new Float32Array(cells);
  const fixed = new Uint32Array(cells);
  const radius = new Float64Array(cells);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const c = j * n + i;
    radius[c] = Math.hypot((i + 0.5) * h - side / 2, (j + 0.5) * h - side / 2);
    if (radius[c] <= KROGH.Rc) fixed[c] = 1;
    else if (radius[c] < KROGH.Rt) density[c] = 1;
  }
  const device = s.gpu.device;
  writeF32(device, oxygen.density, density);
  device.queue.writeBuffer(oxygen.mg.fixed, 0, fixed);
  writeF32(device, oxygen.pO2, new Float32Array(cells).fill(KROGH.p0));
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  oxygen.solve(pass, 2, 6);
  pass.end();
  device.queue.submit([encoder.finish()]);
  const p = await readF32(device, oxygen.pO2, cells);
  oxygen.destroy();
  let worst = 0;
  for (let c = 0; c < cells; c++) {
    if (radius[c] > 2 * KROGH.Rc) worst = Math.max(worst, Math.abs(p[c] - kroghEmbedded(KROGH, radius[c])));
  }
  return { relMaxError: worst / (KROGH.p0 - kroghMinimum(KROGH)), n };
}

/** Peaceman: a single-cell line source Q in a ring r ≥ Rb held at 0; the source cell's value. */
export async function peacemanCase(s: Solvers, h: number): Promise<{ relError: number; n: number }> {
  const D = 2000, Q = 1e5, Rb = 200;
  const n = Math.round(480 / h);
  const side: SideCondition = { kind: 'dirichlet', value: 0 };
  const mg = new Multigrid(s.mg, { label: `verify.peaceman${n}`, nx: n, ny: n, hx: h, bc: { west: side, east: side, south: side, north: side } });
  const cells = n * n;
  const f = new Float32Array(cells);
  const fixed = new Uint32Array(cells);
  const centre = (n / 2) * h + h / 2;
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    if (Math.hypot((i + 0.5) * h - centre, (j + 0.5) * h - centre) >= Rb) fixed[j * n + i] = 1;
  }
  const source = (n / 2) * n + n / 2;
  f[source] = Q / (h * h);
  uploadProblem(s.gpu, mg, { k: new Float32Array(cells).fill(D), a: new Float32Array(cells), f, fixed });
  const { u } = await runCycles(s.gpu, s.dots, mg, 10);
  mg.destroy();
  const expected = peacemanCellValue(Q, D, Rb, h);
  return { relError: Math.abs(u[source] - expected) / expected, n };
}

export interface HeatResult {
  n: number;
  steps: number;
  relL2: number;
  /** Mass against the discrete BDF2 decay of the initial mass (round-off check). */
  massError: number;
  /** Second moment against the discrete BDF2 recurrence (round-off check). */
  momentError: number;
  /** Second moment against the continuum 2σ0² + 4Dt (second order in dt). */
  momentContinuumError: number;
}

/** Gaussian heat kernel with decay through the drug solver (BDF2), zero-flux box. */
export async function heatCase(s: Solvers, n: number): Promise<HeatResult> {
  const heat: HeatProblem = { mass: 1, D: 1, k: 0.1, sigma0: 1 };
  const T = 2;
  const width = 25.6;
  const h = width / n;
  const dt = h / 2;
  const steps = Math.round(T / dt);
  const device = s.gpu.device;
  // No vessels: zero exchange everywhere.
  const vessel = storageBuffer(device, 'verify.heat.vessel', n * n * 16);
  const perfusion = storageBuffer(device, 'verify.heat.perfusion', n * n * 4);
  const drug = new Drug(s.mg, drugKernel(device), { label: `verify.heat${n}`, nx: n, ny: n, hMicrons: h, diffusivityUm2PerS: heat.D, decayPerS: heat.k, slot: 'smac' }, vessel, perfusion);
  const cells = n * n;
  const r2 = new Float64Array(cells);
  const u0 = new Float32Array(cells);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const c = j * n + i;
    r2[c] = ((i + 0.5) * h - width / 2) ** 2 + ((j + 0.5) * h - width / 2) ** 2;
    u0[c] = heatKernel(heat, Math.sqrt(r2[c]), 0);
  }
  writeF32(device, drug.concentration, u0);
  drug.restart();
  for (let k = 0; k < steps; k++) {
    const encoder = device.createCommandEncoder();
    drug.step(encoder, dt, 0, 4);
    device.queue.submit([encoder.finish()]);
  }
  const u = await readF32(device, drug.concentration, cells);
  drug.destroy();
  vessel.destroy();
  perfusion.destroy();
  // The discrete invariants obey the same BDF2 recurrences as the ODEs m' = −k m, M2' = 4D m − k M2.
  const sum = (v: ArrayLike<number>, w?: Float64Array) => { let t = 0; for (let c = 0; c < cells; c++) t += v[c] * (w ? w[c] : 1); return t * h * h; };
  let m = [sum(u0), sum(u0)], M2 = [sum(u0, r2), sum(u0, r2)];
  for (let k = 0; k < steps; k++) {
    const [a, b, g] = k === 0 ? [1, 1, 0] : [1.5, 2, 0.5];
    const mNew = (b * m[1] - g * m[0]) / dt / (a / dt + heat.k);
    const M2New = ((b * M2[1] - g * M2[0]) / dt + 4 * heat.D * mNew) / (a / dt + heat.k);
    m = [m[1], mNew];
    M2 = [M2[1], M2New];
  }
  let e2 = 0, x2 = 0;
  for (let c = 0; c < cells; c++) {
    const exact = heatKernel(heat, Math.sqrt(r2[c]), T);
    e2 += (u[c] - exact) ** 2;
    x2 += exact ** 2;
  }
  const mass = sum(u);
  const moment = sum(u, r2) / mass;
  return {
    n,
    steps,
    relL2: Math.sqrt(e2 / x2),
    massError: Math.abs(mass - m[1]) / m[1],
    momentError: Math.abs(moment - M2[1] / m[1]) / (M2[1] / m[1]),
    momentContinuumError: Math.abs(moment - heatSecondMoment(heat, T)) / heatSecondMoment(heat, T),
  };
}

const F32_EPSILON = 2 ** -23;

const RD: ReactionDiffusion1D = { D: 100, k: 0.01, L: 500, u0: 1, uL: 0 };

/**
 * 1D drug penetration D u'' − k u = 0: end columns fixed at u0 and uL, N = nx − 1 intervals,
 * zero flux along y. The grid is square (ny = nx): on a thin strip the multigrid would coarsen
 * x alone, and point Gauss–Seidel does not smooth the anisotropic coarse operators that makes.
 */
export async function reactionDiffusionCase(s: Solvers, nx: number): Promise<{ continuumError: number; discreteError: number; lambdaOverH: number }> {
  const ny = nx;
  const N = nx - 1;
  const h = RD.L / N;
  const zeroFlux: SideCondition = { kind: 'neumann' };
  const mg = new Multigrid(s.mg, { label: `verify.rd${nx}`, nx, ny, hx: h, bc: { west: zeroFlux, east: zeroFlux, south: zeroFlux, north: zeroFlux } });
  const cells = nx * ny;
  const fixed = new Uint32Array(cells);
  const u0 = new Float32Array(cells);
  for (let j = 0; j < ny; j++) {
    fixed[j * nx] = 1;
    fixed[j * nx + N] = 1;
    u0[j * nx] = RD.u0;
    u0[j * nx + N] = RD.uL;
  }
  uploadProblem(s.gpu, mg, { k: new Float32Array(cells).fill(RD.D), a: new Float32Array(cells).fill(RD.k), f: new Float32Array(cells), fixed, u0 });
  const { u } = await runCycles(s.gpu, s.dots, mg, 12);
  mg.destroy();
  const discrete = rdDiscrete(RD, N);
  let continuumError = 0, discreteError = 0;
  for (let j = 0; j < ny; j++) for (let i = 0; i <= N; i++) {
    const v = u[j * nx + i];
    continuumError = Math.max(continuumError, Math.abs(v - rdContinuum(RD, i * h)));
    discreteError = Math.max(discreteError, Math.abs(v - discrete[i]));
  }
  return { continuumError, discreteError, lambdaOverH: Math.sqrt(RD.D / RD.k) / h };
}

/**
 * Periodic sides: −D∇²u + k u = sin(2πx/L) on a doubly periodic square. The 5-point operator
 * has sin(2πx/L) as an eigenfunction, so the discrete solution is the source divided by
 * k + 4D sin²(πh/L)/h² exactly (a round-off check), and the continuum one by k + D(2π/L)².
 */
export async function periodicCase(s: Solvers, n: number): Promise<{ continuumError: number; discreteError: number; roundOff: number }> {
  const L = 1000, h = L / n, D = 100, k = 0.01;
  const periodic: SideCondition = { kind: 'periodic' };
  const mg = new Multigrid(s.mg, { label: `verify.periodic${n}`, nx: n, ny: n, hx: h, bc: { west: periodic, east: periodic, south: periodic, north: periodic } });
  const cells = n * n;
  const f = new Float32Array(cells);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) f[j * n + i] = Math.sin((2 * Math.PI * (i + 0.5) * h) / L);
  uploadProblem(s.gpu, mg, { k: new Float32Array(cells).fill(D), a: new Float32Array(cells).fill(k), f });
  const { u } = await runCycles(s.gpu, s.dots, mg, 10);
  mg.destroy();
  const discrete = k + (4 * D * Math.sin((Math.PI * h) / L) ** 2) / (h * h);
  const continuum = k + D * ((2 * Math.PI) / L) ** 2;
  let continuumError = 0, discreteError = 0, peak = 0;
  for (let c = 0; c < cells; c++) {
    continuumError = Math.max(continuumError, Math.abs(u[c] - f[c] / continuum));
    discreteError = Math.max(discreteError, Math.abs(u[c] - f[c] / discrete));
    peak = Math.max(peak, Math.abs(f[c] / continuum));
  }
  // fp32 forward-error scale ε·cond(A): the highest mode (checkerboard) over this one.
  const roundOff = F32_EPSILON * (k + (8 * D) / (h * h)) / discrete;
  return { continuumError: continuumError / peak, discreteError: discreteError / peak, roundOff };
}

/** V5: Dirichlet data equal to a constant, no reaction: the solution is that constant. */
export async function constantCase(s: Solvers, n: number): Promise<number> {
  const side: SideCondition = { kind: 'dirichlet', value: 3.7 };
  const mg = new Multigrid(s.mg, { label: `verify.constant${n}`, nx: n, ny: n, hx: 10, bc: { west: side, east: side, south: side, north: side } });
  const cells = n * n;
  uploadProblem(s.gpu, mg, { k: new Float32Array(cells).fill(2000), a: new Float32Array(cells), f: new Float32Array(cells), u0: noise(cells) });
  const { u } = await runCycles(s.gpu, s.dots, mg, 10);
  mg.destroy();
  return u.reduce((worst, v) => Math.max(worst, Math.abs(v - 3.7) / 3.7), 0);
}

/**
 * V5: two capillaries far apart (separation 16 decay lengths) give the sum of the two
 * single-capillary fields. Each vessel exchanges W_c·(c_wall − c) over its ring footprint
 * (vessel-exchange.ts) in a decaying field; both sit on cell corners, so neither has a lumen cell.
 */
export async function superpositionCase(s: Solvers): Promise<number> {
  const n = 128, h = 10, D = 100, decay = 0.04;
  const zeroFlux: SideCondition = { kind: 'neumann' };
  const mg = new Multigrid(s.mg, { label: 'verify.superposition', nx: n, ny: n, hx: h, bc: { west: zeroFlux, east: zeroFlux, south: zeroFlux, north: zeroFlux } });
  const cells = n * n;
  const at = (i: number) => ({ xMicrons: i * h, yMicrons: (n / 2) * h, radiusMicrons: 2, wallPO2MmHg: 1 });
  const vessels = [at(24), at(104)];
  const exchange = vesselExchange({ nx: n, ny: n, dxMicrons: h }, vessels);
  const solve = async (which: number[]) => {
    const a = new Float32Array(cells).fill(decay);
    const f = new Float32Array(cells);
    for (const v of which) {
      const fp = exchange.footprints[v];
      const T = wallTransmissibility(D, fp.equivalentRadiusMicrons, vessels[v].radiusMicrons);
      fp.cells.forEach((c, k) => { const W = (fp.weights[k] * T) / (h * h); a[c] += W; f[c] += W; });
    }
    uploadProblem(s.gpu, mg, { k: new Float32Array(cells).fill(D), a, f });
    return (await runCycles(s.gpu, s.dots, mg, 10)).u;
  };
  const first = await solve([0]);
  const second = await solve([1]);
  const both = await solve([0, 1]);
  mg.destroy();
  let worst = 0, peak = 0;
  for (let c = 0; c < cells; c++) {
    worst = Math.max(worst, Math.abs(both[c] - first[c] - second[c]));
    peak = Math.max(peak, Math.abs(both[c]));
  }
  return worst / peak;
}

export async function transportRows(s: Solvers): Promise<VerifyRow[]> {
  const rows: VerifyRow[] = [];
  const krogh = [];
  for (const r of [4, 8, 16]) {
    const k = await kroghCase(s, r);
    krogh.push({ case: 'Krogh cylinder (oxygen)', grid: `${k.n}², Rc/h=${r}`, quantity: 'max |p−p*| / drop, r>2Rc', value: k.relMaxError, threshold: r >= 8 ? 0.02 : undefined });
  }
  // The staircased vessel wall limits the Krogh case to first order.
  rows.push(...withOrders(krogh, 0.8));
  const well = [];
  for (const h of [10, 5, 2.5]) {
    const p = await peacemanCase(s, h);
    well.push({ case: 'Peaceman well (single source in ring)', grid: `${p.n}², h=${h} µm`, quantity: '|C_cell−C*| / C*', value: p.relError, threshold: 0.01 });
  }
  // No order is known for the well value; its error must fall as h halves.
  rows.push(...withOrders(well, 0));
  const heat = [];
  const heatResults: HeatResult[] = [];
  for (const n of [64, 128, 256]) heatResults.push(await heatCase(s, n));
  for (const r of heatResults) {
    const sigmaOverH = r.n / 25.6;
    heat.push({ case: 'Gaussian heat kernel with decay (drug, BDF2)', grid: `${r.n}², σ0/h=${sigmaOverH}`, quantity: 'relative L2', value: r.relL2, threshold: sigmaOverH >= 10 ? 1e-3 : undefined });
  }
  // BDF2 with Δt = h/2 and the five-point Laplacian: second order in h.
  rows.push(...withOrders(heat, SECOND_ORDER));
  for (const r of heatResults) {
    // fp32 rounds each step's solution by about one ulp, independently of the solve's accuracy
    // (2.7e-6 after 40 steps at 128² with 4 or with 12 V-cycles a step): allow 4 ulps a step.
    rows.push({ case: 'Heat kernel: mass vs discrete decay', grid: `${r.n}², ${r.steps} steps`, quantity: 'relative error', value: r.massError, threshold: 4 * F32_EPSILON * r.steps, rounding: true });
    rows.push({ case: 'Heat kernel: second moment vs discrete', grid: `${r.n}²`, quantity: 'relative error', value: r.momentError, threshold: 1e-4, rounding: true });
  }
  rows.push(...withOrders(heatResults.map((r) => ({ case: 'Heat kernel: second moment vs 2σ0²+4Dt', grid: `${r.n}²`, quantity: 'relative error', value: r.momentContinuumError })), SECOND_ORDER));
  const rdC = [], rdD = [];
  for (const nx of [32, 64, 128]) {
    const r = await reactionDiffusionCase(s, nx);
    const grid = `${nx}², λ/h=${r.lambdaOverH.toFixed(1)}`;
    rdC.push({ case: '1D reaction–diffusion: continuum', grid, quantity: 'max error', value: r.continuumError, threshold: r.lambdaOverH >= 10 ? 3e-4 : undefined });
    rdD.push({ case: '1D reaction–diffusion: discrete-exact', grid, quantity: 'max error', value: r.discreteError, threshold: 1e-5, rounding: true });
  }
  rows.push(...withOrders(rdC, SECOND_ORDER), ...rdD);
  const periodicC = [], periodicD = [];
  for (const n of [32, 64, 128]) {
    const r = await periodicCase(s, n);
    periodicC.push({ case: 'Periodic sides: sine mode, continuum', grid: `${n}²`, quantity: 'max error / max u', value: r.continuumError, threshold: n >= 64 ? 1e-3 : undefined });
    periodicD.push({ case: 'Periodic sides: sine mode, discrete-exact', grid: `${n}²`, quantity: 'max error / max u (≤ ε·cond)', value: r.discreteError, threshold: r.roundOff, rounding: true });
  }
  rows.push(...withOrders(periodicC, SECOND_ORDER), ...periodicD);
  rows.push({ case: 'Superposition of two distant capillaries', grid: '128², 16λ apart', quantity: 'max |u₁₂−u₁−u₂| / max u₁₂', value: await superpositionCase(s), threshold: 1e-5, rounding: true });
  rows.push({ case: 'Constant Dirichlet data stay constant', grid: '128²', quantity: 'max relative deviation', value: await constantCase(s, 128), threshold: 1e-5, rounding: true });
  return rows;
}
