// `confine run --checkpoint-every 1` killed (SIGKILL) at seeded moments spread over a whole run's
// wall time — start-up, mid-step, mid-checkpoint, mid-write of the outputs — leaves every output
// file absent or whole, and `--resume` (or a fresh start, when no checkpoint was written yet),
// killed again in some trials, ends with the uninterrupted run's files byte for byte. An output
// directory that cannot be made is a one-line error naming it.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_JSON } from '../../src/model/scenario.ts';
import { outputFiles, partialOutputs } from './whole-outputs.ts';

/** The default tumour, small and short (12 steps), both drugs from day 0 so every output is written. */
const SCENARIO_JSON = {
  ...DEFAULT_SCENARIO_JSON, name: 'kill-anywhere',
  parameters: {
    ...DEFAULT_SCENARIO_JSON.parameters, nx: 32, ny: 32, dxMicrons: 40, durationDays: 2, dtMinutes: 240,
    tumourRadiusMicrons: 300, stromaWidthMicrons: 200, smacDoseNM: 200, smacFirstDoseDay: 0, softenerDoseRelative: 1,
  },
};
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

interface Exit { code: number | null; killed: boolean; stderr: string }

/**
 * Runs `confine run ARGS`, sent SIGKILL after `kill` milliseconds, or once its stderr matches
 * `kill`, unless it has ended by then.
 */
function confine(args: string[], kill?: number | RegExp): Promise<Exit> {
  const child = spawn(process.execPath, ['bin/confine.mjs', 'run', ...args], { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (kill instanceof RegExp && kill.test(stderr)) child.kill('SIGKILL');
  });
  const timer = typeof kill === 'number' ? setTimeout(() => child.kill('SIGKILL'), kill) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, killed: signal === 'SIGKILL', stderr });
    });
  });
}

// Between two uninterrupted runs only summary.json's wallSeconds differs (checked by hand); every
// other byte of every file is the same, so only that field is left out of the comparison.
async function comparable(dir: string, name: string): Promise<Buffer | string> {
  const bytes = await readFile(join(dir, name));
  if (name !== 'summary.json') return bytes;
  const { wallSeconds: _, ...rest } = JSON.parse(bytes.toString());
  return JSON.stringify(rest);
}

async function expectSameOutputs(dir: string, reference: string): Promise<void> {
  const names = await outputFiles(reference);
  expect(await outputFiles(dir)).toEqual(names);
  for (const name of names) {
    expect(await comparable(dir, name), `${dir}/${name}`).toEqual(await comparable(reference, name));
  }
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
    await writeFile(scenario, JSON.stringify(SCENARIO_JSON));
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
    const partial: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = join(root, `trial-${trial}`);
      const checkpoint = join(dir, 'checkpoint.ckpt');
      const fresh = [scenario, '--out', dir, '--checkpoint-every', '1'];
      const resume = ['--resume', checkpoint, '--out', dir, '--checkpoint-every', '1'];
      // Every trial is killed once; half of them are killed once more while they go on.
      const kills = [random() * wallMs, ...(random() < 0.5 ? [random() * wallMs] : [])];
      let exit = await confine(fresh, kills.shift());
      while (exit.killed || kills.length) {
        if (exit.killed) {
          if (existsSync(checkpoint)) afterFirstCheckpoint++;
          else beforeFirstCheckpoint++;
          partial.push(...(await partialOutputs(dir)).map((flaw) => `trial ${trial}: ${flaw}`));
        }
        exit = await confine(existsSync(checkpoint) ? resume : fresh, kills.shift());
      }
      expect(exit.code, exit.stderr).toBe(0);
      await expectSameOutputs(dir, reference);
    }
    expect(partial).toEqual([]);
    // A kill drawn near the end can come after the run has exited; only real kills are counted.
    const kills = beforeFirstCheckpoint + afterFirstCheckpoint;
    console.log(`kill-anywhere: ${kills} kills at seeded times (${beforeFirstCheckpoint} during start-up before the first checkpoint, ${afterFirstCheckpoint} after), all resumed byte-identical; ${partial.length} partial files`);
  }, 240_000);

  it('a run killed in a directory holding a finished run keeps a whole checkpoint to go on from', async () => {
    const dir = join(root, 'over-finished');
    await cp(reference, dir, { recursive: true });
    const checkpoint = join(dir, 'checkpoint.ckpt');
    // Mid-run: the new run has overwritten the old checkpoint a few times when it is killed.
    expect((await confine([scenario, '--out', dir, '--checkpoint-every', '1'], / 6\/12 /)).killed).toBe(true);
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
