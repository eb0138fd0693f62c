// A profiled step is a step: the same fields, cells and ledgers as step(), bit for bit, with
// either timing method, and a breakdown that names every stage with times that add up.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/model/scenario.ts';
import { formatProfile, profileStep, type StepProfile } from '../../src/sim/profile-step.ts';
import { STEP_STAGES, Simulation } from '../../src/sim/simulation.ts';
import { snapshot } from '../../src/sim/snapshot.ts';
import type { Gpu } from '../../src/gpu/device.ts';
import { scoped, useGpu } from './fixture.ts';
import { SMALL_TUMOUR_JSON } from './small-tumour.ts';

const scenario = parseScenario(SMALL_TUMOUR_JSON);
const STEPS = 3;

async function finalState(gpu: Gpu, advance: (sim: Simulation, step: number) => Promise<void>) {
  return scoped(gpu, async () => {
    const sim = new Simulation(gpu, scenario);
    for (let s = 0; s < STEPS; s++) await advance(sim, s);
    const fields = await snapshot(sim);
    const samples = await sim.cells!.drain();
    const now = await sim.cells!.sampleNow(sim.steps, sim.timeMinutes);
    const agents = await sim.cells!.readAgents();
    sim.destroy();
    return { fields, samples, now, agents };
  });
}

type State = Awaited<ReturnType<typeof finalState>>;

function bits(a: Float32Array | Uint32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}

function differing(a: Float32Array | Uint32Array, b: Float32Array | Uint32Array): number {
  const x = bits(a), y = bits(b);
  let n = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) n++;
  return n;
}

describe('profileStep', () => {
  const gpu = useGpu();
  const profiles: StepProfile[] = [];
  let compared: Promise<readonly [State, State]> | undefined;
  // One after the other: the wall method must not see the other simulation's work. Step 1 forces
  // the wall method; the others take the default (timestamps where the device has them).
  const run = () => (compared ??= (async () => [
    await finalState(gpu(), (sim) => sim.step()),
    await finalState(gpu(), async (sim, s) => void profiles.push(await profileStep(sim, s === 1 ? { method: 'wall' } : {}))),
  ] as const)());

  it('advances the simulation exactly as step() does', async () => {
    const [stepped, profiled] = await run();
    expect(profiled.fields.map((f) => f.name)).toEqual(stepped.fields.map((f) => f.name));
    for (const [k, field] of stepped.fields.entries()) {
      expect(differing(profiled.fields[k].data, field.data), `field '${field.name}'`).toBe(0);
    }
    expect(profiled.samples).toEqual(stepped.samples);
    expect(profiled.samples.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(profiled.now).toEqual(stepped.now);
    expect(profiled.agents.cancer.count).toBe(stepped.agents.cancer.count);
    expect(differing(profiled.agents.cancer.body, stepped.agents.cancer.body)).toBe(0);
    expect(differing(profiled.agents.cancer.tag, stepped.agents.cancer.tag)).toBe(0);
    expect(differing(profiled.agents.nk.body, stepped.agents.nk.body)).toBe(0);
  }, 120_000);

  it('names every stage, in order, with non-negative times that add up to at most the step', async () => {
    await run();
    expect(profiles.map((p) => p.method)).toEqual([gpu().hasTimestamps ? 'timestamp' : 'wall', 'wall', gpu().hasTimestamps ? 'timestamp' : 'wall']);
    for (const p of profiles) {
      console.log(formatProfile(p));
      expect(p.stages.map((s) => s.stage)).toEqual([...STEP_STAGES]);
      for (const s of p.stages) expect(s.ms, s.stage).toBeGreaterThanOrEqual(0);
      const sum = p.stages.reduce((total, s) => total + s.ms, 0);
      // Timestamp stages tile the step exactly (up to rounding); wall ones leave the CPU's gaps out.
      expect(sum).toBeLessThanOrEqual(p.totalMs * (1 + 1e-9) + 1e-9);
      // The stress solve takes most of a step here; even rounded timestamps cannot make it 0.
      expect(p.stages.find((s) => s.stage === 'stress')!.ms).toBeGreaterThan(0);
    }
  }, 120_000);

  it('times each stage as its own submission with the wall method', async () => {
    await run();
    const wall = profiles[1];
    expect(wall.method).toBe('wall');
    // Every physics is on and metrics are due every step, so every stage waited for the GPU.
    for (const s of wall.stages) expect(s.ms, s.stage).toBeGreaterThan(0);
  }, 120_000);
});
