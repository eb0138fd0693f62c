// `confine run --checkpoint-every 1` killed inside the write of each kind of output file (half
// its bytes down, then SIGKILL, by the preloaded kill-mid-write-shim.mjs): a checkpoint, a
// rewrite of metrics.csv, fields.vti, a PNG and summary.json, one after another in one directory,
// each run going on from the checkpoint the one before left. After every kill the outputs are
// whole (the cut write is only in a temporary), and the run that finally ends removes those
// temporaries and leaves the uninterrupted run's files byte for byte.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_RUN_SCENARIO, confine, expectSameOutputs, partialOutputs, writerTemporaries } from './whole-outputs.ts';

/** Half the scenario's 12 steps, which leaves a checkpoint of each step to go on from; less to run. */
const STEPS = '6';
const SHIM = resolve('tests/gpu/kill-mid-write-shim.mjs');

/** In order: which write of which file each run is killed in. */
const KILLS = [
  { name: 'checkpoint.ckpt', nth: 3 },
  // The first write is the header, the second the rows the checkpoint holds.
  { name: 'metrics.csv', nth: 3 },
  { name: 'fields.vti', nth: 1 },
  { name: 'oxygen.png', nth: 1 },
  { name: 'summary.json', nth: 1 },
];

describe('confine run killed inside a write', () => {
  let root = '';
  let scenario = '';
  let reference = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'confine-kill-mid-write-'));
    scenario = join(root, 'scenario.json');
    await writeFile(scenario, JSON.stringify(SMALL_RUN_SCENARIO));
    reference = join(root, 'reference');
    expect((await confine([scenario, '--out', reference, '--checkpoint-every', '1', '--steps', STEPS])).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('leaves only whole outputs after each kill, and the run that ends leaves the uninterrupted files', async () => {
    const dir = join(root, 'killed');
    const checkpoint = join(dir, 'checkpoint.ckpt');
    const fresh = [scenario, '--out', dir, '--checkpoint-every', '1', '--steps', STEPS];
    const resume = ['--resume', checkpoint, '--out', dir, '--checkpoint-every', '1', '--steps', STEPS];
    const cut: string[] = [];
    for (const [i, { name, nth }] of KILLS.entries()) {
      const env = { ...process.env, KILL_MID_WRITE_NAME: name, KILL_MID_WRITE_NTH: String(nth) };
      const exit = await confine(i === 0 ? fresh : resume, { nodeArgs: ['--import', SHIM], env });
      const report = /kill-mid-write: (killed after .*)/.exec(exit.stderr)?.[1];
      expect(exit.killed && report, `${name} ${nth}: ${exit.stderr}`).toBeTruthy();
      cut.push(report!);
      expect(await partialOutputs(dir), name).toEqual([]);
      // The half-written bytes are in a temporary, and only this kill's: each run removes those
      // the kill before it left.
      expect(await writerTemporaries(dir)).toEqual([expect.stringMatching(`^\\.${name.replace('.', '\\.')}\\.`)]);
    }
    const exit = await confine(resume);
    expect(exit.code, exit.stderr).toBe(0);
    await expectSameOutputs(dir, reference);
    console.log(`kill-mid-write: ${cut.join('; ')}; each left whole outputs, and going on ended byte-identical`);
  }, 120_000);
});
