// `confine run --checkpoint-every` on a disk that fills: on small tmpfs mounts (real ENOSPC, no
// mock), sized from an uninterrupted run's files, the run stops with one error line naming the
// file it could not write, the reason, and the last good checkpoint with the command that goes on
// from it; every output it leaves is whole, no temporary is left, and going on from that
// checkpoint (on a disk with room) ends with the uninterrupted run's files byte for byte. An output
// directory on a read-only file system is refused before the run starts. Mounting needs root.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../src/io/checkpoint-file.ts';
import { SMALL_RUN_SCENARIO, confine, errorLines, expectSameOutputs, partialOutputs, writerTemporaries, type Exit } from './whole-outputs.ts';

const PAGE = 4096;
/** Half the scenario's 12 steps: each run costs less, and the resume command must carry --steps. */
const STEPS = 6;

describe('confine run on a disk that fills', () => {
  let root = '';
  let scenario = '';
  let reference = '';
  const mounted: string[] = [];

  /** A fresh tmpfs at ROOT/NAME with the mount options given. */
  async function disk(name: string, options: string): Promise<string> {
    const dir = join(root, name);
    await mkdir(dir);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      const why = ((error as { stderr?: Buffer }).stderr?.toString() || (error as Error).message).trim();
      throw new Error(`disk-full.test.ts needs root to mount a tmpfs (mount -t tmpfs -o ${options} tmpfs ${dir}: ${why})`);
    }
    mounted.push(dir);
    return dir;
  }

  const run = (dir: string, every = 1) => confine([scenario, '--out', dir, '--checkpoint-every', String(every), '--steps', String(STEPS)]);

  /**
   * The run stopped on a failed write of `file` in `dir` with one clear line, and left only whole
   * files there; returns the step of the checkpoint it left.
   */
  async function expectStoppedOnFullDisk(exit: Exit, dir: string, file: RegExp, every = 1): Promise<number> {
    expect(exit.killed).toBe(false);
    expect(exit.code, exit.stderr).not.toBe(0);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
    const lines = errorLines(exit);
    expect(lines, exit.stderr).toHaveLength(1);
    const checkpoint = join(dir, 'checkpoint.ckpt');
    const [, written, step, day] = /^error: cannot write (\S+): no space left on device \(ENOSPC\); the last good checkpoint is \S+ \(step (\d+), day (\d+\.\d\d)\)/.exec(lines[0]!) ?? [];
    expect(written, lines[0]).toMatch(file);
    expect(written!.startsWith(`${dir}/`)).toBe(true);
    expect(lines[0]).toContain(`the last good checkpoint is ${checkpoint} (step`);
    expect(lines[0]).toContain(`confine run --resume ${checkpoint} --out ${dir} --checkpoint-every ${every} --steps ${STEPS}`);
    expect(await partialOutputs(dir)).toEqual([]);
    expect(await writerTemporaries(dir)).toEqual([]);
    const state = decodeCheckpoint(await readFile(checkpoint), checkpoint).state as { steps: number; timeMinutes: number };
    expect([state.steps, (state.timeMinutes / 1440).toFixed(2)]).toEqual([Number(step), day]);
    return state.steps;
  }

  /** Going on from the checkpoint left in `dir`, copied to a disk with room, ends as the reference. */
  async function expectResumesWhole(dir: string): Promise<void> {
    const copy = `${dir}-resumed`;
    await cp(dir, copy, { recursive: true });
    const exit = await confine(['--resume', join(copy, 'checkpoint.ckpt'), '--out', copy, '--checkpoint-every', '1', '--steps', String(STEPS)]);
    expect(exit.code, exit.stderr).toBe(0);
    await expectSameOutputs(copy, reference);
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'confine-disk-full-'));
    scenario = join(root, 'scenario.json');
    await writeFile(scenario, JSON.stringify(SMALL_RUN_SCENARIO));
    reference = join(root, 'reference');
    expect((await run(reference)).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    for (const dir of mounted.reverse()) execFileSync('umount', [dir]);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('stops when a checkpoint does not fit, keeping the one before it', async () => {
    // Room for the largest checkpoint (the last: they grow with the cells, 593 to 663 kB over these
    // steps) and 64 KiB more, not for two: the old checkpoint stays until its replacement is
    // whole, so the second one fails.
    const largest = (await stat(join(reference, 'checkpoint.ckpt'))).size;
    const kib = Math.ceil((largest + 16 * PAGE) / PAGE) * (PAGE / 1024);
    const dir = await disk('checkpoint-full', `size=${kib}k`);
    const step = await expectStoppedOnFullDisk(await run(dir), dir, /\/checkpoint\.ckpt$/);
    console.log(`disk-full: a ${kib} KiB disk (largest checkpoint ${largest} B) stopped the run writing checkpoint.ckpt, step ${step} kept`);
    await expectResumesWhole(dir);
  }, 60_000);

  it('stops when the field images at the end do not fit, keeping the final checkpoint', async () => {
    // Files, not bytes, run out: four inodes are the directory, metrics.csv, checkpoint.ckpt and
    // one file being written, so fields.vti fits and the first PNG after it does not.
    const dir = await disk('images-full', 'size=8m,nr_inodes=4');
    const step = await expectStoppedOnFullDisk(await run(dir), dir, /\/[a-z0-9-]+\.png$/);
    // Going on from the final checkpoint is kill-mid-write.test.ts's, after kills at these files.
    expect(step).toBe(STEPS);
  }, 60_000);

  it('stops when metrics.csv cannot be rewritten, keeping its last whole version', async () => {
    // Three inodes: the directory, metrics.csv and one file being written. The checkpoint at step
    // 4 fits while nothing else is being written; the rows that come next (a sample a step, read
    // back by the end of step 6) then cannot be.
    const dir = await disk('metrics-full', 'size=8m,nr_inodes=3');
    expect(await expectStoppedOnFullDisk(await run(dir, 4), dir, /\/metrics\.csv$/, 4)).toBe(4);
  }, 60_000);

  it('refuses an output directory on a read-only file system before the run starts', async () => {
    const dir = await disk('read-only', 'ro,size=64k');
    const exit = await confine([scenario, '--out', dir]);
    expect(exit.code).toBe(2);
    expect(exit.stderr.trim().split('\n')).toEqual([`error: --out ${dir} cannot be used as the output directory (EROFS: read-only file system, access '${dir}')`]);
  });
});
