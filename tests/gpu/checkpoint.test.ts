// Checkpoints: a run stopped at step k, saved, destroyed and restored into a new Simulation goes
// on bit for bit as the run that never stopped: every storage buffer (fields, agents, ledger,
// solver state), the CPU counters, the clock and the metrics samples. Taking a checkpoint does
// not perturb the run; the cell population's capacity grows once in this run, and checkpoints are
// taken before and after that growth; live parameter changes made before a checkpoint go on in
// the restored run. A damaged file is refused; `confine run --resume` writes what the
// uninterrupted run writes.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Gpu } from '../../src/gpu/device.ts';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, fnv1a32, type StoredBlob } from '../../src/io/checkpoint-file.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { captureCheckpoint, restoreCheckpoint, type SimulationState } from '../../src/sim/checkpoint.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { snapshot } from '../../src/sim/snapshot.ts';
import { scoped, useGpu } from './fixture.ts';

const run = promisify(execFile);

/**
 * Every physics on, both drugs dosed from t = 0, on 32² cells of 60 µm; a sparse tumour of fast
 * dividers (226 cells in 1024 slots), so that the check at step 8 grows the population to 4096.
 */
const SCENARIO_JSON = {
  ...DEFAULT_SCENARIO_JSON, name: 'checkpoint', seed: 3,
  parameters: {
    ...DEFAULT_SCENARIO_JSON.parameters, nx: 32, ny: 32, dxMicrons: 60, tumourRadiusMicrons: 400, durationDays: 2,
    smacDoseNM: 200, smacFirstDoseDay: 0, softenerDoseRelative: 1, initialDensityFraction: 0.1, cellDoublingHours: 8,
  },
};
const SCENARIO = parseScenario(SCENARIO_JSON, 'checkpoint test');
const STEPS = 16;
/** Before the population grows (step 8), and after it. */
const BEFORE_GROWTH = 6;
const AFTER_GROWTH = 11;

async function runTo(sim: Simulation, steps: number): Promise<void> {
  while (sim.steps < steps) await sim.step();
}

/** Where two checkpoints first differ (header state, then each buffer by name), or undefined. */
function firstDifference(a: Uint8Array, b: Uint8Array): string | undefined {
  const x = decodeCheckpoint(a, 'a'), y = decodeCheckpoint(b, 'b');
  for (const key of ['scenario', 'steps', 'timeMinutes', 'drugs', 'cells'] as const) {
    const [p, q] = [JSON.stringify((x.state as SimulationState)[key]), JSON.stringify((y.state as SimulationState)[key])];
    if (p !== q) return `state.${key}: ${p.slice(0, 200)} vs ${q.slice(0, 200)}`;
  }
  const names = (c: typeof x) => c.blobs.map((blob) => `${blob.name} (${blob.byteLength})`).join(', ');
  if (names(x) !== names(y)) return `buffers ${names(x)} vs ${names(y)}`;
  for (const [i, blob] of x.blobs.entries()) {
    const other = y.blobs[i]!.bytes;
    if (!Buffer.from(blob.bytes).equals(Buffer.from(other))) {
      const at = blob.bytes.findIndex((v, k) => v !== other[k]);
      return `${blob.name}: byte ${at} of ${blob.bytes.length}`;
    }
  }
  return Buffer.from(a).equals(Buffer.from(b)) ? undefined : 'the files differ outside the state and buffers';
}

/** A blob as read, with the zero tail the file leaves out put back. */
function whole(blob: StoredBlob): { name: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(blob.byteLength);
  bytes.set(blob.bytes);
  return { name: blob.name, bytes };
}

const cellsOf = (bytes: Uint8Array) => (decodeCheckpoint(bytes, 'checkpoint').state as SimulationState).cells!;

