// What one step records, stage by stage: the step itself (Simulation.recordStep, one submission
// as step() makes it), with every dispatch, pass, submission, copy and upload counted.
import { CountingRecorder, WorkCounter, emptyCount, type WorkCount } from '../gpu/work-count.ts';
import { STEP_STAGES, type Simulation, type StageName } from './simulation.ts';

export interface StepCount {
  /** Every stage in step order (work recorded before the first stage goes to the first). */
  stages: { stage: StageName; count: WorkCount }[];
  total: WorkCount;
}

/** Advances `sim` by one step, exactly as step() would, and counts what it recorded. */
export async function countStep(sim: Simulation): Promise<StepCount> {
  const counter = new WorkCounter<StageName>(sim.gpu.device);
  try {
    await sim.recordStep(new CountingRecorder(sim.gpu.device, `Count.step ${sim.steps}`, counter));
  } finally {
    counter.uninstall();
  }
  const before = counter.stages.get('before');
  const stages = STEP_STAGES.map((stage) => ({ stage, count: { ...(counter.stages.get(stage) ?? emptyCount()) } }));
  if (before) {
    const first = stages.find((s) => counter.stages.has(s.stage)) ?? stages[0];
    for (const k of Object.keys(before) as (keyof WorkCount)[]) first.count[k] += before[k];
  }
  return { stages, total: counter.total };
}
