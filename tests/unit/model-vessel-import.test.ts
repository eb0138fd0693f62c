import { readFileSync } from 'node:fs';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioText, parseScenario } from '../../src/model/scenario.ts';
import { resolveScenarioVessels, vesselsOf } from '../../src/model/scenario-vessels.ts';
import { joinPath, resolveVesselFile, segmentsToVessels, type ReadFile } from '../../src/model/vessel-import.ts';
import { rasteriseVessels, type VesselSegment } from '../../src/model/vessels.ts';

const grid = { nx: 16, ny: 24, dxMicrons: 10 };
const seg = (x0: number, y0: number, x1: number, y1: number, radiusMicrons = 4, wallPO2MmHg = 40): VesselSegment => ({
  x0Microns: x0, y0Microns: y0, x1Microns: x1, y1Microns: y1, radiusMicrons, wallPO2MmHg,
});
const cellsOf = (vessels: { xMicrons: number; yMicrons: number }[]) =>
  vessels.map((v) => [Math.floor(v.xMicrons / 10), Math.floor(v.yMicrons / 10)]);

/** Problems of a scenario, or of reading its vessel file. */
async function problemsOf(run: () => unknown): Promise<readonly string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

const files = (entries: Record<string, Uint8Array | string>): ReadFile => (path) => {
  const v = entries[path];
  if (v === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return typeof v === 'string' ? new TextEncoder().encode(v) : v;
};

const tissue = { name: 't', kind: 'tissue', parameters: { nx: 16, ny: 24, dxMicrons: 10, tumourRadiusMicrons: 40, stromaWidthMicrons: 20 } };
const fileSpec = { mode: 'file', path: 'net.png', radiusMicrons: 3, wallPO2MmHg: 25 } as const;

describe('segments to point vessels', () => {
  it('turns a horizontal segment into a row of vessels, one per cell, ends included', () => {
    const vessels = segmentsToVessels(grid, [seg(5, 55, 105, 55)]);
    expect(vessels.map((v) => v.xMicrons)).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95, 105]);
    expect(vessels.every((v) => v.yMicrons === 55 && v.radiusMicrons === 4 && v.wallPO2MmHg === 40)).toBe(true);
    expect([...rasteriseVessels(grid, vessels).cellIndex]).toEqual(Array.from({ length: 11 }, (_, i) => 5 * 16 + i));
  });

  it('samples at most one cell apart and keeps one vessel per cell', () => {
    // 101 µm in 11 steps of 9.18 µm: two samples fall in cell 6, one is dropped.
    const vessels = segmentsToVessels(grid, [seg(5, 55, 106, 55)]);
    expect(cellsOf(vessels).map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const diagonal = segmentsToVessels(grid, [seg(3, 7, 151, 222)]);
    const cells = cellsOf(diagonal);
    expect(new Set(cells.map(([i, j]) => j * 16 + i)).size).toBe(cells.length);
    expect(cells.length).toBeLessThanOrEqual(Math.ceil(Math.hypot(148, 215) / 10) + 1);
    // A chain with no gaps: consecutive vessels lie in neighbouring cells.
    for (let k = 1; k < cells.length; k++) {
      expect(Math.abs(cells[k]![0]! - cells[k - 1]![0]!)).toBeLessThanOrEqual(1);
      expect(Math.abs(cells[k]![1]! - cells[k - 1]![1]!)).toBeLessThanOrEqual(1);
    }
    expect(cells[0]).toEqual([0, 0]);
    expect(cells.at(-1)).toEqual([15, 22]);
  });

  it('gives a column for a vertical segment, one vessel for a point, and clamps the far edge', () => {
    expect(cellsOf(segmentsToVessels(grid, [seg(45, 0, 45, 240)]))).toEqual(Array.from({ length: 24 }, (_, j) => [4, j]));
    expect(segmentsToVessels(grid, [seg(12, 13, 12, 13)])).toEqual([{ xMicrons: 12, yMicrons: 13, radiusMicrons: 4, wallPO2MmHg: 40 }]);
    // Both ends fall in the corner cell once clamped, as the rasteriser clamps them.
    const corner = segmentsToVessels(grid, [seg(160, 235, 160, 240)]);
    expect(corner).toHaveLength(1);
    expect([...rasteriseVessels(grid, corner).cellIndex]).toEqual([23 * 16 + 15]);
  });

  it('leaves cells shared by two segments to the rasteriser, which keeps the wider', () => {
    const vessels = segmentsToVessels(grid, [seg(5, 55, 25, 55, 3), seg(15, 55, 15, 75, 6)]);
    expect(vessels).toHaveLength(6);
    const r = rasteriseVessels(grid, vessels);
    expect(r.radiusMicrons[[...r.cellIndex].indexOf(5 * 16 + 1)]).toBe(6);
  });

  it('is what vesselsOf gives for a segments scenario', () => {
    const segments = [seg(5, 55, 105, 55, 4, 30), { x0Microns: 45, y0Microns: 0, x1Microns: 45, y1Microns: 100, radiusMicrons: 2 }];
    const s = parseScenario({ ...tissue, vessels: { mode: 'segments', segments } });
    expect(s.vessels).toEqual({ mode: 'segments', segments: [segments[0], { ...segments[1], wallPO2MmHg: 80 }] });
    expect(vesselsOf(s)).toEqual(segmentsToVessels(grid, s.vessels!.mode === 'segments' ? s.vessels!.segments : []));
  });
});

