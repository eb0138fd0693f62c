// A sweep run with checkpoints, stopped in the middle and started again, goes on from its last
// checkpoint and ends with the record of a run never stopped.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SCENARIO_JSON } from '../../src/model/scenario.ts';
import { expandPlan, parsePlan } from '../../src/sweep/plan.ts';
import { comparable } from '../../src/sweep/results-file.ts';
import { checkpointFile, executeRun, type RunContext } from '../../src/sweep/run-one.ts';
import { useGpu } from './fixture.ts';

const PLAN = parsePlan({
  name: 'checkpointed',
  parameters: { nx: 32, ny: 32, dxMicrons: 40, tumourRadiusMicrons: 400, stromaWidthMicrons: 120, durationDays: 2, dtMinutes: 240, smacDoseNM: 50, smacFirstDoseDay: 0.5 },
  vary: { softenerDoseRelative: [1] },
  readouts: ['live_tissue', 'mean_smac_effect', 'tumour_mean_stress', 'extravasated'],
}, { source: 'default', json: DEFAULT_SCENARIO_JSON });
const [RUN] = expandPlan(PLAN);

class Killed extends Error {}

describe('sweep run checkpoints', () => {
  const gpu = useGpu();

  it('a run stopped after step 7 goes on from its step-6 checkpoint to the straight result', async () => {
    const ctx = (extra: Partial<RunContext>): RunContext => ({ gpu: gpu(), plan: PLAN, scenarioDir: '.', adapter: 'test', software: 'test', ...extra });
    const straight = await executeRun(RUN!, ctx({}));
    expect(straight.status).toBe('ok');
    expect(straight.steps).toBe(12);

    const dir = mkdtempSync(join(tmpdir(), 'confine-sweep-ckpt-'));
    const every = { dir, every: { steps: 3 } };
    let taken = 0;
    await expect(executeRun(RUN!, ctx({
      checkpoints: every,
      onStep: (n) => {
        taken += n;
        if (taken === 7) throw new Killed('stopped');
      },
    }))).rejects.toBeInstanceOf(Killed);
    expect(existsSync(checkpointFile(dir, RUN!))).toBe(true);

    const credits: number[] = [];
    const resumed = await executeRun(RUN!, ctx({ checkpoints: every, onStep: (n) => credits.push(n) }));
    expect(credits[0]).toBe(6);
    expect(credits.slice(1)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(comparable(resumed)).toEqual(comparable(straight));
  });

  it('a damaged checkpoint is reported and the run starts over, to the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confine-sweep-ckpt-'));
    writeFileSync(checkpointFile(dir, RUN!), 'CONFINE-CHECKPOINT 1\nnot a checkpoint');
    const credits: number[] = [];
    const record = await executeRun(RUN!, { gpu: gpu(), plan: PLAN, scenarioDir: '.', adapter: 'test', software: 'test', checkpoints: { dir, every: { steps: 100 } }, onStep: (n) => credits.push(n) });
    expect(credits).toEqual(Array(12).fill(1));
    expect(record.status).toBe('ok');
  });
});
