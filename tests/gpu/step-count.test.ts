// The work counter counts what is recorded, exactly, and nothing once uninstalled; a counted step
// is the step, bit for bit; warm steps record the same work, and the stages add up to it.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/gpu/kernel.ts';
import { WorkCounter } from '../../src/gpu/work-count.ts';
import { parseScenario } from '../../src/model/scenario.ts';
import { countStep, type StepCount } from '../../src/sim/count-step.ts';
import { OXYGEN_NEWTON, OXYGEN_PLAN, STRESS_ITERATIONS } from '../../src/sim/solve-mode.ts';
import { CHEBYSHEV_STEPS } from '../../src/solvers/elasticity/chebyshev.ts';
import { STEP_STAGES, Simulation } from '../../src/sim/simulation.ts';
import { snapshot } from '../../src/sim/snapshot.ts';
import type { Gpu } from '../../src/gpu/device.ts';
import { scoped, useGpu } from './fixture.ts';
import { SMALL_TUMOUR_JSON } from './small-tumour.ts';

const json = SMALL_TUMOUR_JSON;
const scenario = parseScenario(json);
const STEPS = 3;

async function finalState(gpu: Gpu, advance: (sim: Simulation) => Promise<void>) {
  return scoped(gpu, async () => {
    const sim = new Simulation(gpu, scenario);
    for (let s = 0; s < STEPS; s++) await advance(sim);
    const fields = await snapshot(sim);
    const agents = await sim.cells!.readAgents();
    const samples = await sim.cells!.drain();
    sim.destroy();
    return { fields, agents, samples };
  });
}

const bits = (a: Float32Array | Uint32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('WorkCounter', () => {
  const gpu = useGpu();

  it('counts dispatches, workgroups, bytes bound, passes, copies, uploads and submissions exactly, and stops when uninstalled', async () => {
    const device = gpu().device;
    const kernel = new Kernel(device, {
      label: 'Count.touch',
      code: '@group(0) @binding(0) var<storage, read> a: array<f32>; @group(0) @binding(1) var<storage, read_write> b: array<f32>;\n'
        + '@compute @workgroup_size(1) fn main() { b[0] = a[0]; }',
      bindings: ['a', 'b'],
    });
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    const a = device.createBuffer({ size: 256, usage });
    const b = device.createBuffer({ size: 512, usage });
    const group = kernel.bind('a → b', { a, b });
    const record = () => {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      kernel.dispatch(pass, group, 4, 2);
      kernel.dispatch(pass, group, 3);
      pass.end();
      encoder.copyBufferToBuffer(a, 0, b, 0, 64);
      device.queue.writeBuffer(a, 0, new Float32Array(4));
      device.queue.writeBuffer(a, 16, new Float32Array(8), 2, 3);
      device.queue.submit([encoder.finish()]);
    };
    const counter = new WorkCounter<'one'>(device);
    try {
      counter.stage('one');
      record();
    } finally {
      counter.uninstall();
    }
    record();
    await device.queue.onSubmittedWorkDone();
    expect(counter.stages.get('one')).toEqual({
      dispatches: 2, indirectDispatches: 0, workgroups: 11, movedBytes: 2 * (256 + 2 * 512), passes: 1, submissions: 1, copies: 1, copiedBytes: 64, uploadedBytes: 28,
    });
    expect(counter.stages.has('before')).toBe(false);
    a.destroy();
    b.destroy();
  });
});

describe('countStep', () => {
  const gpu = useGpu();
  const counts: StepCount[] = [];
  let compared: Promise<readonly [Awaited<ReturnType<typeof finalState>>, Awaited<ReturnType<typeof finalState>>]> | undefined;
  const run = () => (compared ??= (async () => [
    await finalState(gpu(), (sim) => sim.step()),
    await finalState(gpu(), async (sim) => void counts.push(await countStep(sim))),
  ] as const)());

  it('advances the simulation exactly as step() does', async () => {
    const [stepped, counted] = await run();
    for (const [k, field] of stepped.fields.entries()) expect(bits(counted.fields[k].data), `field '${field.name}'`).toEqual(bits(field.data));
    expect(bits(counted.agents.cancer.body)).toEqual(bits(stepped.agents.cancer.body));
    expect(counted.samples).toEqual(stepped.samples);
  }, 120_000);

  it('records each step in one submission, the stages adding up to the step, and no more solve work on later warm steps', async () => {
    await run();
    const [first, second, third] = counts;
    for (const c of counts) {
      console.log(c.stages.map((s) => `${s.stage} ${s.count.dispatches}`).join(', '), `→ ${c.total.dispatches} dispatches, ${c.total.passes} passes`);
      expect(c.stages.map((s) => s.stage)).toEqual([...STEP_STAGES]);
      expect(c.stages.reduce((n, s) => n + s.count.dispatches, 0)).toBe(c.total.dispatches);
      expect(c.total.submissions).toBe(1);
      // Every physics runs a kernel each step.
      for (const stage of ['material', 'stress', 'perfusion', 'transport', 'cells']) {
        expect(c.stages.find((s) => s.stage === stage)!.count.dispatches, stage).toBeGreaterThan(0);
      }
    }
    // The first step solves the stress and oxygen cold, with more iterations. Later warm steps
    // record what the solves two steps back needed plus a margin (sim/solve-planner.ts): the
    // same work outside the two solves, and in them no more than the first warm step's limits.
    expect(first.total.dispatches).toBeGreaterThan(second.total.dispatches);
    const of = (c: StepCount, stage: string) => c.stages.find((s) => s.stage === stage)!.count;
    for (const stage of STEP_STAGES) {
      if (stage === 'stress' || stage === 'transport') expect(of(third, stage).dispatches, stage).toBeLessThanOrEqual(of(second, stage).dispatches);
      else expect(of(third, stage), stage).toEqual(of(second, stage));
    }
  }, 120_000);

  it('spends 11 stress dispatches a multigrid level above the coarse cycle per CG iteration recorded, and 2 transport dispatches per V-cycle, plus their coarsening', async () => {
    await run();
    // The same tissue on a grid twice as fine has one more level in each solve.
    const finer = parseScenario({ ...json, parameters: { ...json.parameters, nx: 96, ny: 96, dxMicrons: 25 } });
    const warm = await scoped(gpu(), async () => {
      const sim = new Simulation(gpu(), finer);
      await sim.step();
      const c = await countStep(sim);
      sim.destroy();
      return c;
    });
    const stress = (c: StepCount) => c.stages.find((s) => s.stage === 'stress')!.count.dispatches;
    // 96² has 96 and 48 above the coarse cycle (≤ 32 elements a side), 48² only 48: the warm CG
    // iterations recorded × (4 Chebyshev steps + residual + restrict + prolong + 4 steps) + 1
    // coarsening in the assembly.
    expect(stress(warm) - stress(counts[1])).toBe(STRESS_ITERATIONS.adaptive.warm * (2 * CHEBYSHEV_STEPS + 3) + 1);
    // The scalar fields' levels above their coarse cycle run in tiles: one dispatch down and one
    // up a V-cycle (solvers/multigrid.ts), and a coarsening at each Newton step's assembly; the
    // oxygen records its warm limit of V-cycles here.
    const transport = (c: StepCount) => c.stages.find((s) => s.stage === 'transport')!.count.dispatches;
    expect(transport(warm) - transport(counts[1])).toBe(OXYGEN_PLAN.limits.warm * 2 + OXYGEN_NEWTON.warm);
  }, 120_000);
});
