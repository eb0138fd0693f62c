// PNG vessel masks: valid images of every colour type and bit depth the PNG format has, one
// pixel per grid cell, with the vessel pixels counted from the picture; then masks that are the
// wrong size, blank, with a palette too short or empty, a header claiming a huge image, odd
// header fields, chunks missing or garbled, and the bytes damaged.
import fc from 'fast-check';
import type { Expectation } from './fuzz-case.ts';
import { byteDamage } from './byte-mutation.ts';
import { CHANNELS, PNG_SIGNATURE, idat, ihdr, pngFile, type Chunk, type Header } from './png-chunks.ts';
import { domain, type Domain } from './scenario-inputs.ts';
import type { VesselFileCase } from './vessel-file-format.ts';

interface MaskImage {
  readonly grid: Domain;
  readonly header: Header;
  readonly palette?: readonly (readonly number[])[];
  /** tRNS: the alpha of the first palette entries. */
  readonly alpha?: readonly number[];
  readonly samples: readonly number[];
  readonly vessels: number;
}

/** Colour type and bit depth: every combination PNG allows. */
const FORMATS: readonly (readonly [number, number])[] = [
  [0, 1], [0, 2], [0, 4], [0, 8], [0, 16], [2, 8], [2, 16], [3, 1], [3, 2], [3, 4], [3, 8], [4, 8], [4, 16], [6, 8], [6, 16],
];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A picture drawn pixel by pixel: a share `tissue` of pixels black or fully transparent, the
 * rest random; pixel 0 always a vessel. A vessel pixel has a colour that is not black and is
 * not fully transparent.
 */
function drawn(grid: Domain, [colourType, depth]: readonly [number, number], seed: number, tissue: number, paletteSize: number, transparent: boolean): MaskImage {
  const rand = random(seed);
  const top = 2 ** depth - 1;
  const channels = CHANNELS[colourType]!;
  const size = Math.max(2, Math.min(paletteSize, top + 1));
  // A palette index names one of the palette's colours; any other sample takes any value.
  const sample = () => Math.floor(rand() * (colourType === 3 ? size : top + 1));
  const palette = colourType === 3 ? Array.from({ length: size }, (_, i) => (i === 0 ? [0, 0, 0] : [Math.floor(rand() * 256) | (i === 1 ? 1 : 0), Math.floor(rand() * 256), Math.floor(rand() * 256)])) : undefined;
  const alpha = colourType === 3 && transparent ? Array.from({ length: Math.floor(rand() * size) + 1 }, (_, i) => (i === 1 ? 255 : Math.floor(rand() * 256))) : undefined;
  const hasAlpha = colourType === 4 || colourType === 6;
  const samples: number[] = [];
  let vessels = 0;
  for (let p = 0; p < grid.nx * grid.ny; p++) {
    const pixel = Array.from({ length: channels }, () => (p > 0 && rand() < tissue ? 0 : sample()));
    if (p === 0) pixel.fill(colourType === 3 ? 1 : top);
    // A transparent pixel of any colour is tissue too.
    if (hasAlpha && p > 0 && rand() < tissue / 2) pixel[channels - 1] = 0;
    const colour = palette ? palette[pixel[0]!]! : hasAlpha ? pixel.slice(0, -1) : pixel;
    const opacity = palette ? alpha?.[pixel[0]!] ?? 255 : hasAlpha ? pixel[channels - 1]! : 1;
    if (colour.some((c) => c !== 0) && opacity !== 0) vessels++;
    samples.push(...pixel);
  }
  return { grid, header: { width: grid.nx, height: grid.ny, depth, colourType }, palette, alpha, samples, vessels };
}

const maskImage: fc.Arbitrary<MaskImage> = fc.record({
  grid: domain(64), format: fc.constantFrom(...FORMATS), seed: fc.integer(), tissue: fc.double({ min: 0, max: 1, noNaN: true }),
  paletteSize: fc.integer({ min: 2, max: 256 }), transparent: fc.boolean(),
}).map(({ grid, format, seed, tissue, paletteSize, transparent }) => drawn(grid, format, seed, tissue, paletteSize, transparent));

function plte(palette: readonly (readonly number[])[]): Chunk {
  return { type: 'PLTE', data: Uint8Array.from(palette.flat()) };
}

/** The image's chunks, each part replaceable: the header, the palette and its alpha, the data. */
function chunksOf(img: MaskImage, parts: { header?: Header; palette?: Chunk | null; data?: Chunk[] } = {}): Chunk[] {
  const h = img.header;
  const palette = parts.palette === undefined ? (img.palette ? plte(img.palette) : undefined) : parts.palette ?? undefined;
  return [
    ihdr(parts.header ?? h),
    ...(palette ? [palette] : []),
    ...(img.alpha && palette ? [{ type: 'tRNS', data: Uint8Array.from(img.alpha.slice(0, palette.data.length / 3)) }] : []),
    ...(parts.data ?? [idat(h.width, h.height, h.depth, CHANNELS[h.colourType]!, img.samples)]),
    { type: 'IEND', data: new Uint8Array(0) },
  ];
}

