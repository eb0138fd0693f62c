// The cells a scenario asks for are counted from its numbers before any is placed, exactly as many
// as placing them gives, and a scenario asking for more than the adapter's storage bindings hold
// is refused at once, naming the fields, the count and the limit (the fuzz found assays of tens of
// millions of cells that exhausted the JS heap, and NK counts whose arrays alone were gigabytes).
import { describe, expect, it } from 'vitest';
import { BufferCapacityError } from '../../src/gpu/buffers.ts';
import { cellCounts, cellLimits, experimentOf, type CellLimits } from '../../src/cells/experiments.ts';
import { parseScenario, type Scenario } from '../../src/model/scenario.ts';
import { buildWorld, type World } from '../../src/sim/world.ts';

/** A device's limits as cellLimits reads them, storage bindings of `bytes`. */
function limitsOf(bytes: number): CellLimits {
  return cellLimits({ limits: { maxStorageBufferBindingSize: bytes, maxBufferSize: bytes } } as GPUDevice);
}

const GIB = 2 ** 30;
const UNLIMITED: CellLimits = { cancer: Infinity, nk: Infinity, bindingBytes: Infinity };

function assay(assay: object, parameters: object = {}): Scenario {
  return parseScenario({ name: 'counted', kind: 'assay', seed: 3, parameters: { nx: 32, ny: 16, dxMicrons: 10, dtMinutes: 60, durationDays: 1, ...parameters }, assay });
}

function tissue(parameters: object): Scenario {
  return parseScenario({ name: 'counted', kind: 'tissue', seed: 3, physics: { cells: true }, parameters: { nx: 48, ny: 40, dxMicrons: 10, stromaWidthMicrons: 50, ...parameters } });
}

const SMALL: [string, Scenario][] = [
  ['tissue', tissue({ tumourRadiusMicrons: 100, nkDensityPerMm2: 1000 })],
  ['tissue without NK cells', tissue({ tumourRadiusMicrons: 60, nkDensityPerMm2: 0, initialDensityFraction: 0.35 })],
  ['transwell, one well', assay({ type: 'transwell', poresMicrons: [5], cellsPerWell: 7 }, { ny: 32 })],
  ['transwell, two wells', assay({ type: 'transwell', poresMicrons: [3, 8], cellsPerWell: 11 }, { ny: 32 })],
  ['anoikis', assay({ type: 'anoikis', delaysDays: [0, 2, 9], cellsPerGroup: 5 })],
  ['nk-coculture', assay({ type: 'nk-coculture', targetsPerGroup: 3, nkPerTarget: 1.3 })],
  ['nk-coculture, no NK cells', assay({ type: 'nk-coculture', targetsPerGroup: 4, nkPerTarget: 0 })],
  ['tail-vein', assay({ type: 'tail-vein', miceEach: 3, cellsPerMouse: 6, squeezedHoursAgo: 20 })],
];

/** The refusal experimentOf gives, or undefined if it places the cells. */
function refusal(scenario: Scenario, limits: CellLimits, world: World = buildWorld(scenario)): BufferCapacityError | undefined {
  try {
    experimentOf(scenario, world, limits);
  } catch (error) {
    if (error instanceof BufferCapacityError) return error;
    throw error;
  }
  return undefined;
}

describe('cell counts', () => {
  it.each(SMALL)('%s: counts exactly the cells placed', (_, scenario) => {
    const world = buildWorld(scenario);
    const counts = cellCounts(scenario, world);
    const placed = experimentOf(scenario, world, UNLIMITED);
    expect(placed.cancer.count).toBe(counts.cancer);
    expect(placed.nk.count).toBe(counts.nk);
    expect(counts.cancer).toBeGreaterThan(0);
  });

  it.each(SMALL)('%s: placed at exactly the limit, refused one cell under it', (_, scenario) => {
    const counts = cellCounts(scenario, buildWorld(scenario));
    expect(refusal(scenario, { cancer: counts.cancer, nk: counts.nk, bindingBytes: 1 })).toBeUndefined();
    expect(refusal(scenario, { cancer: counts.cancer - 1, nk: counts.nk, bindingBytes: 1 })?.message).toContain(`${counts.cancer} cancer cells`);
    if (counts.nk > 0) expect(refusal(scenario, { cancer: counts.cancer, nk: counts.nk - 1, bindingBytes: 1 })?.message).toContain(`${counts.nk} NK cells`);
  });

  it('limits: 32 bytes a cancer cell in 256-cell blocks, 16 bytes an NK cell', () => {
    expect(limitsOf(GIB)).toEqual({ cancer: 33_554_432, nk: 67_108_864, bindingBytes: GIB });
    expect(limitsOf(128 * 2 ** 20 + 100)).toEqual({ cancer: 4_194_304, nk: 8_388_614, bindingBytes: 128 * 2 ** 20 + 100 });
    const uneven = cellLimits({ limits: { maxStorageBufferBindingSize: GIB, maxBufferSize: 3 * 2 ** 20 } } as GPUDevice);
    expect(uneven).toEqual({ cancer: 98_304, nk: 196_608, bindingBytes: 3 * 2 ** 20 });
  });
});