describe('validation of the segments and file modes', () => {
  it('names every bad segment field with its range and unit, and segments outside the domain', async () => {
    const bad = { x0Microns: -1, y0Microns: 0, x1Microns: 'a', radiusMicrons: 0, wallPO2MmHg: 120, r: 1 };
    expect(await problemsOf(() => parseScenario({ ...tissue, vessels: { mode: 'segments', segments: [bad] } }))).toEqual([
      'unknown key "r" in vessels.segments[0] (did you mean "radiusMicrons"?); allowed: x0Microns, y0Microns, x1Microns, y1Microns, radiusMicrons, wallPO2MmHg',
      'vessels.segments[0].x0Microns = -1 is out of range [0, 100000] µm',
      'vessels.segments[0].x1Microns = "a" must be a number in [0, 100000] µm',
      'vessels.segments[0].y1Microns is missing: it must be a number in [0, 100000] µm',
      'vessels.segments[0].radiusMicrons = 0 is out of range [0.1, 1000] µm',
      'vessels.segments[0].wallPO2MmHg = 120 is out of range [0, 100] mmHg',
    ]);
    expect(await problemsOf(() => parseScenario({ ...tissue, vessels: { mode: 'segments', segments: [seg(0, 0, 170, 10)] } }))).toEqual([
      'vessels.segments[0] from (0, 0) to (170, 10) µm lies outside the domain: the domain is 160 × 240 µm (nx·dxMicrons × ny·dxMicrons)',
    ]);
    expect(await problemsOf(() => parseScenario({ ...tissue, vessels: { mode: 'segments', segments: [], list: [] } }))).toEqual([
      'unknown key "list" in vessels; allowed: mode, segments',
      'vessels.segments must be a non-empty array of {x0Microns, y0Microns, x1Microns, y1Microns, radiusMicrons, wallPO2MmHg?} when mode = "segments"',
    ]);
  });

  it('checks only the shape of a file block, and fills its defaults from the parameters', async () => {
    const s = parseScenario({ ...tissue, parameters: { ...tissue.parameters, capillaryRadiusMicrons: 3 }, vessels: { mode: 'file', path: 'a/b.png' } });
    expect(s.vessels).toEqual({ mode: 'file', path: 'a/b.png', radiusMicrons: 3, wallPO2MmHg: 80 });
    expect(() => vesselsOf(s)).toThrowError(/vessels.path = "a\/b.png" has not been read/);
    expect(await problemsOf(() => parseScenario({ ...tissue, vessels: { mode: 'file', path: ' ', radiusMicrons: -2, wallPO2MmHg: 'x', list: 1 } }))).toEqual([
      'unknown key "list" in vessels; allowed: mode, path, radiusMicrons, wallPO2MmHg',
      'vessels.path = " " must be a non-empty string',
      'vessels.radiusMicrons = -2 is out of range [0.1, 1000] µm',
      'vessels.wallPO2MmHg = "x" must be a number in [0, 100] mmHg',
    ]);
    expect(await problemsOf(() => parseScenario({ ...tissue, vessels: { mode: 'mask' } }))).toEqual([
      'vessels.mode = "mask" must be one of "generated", "list", "segments", "file"',
    ]);
  });
});

