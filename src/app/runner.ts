// One simulation on the page's GPU, and what it takes to get it back after device loss: where
// it started (a scenario at day 0, or a loaded checkpoint) and every live parameter change with
// the step it took effect at. Replaying those on a fresh device reproduces the lost state exactly
// (a run is deterministic for a scenario and seed on one adapter), so a lost device costs time,
// not the run. Steps and checkpoint captures go one at a time, so a capture is always between steps.
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { captureCheckpoint, restoreCheckpoint } from '../sim/checkpoint.ts';
import { Simulation } from '../sim/simulation.ts';

export interface RunnerHooks {
  lost(info: GPUDeviceLostInfo): void;
  gpuError(message: string): void;
}

interface Change {
  step: number;
  params: Params;
}

/** Where a replay starts: the scenario at day 0, or the bytes of the checkpoint the run was loaded from. */
type Origin = { scenario: Scenario } | { checkpoint: Uint8Array; source: string };

export interface Capture {
  bytes: Uint8Array<ArrayBuffer>;
  scenario: string;
  timeMinutes: number;
}

/** Steps replayed between progress reports (and waits for the GPU, so the queue stays short). */
const REPLAY_BATCH = 8;

export class Runner {
  private changes: Change[] = [];
  /** The last step or capture queued; the next waits for it. */
  private busy: Promise<unknown> = Promise.resolve();

  private constructor(public gpu: Gpu, public sim: Simulation, private origin: Origin, private readonly hooks: RunnerHooks) {}

  static async start(scenario: Scenario, hooks: RunnerHooks): Promise<Runner> {
    const gpu = await Runner.acquire(hooks);
    return new Runner(gpu, new Simulation(gpu, scenario), { scenario }, hooks);
  }

  /** Runs `work` once everything queued before it has finished. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.busy.then(work);
    this.busy = result.catch(() => undefined);
    return result;
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
    return this.exclusive(() => this.sim.step());
  }

  /** The running simulation's whole state, taken between two steps. */
  capture(): Promise<Capture> {
    return this.exclusive(async () => {
      const sim = this.sim;
      return { bytes: await captureCheckpoint(sim), scenario: sim.scenario.name, timeMinutes: sim.timeMinutes };
    });
  }

  /**
   * The run goes on from a checkpoint: built on this device first (a bad file throws and leaves
   * the running simulation as it was), swapped in between two steps, and `swapped` called at once
   * so the caller's view never meets a destroyed simulation. A device loss replays from `bytes`.
   */
  async loadCheckpoint(bytes: Uint8Array, source: string, swapped: () => void): Promise<void> {
    const next = await restoreCheckpoint(this.gpu, bytes, source);
    await this.exclusive(async () => {
      this.sim.destroy();
      this.sim = next;
      this.origin = { checkpoint: bytes, source };
      this.changes = [];
      swapped();
    });
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
    this.origin = { scenario };
    this.changes = [];
  }

  /** A fresh device, and the run replayed to the step it had reached. */
  async recover(progress: (day: number, targetDay: number) => void): Promise<void> {
    const target = this.sim.steps;
    const targetDay = this.day;
    this.gpu = await Runner.acquire(this.hooks);
    const origin = this.origin;
    this.sim = 'scenario' in origin ? new Simulation(this.gpu, origin.scenario) : await restoreCheckpoint(this.gpu, origin.checkpoint, origin.source);
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
