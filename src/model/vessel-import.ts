// Capillary networks brought in from outside the scenario: segments lying in the slice, and
// files (a PNG mask or a JSON array) read when a scenario is loaded from disk. Reading a file
// is injected, so the model stays free of node:fs and the same code runs in the browser.
//
// The solvers only know point vessels (capillaries crossing the slice, each exchanging through
// its ring footprint, vessel-exchange.ts), so an in-plane capillary becomes a chain of point
// vessels, one per grid cell along it: their cells then form the line the capillary draws.

import { convertIndexedToRgb, decode, hasPngSignature, type DecodedPng } from 'fast-png';
import { readVesselPoint, readVesselSegment, type VesselFileSpec, type VesselSpec } from './scenario-blocks.ts';
import { ScenarioError, childPath, describeValue, isPlainObject, nestingProblem, type Problems } from './validation.ts';
import type { Grid, Vessel, VesselSegment } from './vessels.ts';

/** Reads a whole file; the path is already joined to the scenario's directory. */
export type ReadFile = (path: string) => Uint8Array | Promise<Uint8Array>;

type ListSpec = Extract<VesselSpec, { mode: 'list' }>;

/**
 * Point vessels along each segment, sampled at most one cell width apart (both ends
 * included), so no cell the segment crosses along an axis is skipped. Samples that fall in a
 * cell already holding one from the same segment are dropped, so a segment places one point
 * vessel per cell it crosses; samples of different segments in one cell are all kept, each
 * exchanging through its own ring. Each sample keeps its position on the segment, so a vessel
 * wider than a cell is still centred on it.
 */
export function segmentsToVessels(grid: Grid, segments: readonly VesselSegment[]): Vessel[] {
  const { nx, ny, dxMicrons: h } = grid;
  // Clamped as rasteriseVessels clamps, so an end on the domain's far edge is its last cell.
  const cellOf = (x: number, y: number) =>
    Math.min(ny - 1, Math.max(0, Math.floor(y / h))) * nx + Math.min(nx - 1, Math.max(0, Math.floor(x / h)));
  const vessels: Vessel[] = [];
  for (const s of segments) {
    const dx = s.x1Microns - s.x0Microns;
    const dy = s.y1Microns - s.y0Microns;
    const steps = Math.ceil(Math.hypot(dx, dy) / h);
    const seen = new Set<number>();
    for (let k = 0; k <= steps; k++) {
      const t = steps === 0 ? 0 : k / steps;
      const x = s.x0Microns + t * dx;
      const y = s.y0Microns + t * dy;
      const cell = cellOf(x, y);
      if (seen.has(cell)) continue;
      seen.add(cell);
      vessels.push({ xMicrons: x, yMicrons: y, radiusMicrons: s.radiusMicrons, wallPO2MmHg: s.wallPO2MmHg });
    }
  }
  return vessels;
}

/** One sentence per point or segment outside the domain; `path(i)` names entry i. */
export function outsideDomain(grid: Grid, entries: readonly (Vessel | VesselSegment)[], path: (i: number) => string): Problems {
  const width = grid.nx * grid.dxMicrons;
  const height = grid.ny * grid.dxMicrons;
  const domain = `the domain is ${width} × ${height} µm (nx·dxMicrons × ny·dxMicrons)`;
  const problems: Problems = [];
  entries.forEach((e, i) => {
    if ('x0Microns' in e) {
      if (Math.max(e.x0Microns, e.x1Microns) > width || Math.max(e.y0Microns, e.y1Microns) > height) {
        problems.push(`${path(i)} from (${e.x0Microns}, ${e.y0Microns}) to (${e.x1Microns}, ${e.y1Microns}) µm lies outside the domain: ${domain}`);
      }
    } else if (e.xMicrons > width || e.yMicrons > height) {
      problems.push(`${path(i)} at (${e.xMicrons}, ${e.yMicrons}) µm lies outside the domain: ${domain}`);
    }
  });
  return problems;
}

const ALLOWED_FILES =
  'a PNG mask of nx × ny pixels, or a JSON array of points {xMicrons, yMicrons, radiusMicrons?, wallPO2MmHg?} ' +
  'and/or segments {x0Microns, y0Microns, x1Microns, y1Microns, radiusMicrons?, wallPO2MmHg?}';

/** 1 where a pixel is vessel: any non-zero colour channel, unless fully transparent. Row 0 is the image's top. */
function vesselPixels(png: DecodedPng): Uint8Array {
  const { width, height } = png;
  let data: ArrayLike<number> = png.data;
  let channels = png.channels;
  let depth: number = png.depth;
  if (png.palette) {
    data = convertIndexedToRgb(png);
    channels = png.palette[0]?.length ?? 3;
    depth = 8;
  }
  const colours = channels === 2 || channels === 4 ? channels - 1 : channels;
  // Grey below 8 bits is packed, each row starting on a byte; otherwise one sample per entry.
  const rowLength = depth < 8 ? Math.ceil((width * depth) / 8) : width * channels;
  const out = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let on = false;
      if (depth < 8) {
        const bit = c * depth;
        on = ((data[r * rowLength + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1)) !== 0;
      } else {
        const o = r * rowLength + c * channels;
        for (let k = 0; k < colours; k++) on ||= data[o + k] !== 0;
        if (colours < channels && data[o + colours] === 0) on = false;
      }
      out[r * width + c] = on ? 1 : 0;
    }
  }
  return out;
}

