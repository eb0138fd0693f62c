// `confine run --checkpoint-every 1` killed (SIGKILL) at seeded moments spread over a whole run's
// wall time — start-up, mid-step, mid-checkpoint, mid-write of the outputs — leaves every output
// file absent or whole, and `--resume` (or a fresh start, when no checkpoint was written yet),
// killed again in some trials, ends with the uninterrupted run's files byte for byte and none of
// the temporaries a kill left behind. An output directory that cannot be made is a one-line
// error naming it.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_RUN_SCENARIO, confine, expectSameOutputs, partialOutputs, writerTemporaries } from './whole-outputs.ts';

/** About 16 s a trial on two shared cores (start-up is most of it), so the file stays under 90 s. */
const TRIALS = 4;
const SEED = 20240611;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('confine run killed anywhere', () => {
  let root = '';
  let scenario = '';
  let reference = '';
  /** The uninterrupted run's wall time, start-up and exit included: the span kills are drawn over. */
  let wallMs = 0;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'confine-kill-'));
    scenario = join(root, 'scenario.json');
    await writeFile(scenario, JSON.stringify(SMALL_RUN_SCENARIO));
    reference = join(root, 'reference');
    const started = performance.now();
    expect((await confine([scenario, '--out', reference, '--checkpoint-every', '1'])).code).toBe(0);
    wallMs = performance.now() - started;
  }, 60_000);
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('leaves only whole files, and resuming ends byte-identical to the uninterrupted run', async () => {
    const random = mulberry32(SEED);
    let beforeFirstCheckpoint = 0;
    let afterFirstCheckpoint = 0;
    let leftTemporaries = 0;
    const partial: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = join(root, `trial-${trial}`);
      const checkpoint = join(dir, 'checkpoint.ckpt');
      const fresh = [scenario, '--out', dir, '--checkpoint-every', '1'];
      const resume = ['--resume', checkpoint, '--out', dir, '--checkpoint-every', '1'];
      // Every trial is killed once; half of them are killed once more while they go on.
      const kills = [random() * wallMs, ...(random() < 0.5 ? [random() * wallMs] : [])];
      let exit = await confine(fresh, { kill: kills.shift() });
      while (exit.killed || kills.length) {
        if (exit.killed) {
          if (existsSync(checkpoint)) afterFirstCheckpoint++;
          else beforeFirstCheckpoint++;
          if ((await writerTemporaries(dir)).length) leftTemporaries++;
          partial.push(...(await partialOutputs(dir)).map((flaw) => `trial ${trial}: ${flaw}`));
        }
        exit = await confine(existsSync(checkpoint) ? resume : fresh, { kill: kills.shift() });
      }
      expect(exit.code, exit.stderr).toBe(0);
      await expectSameOutputs(dir, reference);
    }
    expect(partial).toEqual([]);
    // A kill drawn near the end can come after the run has exited; only real kills are counted.
    const kills = beforeFirstCheckpoint + afterFirstCheckpoint;
    console.log(`kill-anywhere: ${kills} kills at seeded times (${beforeFirstCheckpoint} during start-up before the first checkpoint, ${afterFirstCheckpoint} after), all resumed byte-identical; ${partial.length} partial files; ${leftTemporaries} kills left a writer's temporary, each removed by the run that went on`);
  }, 240_000);

  it('a run killed in a directory holding a finished run keeps a whole checkpoint to go on from', async () => {
    const dir = join(root, 'over-finished');
    await cp(reference, dir, { recursive: true });
    const checkpoint = join(dir, 'checkpoint.ckpt');
    // Mid-run: the new run has overwritten the old checkpoint a few times when it is killed.
    expect((await confine([scenario, '--out', dir, '--checkpoint-every', '1'], { kill: / 6\/12 / })).killed).toBe(true);
    expect(await partialOutputs(dir)).toEqual([]);
    expect(existsSync(checkpoint)).toBe(true);
    expect((await confine(['--resume', checkpoint, '--out', dir, '--checkpoint-every', '1'])).code).toBe(0);
    await expectSameOutputs(dir, reference);
  }, 60_000);

  it('an output directory that cannot be made is a one-line error naming it', async () => {
    const under = join(scenario, 'out');
    const exit = await confine([scenario, '--out', under]);
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain(under);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
  });
});
