// Times one case at one size: build, warm-up runs (pipelines compiled, solvers warm, the first
// cold step out of the way), then repeats, each the wall time from the start of recording to
// onSubmittedWorkDone (a step's encoding is part of its cost) divided by the updates the run
// records. Inside validation and
// out-of-memory scopes: a benchmark that raised a GPU error measured nothing.
import type { Gpu } from '../gpu/device.ts';
import { idle, type BenchCase, type CaseInstance, type Figure, type StageCount, type StageProfile } from './case.ts';

export interface Timing {
  instance: Pick<CaseInstance, 'gridCells' | 'agents' | 'updatesPerRun' | 'bytesPerUpdate' | 'dtMinutes'>;
  ms: number[];
  stages?: StageProfile;
  commands?: StageCount;
}

export async function timeCase(gpu: Gpu, bench: BenchCase, size: number, warmup: number, repeats: number): Promise<Timing> {
  gpu.device.pushErrorScope('validation');
  gpu.device.pushErrorScope('out-of-memory');
  let timing: Timing | undefined;
  let failure: unknown;
  try {
    const instance = await bench.build(gpu, size);
    try {
      const ms: number[] = [];
      for (let r = 0; r < warmup + repeats; r++) {
        const start = performance.now();
        await instance.run();
        await idle(gpu);
        if (r >= warmup) ms.push((performance.now() - start) / instance.updatesPerRun);
      }
      const stages = instance.profile ? await instance.profile() : undefined;
      const commands = instance.count ? await instance.count() : undefined;
      timing = { instance, ms, stages, commands };
    } finally {
      instance.destroy();
    }
  } catch (error) {
    failure = error;
  }
  const oom = await gpu.device.popErrorScope();
  const invalid = await gpu.device.popErrorScope();
  if (oom || invalid) throw new Error(`${bench.name} at ${size}: ${(oom ?? invalid)!.message}`);
  if (!timing) throw failure;
  return timing;
}

/** A figure from the median seconds of one update. */
export function figure(f: Figure, t: Timing['instance'], seconds: number): number {
  switch (f) {
    case 'gridCellUpdatesPerSecond': return t.gridCells / seconds;
    case 'agentUpdatesPerSecond': return t.agents / seconds;
    case 'stepsPerSecond': return 1 / seconds;
    case 'simulatedDaysPerWallMinute': return ((t.dtMinutes ?? NaN) / 1440) * (60 / seconds);
    case 'achievedGBps': return (t.bytesPerUpdate ?? NaN) / seconds / 1e9;
    case 'dispatchesPerSecond': return 1 / seconds;
  }
}
