import { describe, it, expect } from 'vitest';
import { COLOR_MAP_NAMES, colorIndex, colorMapTable, colorOf, mapToRgba, NAN_RGB } from '../../src/io/colormap.ts';

/** Relative luminance (WCAG / Rec. 709) of an 8-bit sRGB colour. */
function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

describe('colour maps', () => {
  it('match matplotlib at their ends and control points', () => {
    expect([...colorMapTable('viridis').subarray(0, 3)]).toEqual([68, 1, 84]);
    expect([...colorMapTable('viridis').subarray(255 * 3)]).toEqual([253, 231, 37]);
    // Entry 128 of viridis is #21918c.
    expect([...colorMapTable('viridis').subarray(128 * 3, 129 * 3)]).toEqual([33, 145, 140]);
    expect([...colorMapTable('magma').subarray(0, 3)]).toEqual([0, 0, 4]);
    expect([...colorMapTable('magma').subarray(255 * 3)]).toEqual([252, 253, 191]);
    expect([...colorMapTable('coolwarm').subarray(0, 3)]).toEqual([59, 76, 192]);
    expect([...colorMapTable('coolwarm').subarray(255 * 3)]).toEqual([180, 4, 38]);
  });

  it.each(['viridis', 'magma'] as const)('%s rises monotonically in luminance', (map) => {
    const t = colorMapTable(map);
    const lum = (i: number) => luminance(t[i * 3]!, t[i * 3 + 1]!, t[i * 3 + 2]!);
    // 8-bit rounding can make neighbours dip by one blue step (~3e-4); a few entries apart it must rise.
    for (let i = 1; i < 256; i++) expect(lum(i), `entry ${i}`).toBeGreaterThan(lum(i - 1) - 5e-4);
    for (let i = 4; i < 256; i++) expect(lum(i), `entry ${i}`).toBeGreaterThan(lum(i - 4));
  });

  it('coolwarm is dark at both ends and lightest in the middle', () => {
    const t = colorMapTable('coolwarm');
    const lum = (i: number) => luminance(t[i * 3]!, t[i * 3 + 1]!, t[i * 3 + 2]!);
    expect(lum(128)).toBeGreaterThan(lum(64));
    expect(lum(64)).toBeGreaterThan(lum(0));
    expect(lum(127)).toBeGreaterThan(lum(192));
    expect(lum(192)).toBeGreaterThan(lum(255));
  });

  it('keeps the NaN grey far from every map colour', () => {
    for (const map of COLOR_MAP_NAMES) {
      const t = colorMapTable(map);
      for (let i = 0; i < 256; i++) {
        const d = Math.hypot(t[i * 3]! - NAN_RGB[0], t[i * 3 + 1]! - NAN_RGB[1], t[i * 3 + 2]! - NAN_RGB[2]);
        expect(d, `${map}[${i}]`).toBeGreaterThan(40);
      }
    }
  });

  it('indexes values like matplotlib, clamping outside the range', () => {
    expect(colorIndex(0, 0, 1)).toBe(0);
    expect(colorIndex(1, 0, 1)).toBe(255);
    expect(colorIndex(0.5, 0, 1)).toBe(128);
    expect(colorIndex(-5, 0, 1)).toBe(0);
    expect(colorIndex(Infinity, 0, 1)).toBe(255);
    expect(colorIndex(3, 3, 3)).toBe(128);
    expect(colorIndex(NaN, 0, 1)).toBe(-1);
    expect(() => colorMapTable('jet' as never)).toThrow(/unknown colour map 'jet'/);
  });
});

describe('mapToRgba', () => {
  it('puts field row 0 at the bottom of the image and NaN in grey', () => {
    const nx = 3;
    const ny = 2;
    // Row 0 (bottom): 0, 1, NaN; row 1 (top): 2, 3, 4.
    const data = new Float32Array([0, 1, NaN, 2, 3, 4]);
    const rgba = mapToRgba(data, nx, ny, [0, 4], 'viridis');
    const px = (x: number, y: number) => [...rgba.subarray((y * nx + x) * 4, (y * nx + x) * 4 + 4)];
    expect(px(0, 1)).toEqual([...colorOf(0, [0, 4], 'viridis'), 255]);
    expect(px(2, 1)).toEqual([...NAN_RGB, 255]);
    expect(px(0, 0)).toEqual([...colorOf(2, [0, 4], 'viridis'), 255]);
    expect(px(2, 0)).toEqual([253, 231, 37, 255]);
    expect(() => mapToRgba(data, 4, 2, [0, 1], 'magma')).toThrow(/expected nx·ny = 8/);
  });
});
