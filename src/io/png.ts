// PNG snapshot of one field: the colour-mapped grid, a colour bar, and labels giving
// the quantity, its unit and the range, so a picture is readable without its run log.

import { encode } from 'fast-png';
import { drawText, fillRect, GLYPH_HEIGHT, textWidth, type RgbImage } from './bitmap-font.ts';
import { colorOf, mapToRgba, type ColorMapName } from './colormap.ts';
import { formatNumber } from './number-format.ts';

export interface FieldPngOptions {
  /** Row-major nx × ny values, row 0 at the bottom of the domain. */
  data: Float32Array;
  nx: number;
  ny: number;
  /** Colour range; defaults to the finite min/max (symmetric about 0 for 'coolwarm'). */
  range?: [number, number];
  map: ColorMapName;
  title: string;
  unit: string;
  /** Integer upscaling of each grid cell; defaults to enough for about 256 px. */
  scale?: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FieldPngLayout {
  width: number;
  height: number;
  scale: number;
  /** Integer scale of the 5×7 font. */
  fontScale: number;
  title: { x: number; y: number; text: string };
  field: Rect;
  bar: Rect;
  /** Labels right of the bar: max level with its top, the midpoint, min level with its bottom. */
  ticks: Array<{ x: number; y: number; text: string; value: number }>;
}

const WHITE: readonly [number, number, number] = [255, 255, 255];
const BLACK: readonly [number, number, number] = [0, 0, 0];

/** Range used when none is given: finite min/max, symmetric for the diverging map. */
export function defaultRange(data: Float32Array, map: ColorMapName): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return map === 'coolwarm' ? [-1, 1] : [0, 1];
  if (map === 'coolwarm') {
    const m = Math.max(Math.abs(min), Math.abs(max));
    return m > 0 ? [-m, m] : [-1, 1];
  }
  return [min, max];
}

/** Where every part of the image goes; exported so callers and tests can find pixels. */
export function layoutFieldPng(opts: FieldPngOptions): FieldPngLayout {
  const { nx, ny } = opts;
  const scale = opts.scale ?? Math.max(1, Math.ceil(256 / Math.max(nx, ny)));
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a positive integer, got ${scale}`);
  const range = opts.range ?? defaultRange(opts.data, opts.map);
  const fieldW = nx * scale;
  const fieldH = ny * scale;
  const fontScale = fieldH >= 192 ? 2 : 1;
  const lineH = GLYPH_HEIGHT * fontScale;
  const pad = 4 * fontScale;

  const titleText = opts.unit ? `${opts.title} [${opts.unit}]` : opts.title;
  const title = { x: pad, y: pad, text: titleText };
  const field = { x: pad, y: pad + lineH + pad, width: fieldW, height: fieldH };
  // The bar is at least three lines tall so the labels never overlap.
  const bar = { x: field.x + fieldW + pad, y: field.y, width: 10 * fontScale, height: Math.max(fieldH, 3 * lineH) };

  // No tick marks: beside a label a short dash reads as a minus sign.
  const labelX = bar.x + bar.width + 3 * fontScale;
  const tickValues = [range[1], (range[0] + range[1]) / 2, range[0]];
  const tickYs = [bar.y, bar.y + Math.round((bar.height - lineH) / 2), bar.y + bar.height - lineH];
  const ticks = tickValues.map((value, k) => ({ x: labelX, y: tickYs[k]!, text: formatNumber(value), value }));

  const labelsRight = labelX + Math.max(...ticks.map((t) => textWidth(t.text, fontScale)));
  const width = Math.max(labelsRight, title.x + textWidth(titleText, fontScale)) + pad;
  const height = field.y + Math.max(fieldH, bar.height) + pad;
  return { width, height, scale, fontScale, title, field, bar, ticks };
}

/** Encodes the field with its legend as an 8-bit RGB PNG. */
export function fieldToPng(opts: FieldPngOptions): Uint8Array {
  const { data, nx, ny, map } = opts;
  if (data.length !== nx * ny) throw new Error(`field has ${data.length} values, expected nx·ny = ${nx * ny}`);
  const range = opts.range ?? defaultRange(data, map);
  const layout = layoutFieldPng({ ...opts, range });
  const img: RgbImage = { width: layout.width, height: layout.height, data: new Uint8Array(layout.width * layout.height * 3) };
  fillRect(img, 0, 0, img.width, img.height, WHITE);

  drawField(img, mapToRgba(data, nx, ny, range, map), nx, ny, layout.field, layout.scale);
  drawBar(img, layout.bar, range, map);
  const fs = layout.fontScale;
  drawText(img, layout.title.x, layout.title.y, layout.title.text, BLACK, fs);
  for (const tick of layout.ticks) drawText(img, tick.x, tick.y, tick.text, BLACK, fs);
  return encode({ width: img.width, height: img.height, data: img.data, channels: 3, depth: 8 });
}

function drawField(img: RgbImage, rgba: Uint8ClampedArray, nx: number, ny: number, at: Rect, scale: number): void {
  for (let y = 0; y < ny * scale; y++) {
    const src = Math.floor(y / scale) * nx;
    const dst = (at.y + y) * img.width + at.x;
    for (let x = 0; x < nx * scale; x++) {
      const s = (src + Math.floor(x / scale)) * 4;
      const d = (dst + x) * 3;
      img.data[d] = rgba[s]!;
      img.data[d + 1] = rgba[s + 1]!;
      img.data[d + 2] = rgba[s + 2]!;
    }
  }
}

/** Vertical gradient, range max at the top, sampled through the same lookup as the field. */
function drawBar(img: RgbImage, bar: Rect, range: readonly [number, number], map: ColorMapName): void {
  for (let r = 0; r < bar.height; r++) {
    const t = bar.height > 1 ? 1 - r / (bar.height - 1) : 0.5;
    const rgb = colorOf(range[0] + t * (range[1] - range[0]), range, map);
    fillRect(img, bar.x, bar.y + r, bar.width, 1, rgb);
  }
}