/** The width and height a PNG's header chunk (IHDR, first after the signature) declares, if it is there. */
function declaredSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Point vessels at the centres of a mask's vessel pixels, one pixel per grid cell. Image row r
 * is grid row j = ny − 1 − r: the image's top is the domain's top (largest y), so the network
 * lies in the domain as the picture shows it, as the field PNGs are drawn. Sorted by cell.
 * Errors quote `name`, the path as the scenario wrote it, and come from `source`, the file read.
 */
export function maskToVessels(bytes: Uint8Array, grid: Grid, vessel: Omit<Vessel, 'xMicrons' | 'yMicrons'>, name: string, source = name): Vessel[] {
  const fail = (problem: string) => new ScenarioError([`vessels.path = "${name}": ${problem}`], source);
  const undecodable = (error: unknown) => fail(`the PNG image cannot be decoded (${(error as Error).message}); allowed: ${ALLOWED_FILES}`);
  const { nx, ny, dxMicrons: h } = grid;
  const checkSize = ({ width, height }: { width: number; height: number }) => {
    if (width === nx && height === ny) return;
    throw fail(
      `the mask image is ${width} × ${height} pixels but the grid is nx × ny = ${nx} × ${ny} cells; ` +
        `one pixel is one grid cell, so the image must be ${nx} × ${ny} pixels`,
    );
  };
  // Before decoding: a header claiming a huge image would be allocated and filled first.
  const declared = declaredSize(bytes);
  if (declared !== undefined) checkSize(declared);
  let png: DecodedPng;
  try {
    png = decode(bytes);
  } catch (error) {
    throw undecodable(error);
  }
  checkSize(png);
  let on: Uint8Array;
  try {
    on = vesselPixels(png);
  } catch (error) {
    // A palette too short for the pixels' indices, or empty, is found only when they are looked up.
    throw undecodable(error);
  }
  const vessels: Vessel[] = [];
  for (let j = 0; j < ny; j++) {
    const r = ny - 1 - j;
    for (let i = 0; i < nx; i++) {
      if (on[r * nx + i]) vessels.push({ xMicrons: (i + 0.5) * h, yMicrons: (j + 0.5) * h, ...vessel });
    }
  }
  if (vessels.length === 0) throw fail('the mask has no vessel pixels: black or fully transparent is tissue, any other colour is vessel');
  return vessels;
}

/** Points and segments from a JSON array, each checked as in the "list" and "segments" modes. */
function jsonToVessels(bytes: Uint8Array, spec: VesselFileSpec, grid: Grid, source: string): Vessel[] {
  const fail = (problems: Problems) => new ScenarioError(problems, source);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    // The parser's message quotes the file's first bytes: never echo a file's content back.
    throw fail([`vessels.path = "${spec.path}" is neither a PNG image (no PNG signature) nor valid JSON; allowed: ${ALLOWED_FILES}`]);
  }
  const nesting = nestingProblem(json, spec.path);
  if (nesting !== undefined) throw fail([nesting]);
  if (!Array.isArray(json) || json.length === 0) {
    throw fail([`${spec.path} = ${describeValue(json)} must be a non-empty JSON array; allowed: ${ALLOWED_FILES}`]);
  }
  const problems: Problems = [];
  const defaults = { radiusMicrons: spec.radiusMicrons, wallPO2MmHg: spec.wallPO2MmHg };
  const isSegment = (v: unknown) => isPlainObject(v) && ['x0Microns', 'y0Microns', 'x1Microns', 'y1Microns'].some((k) => k in v);
  const entries = json.map((v, i) => {
    const path = childPath(spec.path, i);
    return isSegment(v) ? readVesselSegment(v, path, defaults, problems) : readVesselPoint(v, path, defaults, problems);
  });
  if (problems.length > 0) throw fail(problems);
  const read = entries as (Vessel | VesselSegment)[];
  problems.push(...outsideDomain(grid, read, (i) => childPath(spec.path, i)));
  if (problems.length > 0) throw fail(problems);
  return read.flatMap((e) => ('x0Microns' in e ? segmentsToVessels(grid, [e]) : [e]));
}

/** `path` against `baseDir`, unless it is absolute (POSIX or Windows). */
export function joinPath(baseDir: string, path: string): string {
  if (baseDir === '' || /^([\\/]|[A-Za-z]:[\\/])/.test(path)) return path;
  return `${baseDir.replace(/[\\/]+$/, '')}/${path}`;
}

/**
 * Reads a file-mode vessel spec into the list-mode spec the simulation uses: a PNG (by its
 * signature, whatever the extension) as a mask, anything else as JSON. A relative path is
 * taken from `baseDir`, the scenario file's directory. Every failure is a ScenarioError whose
 * source is the file read.
 */
export async function resolveVesselFile(spec: VesselFileSpec, baseDir: string, readFile: ReadFile, grid: Grid): Promise<ListSpec> {
  const file = joinPath(baseDir, spec.path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ScenarioError([`vessels.path = "${spec.path}" cannot be read (${(error as Error).message}); allowed: ${ALLOWED_FILES}`], file);
  }
  const list = hasPngSignature(bytes)
    ? maskToVessels(bytes, grid, { radiusMicrons: spec.radiusMicrons, wallPO2MmHg: spec.wallPO2MmHg }, spec.path, file)
    : jsonToVessels(bytes, spec, grid, file);
  return { mode: 'list', list };
}