describe('vessel files', () => {
  /** A 16 × 24 mask (one pixel per cell) with the given pixels set, as [column, image row]. */
  const mask = (pixels: [number, number][], width = 16, height = 24) => {
    const data = new Uint8Array(width * height);
    for (const [c, r] of pixels) data[r * width + c] = 200;
    return encode({ width, height, data, channels: 1, depth: 8 });
  };

  it('reads a PNG mask: a vessel at each bright pixel centre, image row 0 at the top of the domain', async () => {
    const spec = await resolveVesselFile(fileSpec, 'dir', files({ 'dir/net.png': mask([[2, 0], [5, 23], [7, 10]]) }), grid);
    expect(spec).toEqual({
      mode: 'list',
      list: [
        { xMicrons: 55, yMicrons: 5, radiusMicrons: 3, wallPO2MmHg: 25 },
        { xMicrons: 75, yMicrons: 135, radiusMicrons: 3, wallPO2MmHg: 25 },
        { xMicrons: 25, yMicrons: 235, radiusMicrons: 3, wallPO2MmHg: 25 },
      ],
    });
    // Image row r is grid row ny − 1 − r.
    expect([...rasteriseVessels(grid, spec.list).cellIndex]).toEqual([0 * 16 + 5, 13 * 16 + 7, 23 * 16 + 2]);
  });

  it('reads 1-bit, palette, RGBA and 16-bit masks; black and fully transparent pixels are tissue', async () => {
    const read = async (png: Uint8Array) => (await resolveVesselFile(fileSpec, '', files({ 'net.png': png }), grid)).list.map((v) => [v.xMicrons, v.yMicrons]);
    const bits = new Uint8Array(2 * 24);
    bits[0] = 0b0100_0000; // row 0, column 1
    bits[2 * 23 + 1] = 0b0000_0001; // row 23, column 15
    expect(await read(encode({ width: 16, height: 24, data: bits, channels: 1, depth: 1 }))).toEqual([[155, 5], [15, 235]]);
    const indexed = new Uint8Array(16 * 24);
    indexed[3] = 1;
    indexed[16 + 4] = 2;
    const palette = [[0, 0, 0], [0, 90, 0], [0, 0, 0]];
    expect(await read(encode({ width: 16, height: 24, data: indexed, channels: 1, depth: 8, palette }))).toEqual([[35, 235]]);
    const rgba = new Uint8Array(16 * 24 * 4);
    rgba.set([255, 255, 255, 0], 0); // white but transparent: tissue
    rgba.set([0, 0, 9, 255], 4 * (16 * 23 + 6));
    expect(await read(encode({ width: 16, height: 24, data: rgba, channels: 4, depth: 8 }))).toEqual([[65, 5]]);
    const grey16 = new Uint16Array(16 * 24);
    grey16[16 * 22 + 9] = 1;
    expect(await read(encode({ width: 16, height: 24, data: grey16, channels: 1, depth: 16 }))).toEqual([[95, 15]]);
  });

  it('refuses a mask whose size is not the grid, naming the file and both sizes', async () => {
    expect(await problemsOf(() => resolveVesselFile(fileSpec, 'dir', files({ 'dir/net.png': mask([[1, 1]], 24, 16) }), grid))).toEqual([
      'vessels.path = "net.png": the mask image is 24 × 16 pixels but the grid is nx × ny = 16 × 24 cells; one pixel is one grid cell, so the image must be 16 × 24 pixels',
    ]);
    await expect(resolveVesselFile(fileSpec, 'dir', files({ 'dir/net.png': mask([]) }), grid)).rejects.toThrowError(
      /^dir\/net\.png: 1 problem:\n {2}- vessels\.path = "net\.png": the mask has no vessel pixels/,
    );
  });

  it('reads a JSON array of points and segments, the spec giving what an entry leaves out', async () => {
    const json = JSON.stringify([{ xMicrons: 12, yMicrons: 13 }, { x0Microns: 5, y0Microns: 55, x1Microns: 25, y1Microns: 55, radiusMicrons: 6 }]);
    const spec = await resolveVesselFile({ ...fileSpec, path: 'net.json' }, '/abs/', files({ '/abs/net.json': json }), grid);
    expect(spec.list).toEqual([
      { xMicrons: 12, yMicrons: 13, radiusMicrons: 3, wallPO2MmHg: 25 },
      ...segmentsToVessels(grid, [seg(5, 55, 25, 55, 6, 25)]),
    ]);
  });

  it('names the file, the entry, the problem and what is allowed', async () => {
    const read = (text: string) => problemsOf(() => resolveVesselFile({ ...fileSpec, path: 'v/net.json' }, 's', files({ 's/v/net.json': text }), grid));
    expect(await read(JSON.stringify([{ xMicrons: 999, yMicrons: 1 }, { x0Microns: 1, y0Microns: 2, x1Microns: 3 }, { xMicrons: 1, yMicrons: 2, radiusMicrons: 2000 }]))).toEqual([
      'v/net.json[1].y1Microns is missing: it must be a number in [0, 100000] µm',
      'v/net.json[2].radiusMicrons = 2000 is out of range [0.1, 1000] µm',
    ]);
    expect(await read('[{ "xMicrons": 999, "yMicrons": 1 }]')).toEqual([
      'v/net.json[0] at (999, 1) µm lies outside the domain: the domain is 160 × 240 µm (nx·dxMicrons × ny·dxMicrons)',
    ]);
    expect((await read('{}'))[0]).toMatch(/^v\/net\.json = \{\} must be a non-empty JSON array; allowed: a PNG mask of nx × ny pixels, or a JSON array of points/);
    // Neither PNG nor JSON: said without echoing the file's first bytes.
    const neither = (await read('P5 secret-content'))[0]!;
    expect(neither).toMatch(/^vessels\.path = "v\/net\.json" is neither a PNG image \(no PNG signature\) nor valid JSON; allowed: a PNG mask/);
    expect(neither).not.toContain('P5');
    const deep = await read(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatch(/^v\/net\.json(\[0\])+\[?0?\.\.\. nests more than 32 levels of objects and arrays/);
    const missing = await problemsOf(() => resolveVesselFile(fileSpec, 'nowhere', files({}), grid));
    expect(missing[0]).toMatch(/^vessels\.path = "net\.png" cannot be read \(ENOENT.*'nowhere\/net\.png'\); allowed: /);
  });

  it('joins a relative path to the scenario directory and keeps an absolute one', () => {
    expect(joinPath('scenarios', 'vessels/a.png')).toBe('scenarios/vessels/a.png');
    expect(joinPath('scenarios/', 'a.png')).toBe('scenarios/a.png');
    expect(joinPath('/', 'a.png')).toBe('/a.png');
    expect(joinPath('scenarios', '/data/a.png')).toBe('/data/a.png');
    expect(joinPath('scenarios', 'C:\\data\\a.png')).toBe('C:\\data\\a.png');
    expect(joinPath('', 'a.png')).toBe('a.png');
  });
});

describe('shipped imported-vessel scenarios', () => {
  const dir = new URL('../../scenarios/', import.meta.url);
  const load = (file: string) => loadScenarioText(readFileSync(new URL(file, dir), 'utf8'), `scenarios/${file}`);

  it('imported-vessels.json reads its mask relative to its own directory into a frozen list', async () => {
    const scenario = load('imported-vessels.json');
    const read: ReadFile = (path) => readFileSync(new URL(path, dir));
    const resolved = await resolveScenarioVessels(scenario, '.', read);
    expect(resolved.vessels?.mode).toBe('list');
    expect(Object.isFrozen(resolved) && Object.isFrozen(resolved.vessels)).toBe(true);
    const vessels = vesselsOf(resolved);
    expect(vessels.length).toBeGreaterThan(500);
    expect(rasteriseVessels(resolved.parameters, vessels).cellIndex.length).toBe(vessels.length);
    expect({ ...resolved, vessels: null }).toEqual({ ...scenario, vessels: null });
  });

  it('imported-segments.json samples its segments onto the grid; other scenarios pass through', async () => {
    const scenario = load('imported-segments.json');
    expect(await resolveScenarioVessels(scenario, 'scenarios', files({}))).toBe(scenario);
    const vessels = vesselsOf(scenario);
    const p = scenario.parameters;
    // The two feeding vessels run the whole height of the domain.
    for (const x of [150, 1130]) expect(vessels.filter((v) => v.xMicrons === x).length).toBeGreaterThanOrEqual(p.ny);
  });
});