describe('checkpoints', () => {
  const gpu = useGpu();
  let straight: { end: Uint8Array; fields: Awaited<ReturnType<typeof snapshot>> } | undefined;
  const captured: Record<number, Uint8Array> = {};

  /** The uninterrupted run, once. */
  async function straightRun(g: Gpu) {
    if (straight) return straight;
    const sim = new Simulation(g, SCENARIO);
    try {
      await runTo(sim, STEPS);
      straight = { end: await captureCheckpoint(sim), fields: await snapshot(sim) };
      return straight;
    } finally {
      sim.destroy();
    }
  }

  it('taking checkpoints mid-run changes nothing in the run', async () => {
    const g = gpu();
    await scoped(g, async () => {
      const { end } = await straightRun(g);
      const sim = new Simulation(g, SCENARIO);
      try {
        for (const k of [BEFORE_GROWTH, AFTER_GROWTH]) {
          await runTo(sim, k);
          captured[k] = await captureCheckpoint(sim);
        }
        await runTo(sim, STEPS);
        expect(firstDifference(await captureCheckpoint(sim), end)).toBeUndefined();
      } finally {
        sim.destroy();
      }
      // The run does what the test needs: the population grows between the two captures.
      expect(cellsOf(captured[BEFORE_GROWTH]!).capacity).toBe(1024);
      expect(cellsOf(captured[AFTER_GROWTH]!).capacity).toBe(4096);
      expect(cellsOf(captured[BEFORE_GROWTH]!).pendingChecks).toEqual([{ step: 4, live: expect.any(Number) }]);
      expect(firstDifference(captured[BEFORE_GROWTH]!, end)).toMatch(/^state\.steps/);
    });
  });

  it.each([BEFORE_GROWTH, AFTER_GROWTH])('restored at step %i into a new Simulation, it ends bit for bit as the run straight through', async (k) => {
    const g = gpu();
    await scoped(g, async () => {
      const { end, fields } = await straightRun(g);
      const bytes = captured[k];
      expect(bytes, 'the capture test ran first').toBeDefined();
      const sim = await restoreCheckpoint(g, bytes!, `step-${k}.ckpt`);
      try {
        expect(sim.steps).toBe(k);
        expect(sim.timeMinutes).toBe(k * 240);
        expect(sim.cells!.samples.map((s) => s.step)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
        expect(sim.cells!.cells.capacity).toBe(cellsOf(bytes!).capacity);
        // A checkpoint of the restored state is the checkpoint it was restored from.
        expect(firstDifference(await captureCheckpoint(sim), bytes!)).toBeUndefined();
        await runTo(sim, STEPS);
        expect(firstDifference(await captureCheckpoint(sim), end)).toBeUndefined();
        // And through another reader than the checkpoint's: every field, bit for bit.
        const after = await snapshot(sim);
        expect(after.map((f) => f.name)).toEqual(fields.map((f) => f.name));
        for (const [i, f] of after.entries()) expect(Buffer.from(f.data.buffer).equals(Buffer.from(fields[i]!.data.buffer)), f.name).toBe(true);
      } finally {
        sim.destroy();
      }
    });
  });

  it('carries the live parameter changes made before it (a new dt and metrics interval among them)', async () => {
    const g = gpu();
    await scoped(g, async () => {
      const sim = new Simulation(g, SCENARIO);
      let bytes: Uint8Array, end: Uint8Array;
      try {
        await runTo(sim, 3);
        sim.updateParameters({ ...sim.parameters, tumourStiffnessKPa: 40, dtMinutes: 120, metricsIntervalMinutes: 240 });
        await runTo(sim, 7);
        bytes = await captureCheckpoint(sim);
        await runTo(sim, 12);
        end = await captureCheckpoint(sim);
      } finally {
        sim.destroy();
      }
      const restored = await restoreCheckpoint(g, bytes, 'live.ckpt');
      try {
        expect(restored.parameters).toMatchObject({ tumourStiffnessKPa: 40, dtMinutes: 120, metricsIntervalMinutes: 240 });
        await runTo(restored, 12);
        expect(firstDifference(await captureCheckpoint(restored), end)).toBeUndefined();
        expect(restored.timeMinutes).toBe(3 * 240 + 9 * 120);
      } finally {
        restored.destroy();
      }
    });
  });

  it('refuses a damaged, truncated, foreign-version or ill-fitting file, naming it and the fault', async () => {
    const g = gpu();
    await scoped(g, async () => {
      const bytes = captured[BEFORE_GROWTH]!;
      const refusal = async (file: Uint8Array) => {
        const error = await restoreCheckpoint(g, file, 'run.ckpt').then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(CheckpointError);
        return (error as Error).message;
      };
      expect(await refusal(bytes.subarray(0, bytes.length - 1000))).toMatch(/^run\.ckpt: truncated/);
      const damaged = bytes.slice();
      damaged[damaged.length - 5000] ^= 1;
      expect(await refusal(damaged)).toMatch(/^run\.ckpt: checksum mismatch/);

      const file = decodeCheckpoint(bytes, 'run.ckpt');
      const blobs = file.blobs.map(whole);
      const older = encodeCheckpoint(file.state, blobs);
      const header = new TextDecoder('latin1').decode(older.subarray(0, 200));
      const at = header.indexOf('"software":"') + '"software":"'.length;
      older[at] = older[at] === 0x39 ? 0x38 : older[at]! + 1;
      const end = older.length - 17;
      older.set(new TextEncoder().encode(`fnv1a32 ${fnv1a32(older.subarray(0, end)).toString(16).padStart(8, '0')}\n`), end);
      expect(await refusal(older)).toMatch(/^run\.ckpt: written by confine \S+, this is \S+; a checkpoint resumes bit for bit only in the version that wrote it/);

      const missing = encodeCheckpoint(file.state, blobs.filter((b) => b.name !== 'Cancer.body[0]'));
      expect(await refusal(missing)).toMatch(/^run\.ckpt: its buffers do not fit the simulation its scenario builds: no data for Cancer\.body\[0\]/);
      const resized = encodeCheckpoint(file.state, blobs.map((b) => (b.name === 'Oxygen.density' ? { ...b, bytes: b.bytes.subarray(8) } : b)));
      expect(await refusal(resized)).toMatch(/Oxygen\.density holds 4088 bytes, the simulation's has 4096/);
    });
  });

  it('refuses to capture while a step is being recorded', async () => {
    const g = gpu();
    await scoped(g, async () => {
      const sim = new Simulation(g, SCENARIO);
      try {
        const stepping = sim.step();
        await expect(captureCheckpoint(sim)).rejects.toThrow(/step 0 is being recorded; take a checkpoint between steps/);
        await stepping;
      } finally {
        sim.destroy();
      }
    });
  });
});

describe('confine run --checkpoint-every / --resume', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('resumed from a checkpoint, writes what the uninterrupted run writes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'confine-checkpoint-'));
    const scenario = join(dir, 'scenario.json');
    await writeFile(scenario, JSON.stringify(SCENARIO_JSON));
    const confine = (...args: string[]) => run(process.execPath, ['bin/confine.mjs', 'run', ...args], { cwd: process.cwd() });
    const out = (name: string) => join(dir, name);
    // Straight through (12 steps), checkpointing daily; and a run stopped at step 5.
    await confine(scenario, '--out', out('straight'), '--checkpoint-every', '1d');
    await confine(scenario, '--out', out('stopped'), '--checkpoint-every', '1d', '--steps', '5');
    const { stderr } = await confine('--resume', out('stopped/checkpoint.ckpt'), '--out', out('resumed'), '--checkpoint-every', '1d');
    expect(stderr).toMatch(/from step 5 \(day 0\.83\)/);
    const read = (run: string, file: string) => readFile(join(out(run), file));
    const csv = (await read('resumed', 'metrics.csv')).toString();
    expect(csv.trim().split('\n')).toHaveLength(1 + 12);
    expect(csv).toBe((await read('straight', 'metrics.csv')).toString());
    const summary = async (run: string) => {
      const { wallSeconds, ...rest } = JSON.parse((await read(run, 'summary.json')).toString());
      expect(wallSeconds).toBeGreaterThan(0);
      return rest;
    };
    expect(await summary('resumed')).toEqual(await summary('straight'));
    for (const file of ['fields.vti', 'checkpoint.ckpt', 'compressive-stress.png']) {
      expect((await read('resumed', file)).equals(await read('straight', file)), file).toBe(true);
    }
    const both = await confine(scenario, '--resume', out('stopped/checkpoint.ckpt'), '--out', out('both')).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(both?.code).toBe(2);
    expect(both?.stderr).toMatch(/give a scenario \(.*scenario\.json\) or --resume .*checkpoint\.ckpt, not both/);
  });
});
