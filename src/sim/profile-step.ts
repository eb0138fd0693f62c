// Where a step's GPU time goes: one step of the simulation, timed stage by stage. It is the
// step itself (Simulation.recordStep), so the work and the results are step()'s; only the passes
// are split at stage boundaries, and with the 'wall' method each stage is its own submission.
import { stageTimer, type TimingMethod } from '../gpu/profiler.ts';
import { formatTable, type TableStyle } from '../io/table.ts';
import { STEP_STAGES, type Simulation, type StageName } from './simulation.ts';

export interface StepProfile {
  method: TimingMethod;
  /** Every stage in step order; one with nothing to do this step (physics off, metrics not due) has ms 0. */
  stages: { stage: StageName; ms: number }[];
  totalMs: number;
}

export interface ProfileOptions {
  /** Defaults to 'timestamp' where the device has timestamp-query, else 'wall'. */
  method?: TimingMethod;
}

/** Advances `sim` by one step, exactly as step() would, and reports each stage's GPU time. */
export async function profileStep(sim: Simulation, options: ProfileOptions = {}): Promise<StepProfile> {
  const timer = stageTimer<StageName>(sim.gpu, `Profile.step ${sim.steps}`, STEP_STAGES.length, options.method);
  await sim.recordStep(timer);
  const times = await timer.result();
  const ms = new Map(times.stages.map((s) => [s.stage, s.ms]));
  return { method: times.method, stages: STEP_STAGES.map((stage) => ({ stage, ms: ms.get(stage) ?? 0 })), totalMs: times.totalMs };
}

/** Stage, milliseconds and share of the step, then the whole step (named with the method). */
export function formatProfile(profile: StepProfile, style: TableStyle = 'text'): string {
  const share = (ms: number) => (profile.totalMs > 0 ? (100 * ms) / profile.totalMs : 0);
  const rows = [
    ...profile.stages.map(({ stage, ms }) => ({ stage, ms, share: share(ms) })),
    { stage: `step (${profile.method})`, ms: profile.totalMs, share: 100 },
  ];
  const fixed = (digits: number) => (value: string | number) => (value as number).toFixed(digits);
  return formatTable(rows, [
    { key: 'stage', header: 'stage' },
    { key: 'ms', header: 'ms', format: fixed(2) },
    { key: 'share', header: 'share of step %', format: fixed(1) },
  ], style);
}