describe('a scenario asking for more cells than the adapter holds', () => {
  const quickly = <T>(refuse: () => T): T => {
    const start = performance.now();
    const result = refuse();
    expect(performance.now() - start).toBeLessThan(1000);
    return result;
  };

  it('anoikis: the fuzzed 24.1 M cells refused where bindings stop at 128 MiB, the most the schema allows where they stop at 1 GiB', () => {
    const fuzzed = assay({ type: 'anoikis', delaysDays: [0, 1, 2, 3, 4, 5], cellsPerGroup: 1_003_591 });
    expect(cellCounts(fuzzed, buildWorld(fuzzed)).cancer).toBe(24_086_184);
    expect(quickly(() => refusal(fuzzed, limitsOf(128 * 2 ** 20)))?.message).toBe(
      'assay.cellsPerGroup = 1003591 in each of 4 groups for each of 6 assay.delaysDays asks for 24086184 cancer cells, but this adapter holds at most 4194304 (its 128.0 MiB storage binding); use fewer cells or a GPU with larger limits',
    );
    const most = assay({ type: 'anoikis', delaysDays: [0, 1, 2, 3, 4, 5, 6, 7], cellsPerGroup: 2_000_000 });
    expect(quickly(() => refusal(most, limitsOf(GIB)))?.message).toMatch(/^assay\.cellsPerGroup = 2000000 .* asks for 64000000 cancer cells, but this adapter holds at most 33554432 \(its 1024\.0 MiB storage binding\)/);
  });

  it('nk-coculture: NK cells counted before their arrays are made', () => {
    const s = assay({ type: 'nk-coculture', targetsPerGroup: 1_880_000, nkPerTarget: 100 });
    expect(quickly(() => refusal(s, limitsOf(GIB)))?.message).toBe(
      'assay.nkPerTarget = 100 for each of 2 × assay.targetsPerGroup = 3760000 targets asks for 376000000 NK cells, but this adapter holds at most 67108864 (its 1024.0 MiB storage binding); use fewer cells or a GPU with larger limits',
    );
  });

  it('tail-vein and transwell: refused beyond the binding', () => {
    const mice = assay({ type: 'tail-vein', miceEach: 16, cellsPerMouse: 2_000_000 });
    expect(quickly(() => refusal(mice, limitsOf(GIB)))?.message).toContain('assay.cellsPerMouse = 2000000 for each of 2 × assay.miceEach = 32 mice asks for 64000000 cancer cells');
    const wells = assay({ type: 'transwell', poresMicrons: [3, 8], cellsPerWell: 2_000_000 }, { ny: 32 });
    expect(quickly(() => refusal(wells, limitsOf(64 * 2 ** 20)))?.message).toContain('assay.cellsPerWell = 2000000 in each of 2 wells (assay.poresMicrons) asks for 4000000 cancer cells, but this adapter holds at most 2097152');
  });

  it('tissue: the tumour disk and the NK density over the domain, both named where both are over', () => {
    const s = tissue({ nx: 4096, ny: 4096, dxMicrons: 100, nkDensityPerMm2: 5000, tumourRadiusMicrons: 20000, carryingCapacityCellsPerMm2: 20000, initialDensityFraction: 1 });
    // The refusal comes before the world is read past its size, so a 4096² one need not be built.
    const world = { nx: 4096, ny: 4096, hMicrons: 100 } as World;
    const message = quickly(() => refusal(s, limitsOf(128 * 2 ** 20), world))?.message;
    expect(message).toBe(
      'parameters.initialDensityFraction = 1 of parameters.carryingCapacityCellsPerMm2 = 20000 /mm² over a disk of parameters.tumourRadiusMicrons = 20000 µm asks for 25132741 cancer cells, but this adapter holds at most 4194304 (its 128.0 MiB storage binding); '
        + 'parameters.nkDensityPerMm2 = 5000 /mm² over the 4096 × 4096 grid of parameters.dxMicrons = 100 µm asks for 838860800 NK cells, but this adapter holds at most 8388608 (its 128.0 MiB storage binding); use fewer cells or a GPU with larger limits',
    );
  });
});
