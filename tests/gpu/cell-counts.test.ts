// A scenario asking for more cells than the adapter's storage bindings hold is refused as the
// simulation is built, before a cell is placed: at once, with the fields, the count and the limit
// (the fuzz found accepted assays of tens of millions of cells that exhausted the JS heap). One
// asking for exactly as many as fit is built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireGpu, type Gpu } from '../../src/gpu/device.ts';
import { BufferCapacityError } from '../../src/gpu/buffers.ts';
import { maxCapacity } from '../../src/cells/population.ts';
import { parseScenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { scoped, useGpu } from './fixture.ts';

const MIB_128 = 128 * 2 ** 20;
const CLI = join(__dirname, '../../bin/confine.mjs');

function assayJson(assay: object) {
  return { name: 'many-cells', kind: 'assay', seed: 1, parameters: { nx: 16, ny: 16, dxMicrons: 10, dtMinutes: 60, durationDays: 9 }, assay };
}

/** Builds the scenario's simulation on `gpu`, expecting a refusal within 5 s and no GPU error. */
async function refusal(gpu: Gpu, assay: object): Promise<string> {
  return scoped(gpu, async () => {
    const start = performance.now();
    let refused: unknown;
    try {
      new Simulation(gpu, parseScenario(assayJson(assay))).destroy();
    } catch (error) {
      refused = error;
    }
    expect(performance.now() - start).toBeLessThan(5000);
    expect(refused).toBeInstanceOf(BufferCapacityError);
    return (refused as Error).message;
  });
}

describe('cells beyond the adapter', () => {
  const gpu = useGpu();
  let narrow: Gpu;
  beforeAll(async () => {
    narrow = await acquireGpu({ maxStorageBindingBytes: MIB_128 });
  });
  afterAll(() => narrow?.destroy());

  it('anoikis: 8 delays of 2 × 10⁶ cells a group refused with the adapter\'s limit', async () => {
    const limit = maxCapacity(gpu().device);
    expect(limit).toBeLessThan(64e6);
    const message = await refusal(gpu(), { type: 'anoikis', delaysDays: [0, 1, 2, 3, 4, 5, 6, 7], cellsPerGroup: 2_000_000 });
    expect(message).toContain(`assay.cellsPerGroup = 2000000 in each of 4 groups for each of 8 assay.delaysDays asks for 64000000 cancer cells, but this adapter holds at most ${limit}`);
  });

  it('nk-coculture: 376 M NK cells refused before their arrays are made', async () => {
    const device = gpu().device;
    const limit = Math.floor(Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize) / 16);
    const message = await refusal(gpu(), { type: 'nk-coculture', targetsPerGroup: 1_880_000, nkPerTarget: 100 });
    expect(message).toContain(`assay.nkPerTarget = 100 for each of 2 × assay.targetsPerGroup = 3760000 targets asks for 376000000 NK cells, but this adapter holds at most ${limit}`);
  });

  it('the fuzzed anoikis of 24.1 M cells refused where storage bindings stop at 128 MiB', async () => {
    const message = await refusal(narrow, { type: 'anoikis', delaysDays: [0, 1, 2, 3, 4, 5], cellsPerGroup: 1_003_591 });
    expect(message).toBe(
      'assay.cellsPerGroup = 1003591 in each of 4 groups for each of 6 assay.delaysDays asks for 24086184 cancer cells, but this adapter holds at most 4194304 (its 128.0 MiB storage binding); use fewer cells or a GPU with larger limits',
    );
  });

  it('as many cells as fit a 128 MiB binding are built; one more a group is refused', async () => {
    const limit = maxCapacity(narrow.device);
    const delaysDays = [0, 1, 2, 3, 4, 5, 6, 7];
    await scoped(narrow, async () => {
      const sim = new Simulation(narrow, parseScenario(assayJson({ type: 'anoikis', delaysDays, cellsPerGroup: limit / 32 })));
      expect(sim.cells!.liveAtLastCheck).toBe(limit);
      expect(sim.cells!.cells.capacity).toBe(limit);
      sim.destroy();
    });
    expect(await refusal(narrow, { type: 'anoikis', delaysDays, cellsPerGroup: limit / 32 + 1 })).toContain(`asks for ${limit + 32} cancer cells, but this adapter holds at most ${limit}`);
  });

  it('confine run ends with the refusal in one line, exit 2, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confine-cell-counts-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(assayJson({ type: 'anoikis', delaysDays: [0, 1, 2, 3, 4, 5, 6, 7], cellsPerGroup: 2_000_000 })));
    const r = spawnSync(process.execPath, [CLI, 'run', file, '--out', join(dir, 'out'), '--steps', '1'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: assay\.cellsPerGroup = 2000000 .* asks for 64000000 cancer cells, but this adapter holds at most \d+/m);
    // One line of refusal after the start-up line: no stack trace, no heap exhaustion.
    expect(r.stderr).not.toMatch(/\n\s+at |heap/i);
  });
});
