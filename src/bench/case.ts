// What a benchmark case is: a name, the sizes it runs at, how to build it at one size, and what
// one timed 'update' is. Both runners (Node and the browser page) run the same cases.
import type { Gpu } from '../gpu/device.ts';
import type { StepProfile } from '../sim/profile-step.ts';
import type { StepCount } from '../sim/count-step.ts';

/** Sizes are grid sides n (an n² grid) or numbers of agents. */
export type SizeAxis = 'grid' | 'agents';

/** Figures derived from the median time of one update (suite.ts computes them). */
export type Figure =
  | 'gridCellUpdatesPerSecond'
  | 'agentUpdatesPerSecond'
  | 'stepsPerSecond'
  | 'simulatedDaysPerWallMinute'
  | 'achievedGBps'
  | 'dispatchesPerSecond';

/** Where one step's time goes, as profileStep (src/sim/profile-step.ts) reports it. */
export type StageProfile = StepProfile;

/** What one step records, stage by stage, as countStep (src/sim/count-step.ts) counts it. */
export type StageCount = StepCount;

/** One case built at one size, ready to be timed. */
export interface CaseInstance {
  gridCells: number;
  /** Agents when the case is built (the seeded population; 0 where there are none). */
  agents: number;
  /**
   * Updates recorded by one timed run. Kernel cases batch several into one submission so the
   * cost of a submission and its wait, which on a GPU exceeds one sweep at 256², is shared out.
   */
  updatesPerRun: number;
  /** Bytes one update must move through memory, where the case is bandwidth-bound by design. */
  bytesPerUpdate?: number;
  /** Simulated minutes one update advances (whole steps only). */
  dtMinutes?: number;
  /** Records and submits one run; the runner then waits for the queue. */
  run(): Promise<void>;
  /** Where one more update's time goes, taken after the timed runs. */
  profile?(): Promise<StageProfile>;
  /** What one more update records (dispatches, passes, submissions, bytes copied), taken after the profile. */
  count?(): Promise<StageCount>;
  destroy(): void;
}

export interface BenchCase {
  name: string;
  /** What one update is, in words (goes into the JSON). */
  update: string;
  axis: SizeAxis;
  figures: readonly Figure[];
  sizes: { full: number[]; smoke: number[] };
  /** Runs its own sizes whatever sizes the runner is given (a probe whose sizes are not a grid to scale). */
  ownSizes?: boolean;
  build(gpu: Gpu, size: number): Promise<CaseInstance>;
}

/** Waits until the GPU has finished everything submitted so far. */
export function idle(gpu: Gpu): Promise<undefined> {
  return gpu.device.queue.onSubmittedWorkDone();
}

/** A run that records `record` `times` times into one compute pass and submits it. */
export function passRun(gpu: Gpu, label: string, record: (pass: GPUComputePassEncoder) => void, times = 1): () => Promise<void> {
  return async () => {
    const encoder = gpu.device.createCommandEncoder({ label });
    const pass = encoder.beginComputePass({ label });
    for (let i = 0; i < times; i++) record(pass);
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);
  };
}

export const GRID_SIZES = { full: [256, 512, 1024, 2048], smoke: [32, 64] };
export const AGENT_COUNTS = { full: [10_000, 100_000, 1_000_000], smoke: [200, 2000] };
