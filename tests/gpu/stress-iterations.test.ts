// The stress solve records as many CG iterations as the solve two steps back needed plus a
// margin (src/sim/solve-planner.ts), each solve stops at its tolerance, and none ends
// unconverged on the default tumour shrunk to 48² cells of 50 µm; the oxygen solves' log
// counts the V-cycles each step ran, within what it recorded (as many as the solve two steps
// back ran plus 1), none unconverged.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/model/scenario.ts';
import { OXYGEN_CYCLES, OXYGEN_NEWTON, OXYGEN_PLAN, OXYGEN_TOLERANCE, STRESS_ITERATIONS, STRESS_PLAN, STRESS_TOLERANCE } from '../../src/sim/solve-mode.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { scoped, useGpu } from './fixture.ts';
import { SMALL_TUMOUR_JSON } from './small-tumour.ts';

const scenario = parseScenario(SMALL_TUMOUR_JSON);
const STEPS = 12;

describe('stress iterations recorded', () => {
  const gpu = useGpu();

  it('follow what the solve two steps back needed, and every solve reaches its tolerance', async () => {
    const { planned, samples } = await scoped(gpu(), async () => {
      const sim = new Simulation(gpu(), scenario);
      const planned: number[] = [];
      for (let s = 0; s < STEPS; s++) {
        planned.push(await sim.mechanics!.iterationsFor(s));
        await sim.step();
      }
      const samples = await sim.cells!.drain();
      sim.destroy();
      return { planned, samples };
    });
    const log = samples.map((s) => s.stressSolves!);
    expect(log).toHaveLength(STEPS);
    const done = log.map((l, s) => l.iterations - (s ? log[s - 1].iterations : 0));
    const limits = STRESS_ITERATIONS.adaptive;
    expect(planned.slice(0, 2)).toEqual([limits.first, limits.warm]);
    for (let s = 2; s < STEPS; s++) expect(planned[s]).toBe(Math.min(limits.warm, done[s - 2] + STRESS_PLAN.margin));
    for (let s = 0; s < STEPS; s++) expect(done[s]).toBeLessThanOrEqual(planned[s]);
    expect(log.at(-1)!.unconverged).toBe(0);
    expect(log.at(-1)!.worstResidual).toBeLessThanOrEqual(STRESS_TOLERANCE);
    expect(log.at(-1)!.solves).toBe(STEPS);
    const oxygen = samples.map((s) => s.oxygenSolves!);
    const cycles = oxygen.map((l, s) => l.cycles - (s ? oxygen[s - 1].cycles : 0));
    // The first solve, from a uniform field, runs every cycle; later ones 1 up to the most recorded.
    expect(cycles[0]).toBe(OXYGEN_NEWTON.first * OXYGEN_CYCLES);
    const recorded = cycles.map((_, s) => (s < 2 ? OXYGEN_PLAN.limits[s === 0 ? 'first' : 'warm'] : Math.min(OXYGEN_PLAN.limits.warm, cycles[s - 2] + OXYGEN_PLAN.margin)));
    for (let s = 1; s < STEPS; s++) {
      expect(cycles[s]).toBeGreaterThanOrEqual(1);
      expect(cycles[s]).toBeLessThanOrEqual(recorded[s]);
      expect(oxygen[s].lastCycles).toBe(cycles[s]);
      expect(oxygen[s].previousCycles).toBe(cycles[s - 1]);
    }
    expect(oxygen.at(-1)!.unconverged).toBe(0);
    expect(oxygen.at(-1)!.residual).toBeLessThanOrEqual(OXYGEN_TOLERANCE);
    console.log(`iterations done ${done.join(' ')}; recorded ${planned.join(' ')}; oxygen cycles ${cycles.join(' ')}, recorded ${recorded.join(' ')}`);
  }, 120_000);
});
