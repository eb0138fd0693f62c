// The oxygen's Newton steps stopped on the GPU at a tolerance (transport/oxygen.ts, shaders/lib/
// gate.wgsl): the gated solve does the steps an ungated one needs to leave ‖f − A u‖ ≤ τ‖f‖, the
// same ones bit for bit, and no more; a solve that runs out of steps above τ says so.
import { describe, expect, it } from 'vitest';
import { readBuffer, readF32, writeF32 } from '../../src/gpu/buffers.ts';
import { DotKernels } from '../../src/gpu/dot.ts';
import { GateKernels } from '../../src/gpu/gate.ts';
import { MultigridKernels } from '../../src/solvers/multigrid.ts';
import { NEWTON_SLOTS, Oxygen, oxygenKernel } from '../../src/solvers/transport/oxygen.ts';
import { scoped, useGpu } from './fixture.ts';
import type { Gpu } from '../../src/gpu/device.ts';

// Tissue fed by 64 vessels on a lattice (exchange W into wall pO₂ 40 mmHg), with Michaelis–Menten
// uptake whose Km is near the pO₂ between them, so each Newton step changes the system it solves.
const N = 64;
const H = 4;
const P0 = 40;
const MOST = 4;

interface Solved {
  u: Float32Array;
  /** ‖r‖/‖f‖ after the last step that ran, and the gate's checks above τ. */
  residual: number;
  above: number;
}

async function solve(gpu: Gpu, newton: number, tolerance: number): Promise<Solved> {
  const device = gpu.device;
  const oxygen = new Oxygen(new MultigridKernels(device), oxygenKernel(device), {
    label: 'test.oxygenTolerance', nx: N, ny: N, hMicrons: H, diffusivityUm2PerS: 2000, maxUptakeMmHgPerS: 5, kmMmHg: 20, nusselt: 2.5,
  }, { dots: new DotKernels(device), gates: new GateKernels(device), tolerance });
  const cells = N * N;
  const density = new Float32Array(cells).fill(1);
  const vessel = new Float32Array(4 * cells);
  for (let j = 4; j < N; j += 8) for (let i = 4; i < N; i += 8) vessel.set([20, P0, 0, 0], 4 * (j * N + i));
  writeF32(device, oxygen.density, density);
  writeF32(device, oxygen.vessel, vessel);
  writeF32(device, oxygen.perfusion, new Float32Array(cells).fill(1));
  writeF32(device, oxygen.pO2, new Float32Array(cells).fill(P0));
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  // One V-cycle a Newton step, so a check ends each step.
  oxygen.solve(pass, newton, 1);
  pass.end();
  device.queue.submit([encoder.finish()]);
  const u = await readF32(device, oxygen.pO2, cells);
  const s = new Float32Array(await readBuffer(device, oxygen.scalars!));
  oxygen.destroy();
  return { u, residual: Math.sqrt(s[NEWTON_SLOTS.rr] / s[NEWTON_SLOTS.ff]), above: s[NEWTON_SLOTS.above] };
}

describe('oxygen Newton steps to a tolerance', () => {
  const gpu = useGpu();
  // Below the fp32 floor: every step recorded runs, as without a gate.
  const EVERY = 1e-12;

  it('stops after the first step that leaves ‖r‖ ≤ τ‖f‖, with what an ungated solve of that many steps gives', async () => {
    await scoped(gpu(), async () => {
      const ungated = [];
      for (let k = 1; k <= 2; k++) ungated.push(await solve(gpu(), k, EVERY));
      const [r1, r2] = ungated.map((s) => s.residual);
      expect(ungated.map((s) => s.above)).toEqual([1, 2]);
      // Newton around a multigrid solve: the second step leaves far less than the first.
      expect(r2).toBeLessThan(r1 / 10);
      // τ above what one step leaves: one step; between one's and two's: two steps.
      for (const [tolerance, steps] of [[10 * r1, 1], [Math.sqrt(r1 * r2), 2]]) {
        const gated = await solve(gpu(), MOST, tolerance);
        expect(gated.above).toBe(steps - 1);
        expect(gated.residual).toBe(ungated[steps - 1].residual);
        expect(gated.u).toEqual(ungated[steps - 1].u);
      }
    });
  });

  it('counts a solve that ends above τ: every check above it', async () => {
    const gated = await scoped(gpu(), () => solve(gpu(), 2, EVERY));
    expect(gated.above).toBe(2);
    expect(gated.residual).toBeGreaterThan(EVERY);
  });
});