function maskCase(img: MaskImage, bytes: Uint8Array, mutation: string, expect: Expectation, mentions: VesselFileCase['mentions'] = [], vessels?: number): VesselFileCase {
  return { grid: img.grid, bytes, mutation, expect, mentions, vessels };
}

const WRONG_SIZE = [['the mask image is']];

function gridOf(nx: number, ny: number, dxMicrons: number): Domain {
  return { nx, ny, dxMicrons, width: nx * dxMicrons, height: ny * dxMicrons };
}

function mutations(img: MaskImage): fc.Arbitrary<VesselFileCase> {
  const h = img.header;
  const valid = pngFile(chunksOf(img));
  const data = chunksOf(img).find((c) => c.type === 'IDAT')!.data;
  const same = (bytes: Uint8Array, mutation: string) => maskCase(img, bytes, mutation, 'accept', [], img.vessels);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(same(valid, 'none')) },
    fc.integer({ min: 1, max: 16 }).map((pieces) => {
      const step = Math.ceil(data.length / pieces);
      const split = Array.from({ length: Math.ceil(data.length / step) }, (_, i) => ({ type: 'IDAT', data: data.slice(i * step, (i + 1) * step) }));
      return same(pngFile(chunksOf(img, { data: split })), `data split into ${split.length} IDAT chunks`);
    }),
    fc.string({ unit: 'binary-ascii', minLength: 50, maxLength: 400 }).map((text) => {
      const chunks = chunksOf(img);
      const note = { type: 'tEXt', data: Uint8Array.from(`Comment\0${text}`, (c) => c.charCodeAt(0)) };
      return same(pngFile([chunks[0]!, note, ...chunks.slice(1)]), `a ${text.length}-character tEXt chunk`);
    }),
    fc.constantFrom<[number, number]>([8, 0], [0, 8], [-8, 0], [h.height - h.width, h.width - h.height]).filter(([dw, dh]) => dw !== 0 || dh !== 0)
      .map(([dw, dh]) => maskCase({ ...img, grid: gridOf(img.grid.nx + dw, img.grid.ny + dh, img.grid.dxMicrons) }, valid, `grid ${img.grid.nx + dw} × ${img.grid.ny + dh} for a ${h.width} × ${h.height} image`, 'refuse', WRONG_SIZE)),
    fc.constant(maskCase(img, pngFile(chunksOf({ ...img, samples: img.samples.map(() => 0) })), 'every pixel black', 'refuse', [['no vessel pixels']])),
    fc.tuple(fc.constantFrom(2 ** 31 - 1, 2 ** 32 - 1, 65535, 1 << 20, 0), fc.constantFrom(1, h.height, 2 ** 31 - 1)).map(([width, height]) =>
      maskCase(img, pngFile(chunksOf(img, { header: { ...h, width, height } })), `header claims ${width} × ${height} pixels`, 'refuse', WRONG_SIZE)),
    fc.record({
      depth: fc.constantFrom(h.depth, 0, 3, 5, 7, 9, 16, 32, 255), colourType: fc.constantFrom(h.colourType, 0, 1, 2, 3, 5, 6, 7, 255),
      compression: fc.constantFrom(0, 1, 255), filter: fc.constantFrom(0, 1), interlace: fc.constantFrom(0, 1, 2),
    }).map((fields) => maskCase(img, pngFile(chunksOf(img, { header: { ...h, ...fields } })), `header fields ${JSON.stringify(fields)}`, 'either')),
    fc.uint8Array({ maxLength: 200 }).map((garbage) => maskCase(img, pngFile(chunksOf(img, { data: [{ type: 'IDAT', data: garbage }] })), `${garbage.length} bytes of garbage as the image data`, 'either')),
    fc.nat({ max: chunksOf(img).length - 1 }).map((i) => maskCase(img, pngFile(chunksOf(img).filter((_, k) => k !== i)), `chunk ${chunksOf(img)[i]!.type} left out`, 'either')),
    byteDamage(valid, PNG_SIGNATURE.length).map(({ bytes, mutation }) => maskCase(img, bytes, mutation, 'either')),
    ...(img.palette ? [palettes(img)] : []),
  );
}

/** A palette missing, empty, or too short for the indices the pixels use. */
function palettes(img: MaskImage): fc.Arbitrary<VesselFileCase> {
  const file = (palette: Chunk | null, mutation: string, expect: Expectation) => maskCase(img, pngFile(chunksOf(img, { palette })), mutation, expect);
  return fc.oneof(
    fc.constant(file(null, 'palette left out', 'either')),
    fc.constant(file(plte([]), 'empty palette', 'refuse')),
    fc.constant(file(plte(img.palette!.slice(0, 1)), 'one-colour palette for pixels that use two', 'refuse')),
  );
}

export const maskCases: fc.Arbitrary<VesselFileCase> = maskImage.chain(mutations);
