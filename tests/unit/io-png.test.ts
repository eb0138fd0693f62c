import { describe, it, expect } from 'vitest';
import { decode } from 'fast-png';
import { GLYPH_HEIGHT, GLYPH_WIDTH, drawText, hasGlyph, textWidth, type RgbImage } from '../../src/io/bitmap-font.ts';
import { colorOf, NAN_RGB } from '../../src/io/colormap.ts';
import { defaultRange, fieldToPng, layoutFieldPng, type FieldPngOptions } from '../../src/io/png.ts';

function pixel(png: ReturnType<typeof decode>, x: number, y: number): number[] {
  const o = (y * png.width + x) * png.channels;
  return [...png.data.subarray(o, o + 3)];
}

/** Pixel at the centre of grid cell (i, j), j counted from the bottom. */
function cellPixel(png: ReturnType<typeof decode>, opts: FieldPngOptions, i: number, j: number): number[] {
  const { field, scale } = layoutFieldPng(opts);
  const x = field.x + i * scale + Math.floor(scale / 2);
  const y = field.y + (opts.ny - 1 - j) * scale + Math.floor(scale / 2);
  return pixel(png, x, y);
}

describe('fieldToPng', () => {
  const nx = 8;
  const ny = 4;
  const data = Float32Array.from({ length: nx * ny }, (_, k) => k);
  data[nx + 3] = NaN;
  const opts: FieldPngOptions = { data, nx, ny, map: 'viridis', title: 'oxygen', unit: 'mmHg', scale: 5 };

  it('decodes to the laid-out size with the field colour-mapped, y up', () => {
    const png = decode(fieldToPng(opts));
    const layout = layoutFieldPng(opts);
    expect([png.width, png.height, png.depth]).toEqual([layout.width, layout.height, 8]);
    expect(layout.field.width).toBe(nx * 5);
    const range: [number, number] = [0, nx * ny - 1];
    expect(cellPixel(png, opts, 0, 0)).toEqual(colorOf(0, range, 'viridis'));
    expect(cellPixel(png, opts, 5, 2)).toEqual(colorOf(2 * nx + 5, range, 'viridis'));
    expect(cellPixel(png, opts, nx - 1, ny - 1)).toEqual(colorOf(range[1], range, 'viridis'));
    expect(cellPixel(png, opts, 3, 1)).toEqual([...NAN_RGB]);
  });

  it('draws a colour bar with max at the top and labels for the range', () => {
    const png = decode(fieldToPng(opts));
    const { bar, ticks } = layoutFieldPng(opts);
    const cx = bar.x + Math.floor(bar.width / 2);
    expect(pixel(png, cx, bar.y)).toEqual([253, 231, 37]);
    expect(pixel(png, cx, bar.y + bar.height - 1)).toEqual([68, 1, 84]);
    expect(ticks.map((t) => t.text)).toEqual(['31', '15.5', '0']);
    // Some label pixels are black ink.
    let ink = 0;
    for (let y = ticks[0]!.y; y < ticks[0]!.y + GLYPH_HEIGHT; y++) {
      for (let x = ticks[0]!.x; x < ticks[0]!.x + textWidth('31'); x++) if (pixel(png, x, y).every((c) => c === 0)) ink++;
    }
    expect(ink).toBeGreaterThan(10);
  });

  it('honours an explicit range and the default upscaling', () => {
    const explicit = { ...opts, range: [10, 20] as [number, number], scale: undefined, map: 'magma' as const };
    const layout = layoutFieldPng(explicit);
    expect(layout.scale).toBe(32);
    expect(layout.fontScale).toBe(1);
    const png = decode(fieldToPng(explicit));
    expect(cellPixel(png, explicit, 0, 0)).toEqual(colorOf(10, [10, 20], 'magma'));
    expect(cellPixel(png, explicit, 7, 3)).toEqual(colorOf(20, [10, 20], 'magma'));
    expect(layout.title.text).toBe('oxygen [mmHg]');
  });

  it('uses a symmetric range for coolwarm and the finite min/max otherwise', () => {
    const signed = new Float32Array([-2, 5, NaN, Infinity]);
    expect(defaultRange(signed, 'coolwarm')).toEqual([-5, 5]);
    expect(defaultRange(signed, 'viridis')).toEqual([-2, 5]);
    expect(defaultRange(new Float32Array([NaN]), 'viridis')).toEqual([0, 1]);
    const png = decode(fieldToPng({ data: new Float32Array([-1, 0, 1, 0.5]), nx: 2, ny: 2, map: 'coolwarm', title: 'p', unit: 'kPa' }));
    expect(cellPixel(png, { data: new Float32Array(4), nx: 2, ny: 2, map: 'coolwarm', title: 'p', unit: 'kPa' }, 1, 0)).toEqual(
      colorOf(0, [-1, 1], 'coolwarm'),
    );
  });

  it('rejects a field of the wrong size', () => {
    expect(() => fieldToPng({ ...opts, nx: 3 })).toThrow(/expected nx·ny = 12/);
  });
});

describe('bitmap font', () => {
  it('has glyphs for digits, letters and unit symbols', () => {
    const needed = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-e+[]µ/² ';
    expect([...needed].filter((c) => !hasGlyph(c))).toEqual([]);
    expect(hasGlyph('§')).toBe(false);
  });

  it('draws the pattern of a glyph at integer scale', () => {
    const img: RgbImage = { width: 12, height: 18, data: new Uint8Array(12 * 18 * 3) };
    drawText(img, 1, 1, '1', [255, 255, 255], 2);
    const on = (x: number, y: number) => img.data[(y * img.width + x) * 3] === 255;
    const rows: string[] = [];
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      let row = '';
      for (let c = 0; c < GLYPH_WIDTH; c++) row += on(1 + c * 2, 1 + r * 2) ? '#' : '.';
      rows.push(row);
    }
    expect(rows).toEqual(['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.', '.....']);
    expect(textWidth('abc', 2)).toBe(34);
  });
});
