// One simulation on the page's GPU, and what it takes to get it back after device loss: the
// scenario it started from and every live parameter change with the step it took effect at.
// Replaying those on a fresh device reproduces the lost state exactly (a run is deterministic
// for a scenario and seed on one adapter), so a lost device costs time, not the run.
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { Simulation } from '../sim/simulation.ts';

export interface RunnerHooks {
  lost(info: GPUDeviceLostInfo): void;
  gpuError(message: string): void;
}

interface Change {
  step: number;
  params: Params;
}

/** Steps replayed between progress reports (and waits for the GPU, so the queue stays short). */
const REPLAY_BATCH = 8;

export class Runner {
  private changes: Change[] = [];

  private constructor(public gpu: Gpu, public sim: Simulation, private initial: Scenario, private readonly hooks: RunnerHooks) {}

  static async start(scenario: Scenario, hooks: RunnerHooks): Promise<Runner> {
    const gpu = await Runner.acquire(hooks);
    return new Runner(gpu, new Simulation(gpu, scenario), scenario, hooks);
  }

  private static acquire(hooks: RunnerHooks): Promise<Gpu> {
    return acquireGpu({ onLost: (info) => hooks.lost(info), onError: (e) => hooks.gpuError(e.message) });
  }

  get done(): boolean {
    return this.sim.steps >= this.sim.stepCount;
  }

  get day(): number {
    return this.sim.timeMinutes / 1440;
  }

  step(): Promise<void> {
    return this.sim.step();
  }

  /** Live parameters from the next step on; throws (changing nothing) if any needs a rebuild or is out of range. */
  applyLive(params: Params): void {
    this.sim.updateParameters(params);
    this.changes.push({ step: this.sim.steps, params: { ...params } });
  }

  /** A new run of `scenario` on the same device, built before the running one is dropped. */
  rebuild(scenario: Scenario): void {
    const next = new Simulation(this.gpu, scenario);
    this.sim.destroy();
    this.sim = next;
    this.initial = scenario;
    this.changes = [];
  }

  /** A fresh device, and the run replayed to the step it had reached. */
  async recover(progress: (day: number, targetDay: number) => void): Promise<void> {
    const target = this.sim.steps;
    const targetDay = this.day;
    this.gpu = await Runner.acquire(this.hooks);
    this.sim = new Simulation(this.gpu, this.initial);
    let next = 0;
    while (this.sim.steps < target) {
      while (next < this.changes.length && this.changes[next]!.step === this.sim.steps) this.sim.updateParameters(this.changes[next++]!.params);
      await this.sim.step();
      if (this.sim.steps % REPLAY_BATCH === 0) {
        await this.gpu.device.queue.onSubmittedWorkDone();
        progress(this.day, targetDay);
      }
    }
    while (next < this.changes.length) this.sim.updateParameters(this.changes[next++]!.params);
  }

  destroy(): void {
    this.sim.destroy();
    this.gpu.destroy();
  }
}
