import { describe, expect, it } from 'vitest';
import { packNamed, scalarStruct, slotOf, unpackStruct } from '../../src/gpu/struct-layout.ts';

const CODE = `
struct Params {
  cells: u32,   // a comment
  dt: f32,
  shift: i32,
}`;

describe('WGSL struct layout', () => {
  it('reads field order and types from the WGSL text', () => {
    const s = scalarStruct(CODE, 'Params');
    expect(s.fields).toEqual([{ name: 'cells', type: 'u32' }, { name: 'dt', type: 'f32' }, { name: 'shift', type: 'i32' }]);
    expect(s.size).toBe(12);
    expect(slotOf(s, 'dt')).toBe(1);
  });

  it('packs values by field name, little-endian, in the struct order', () => {
    const view = new DataView(packNamed(CODE, 'Params', { dt: 0.5, shift: -3, cells: 7 }));
    expect(view.getUint32(0, true)).toBe(7);
    expect(view.getFloat32(4, true)).toBe(0.5);
    expect(view.getInt32(8, true)).toBe(-3);
  });

  it('unpacks what it packed, with f32 fields rounded as the shader reads them', () => {
    const s = scalarStruct(CODE, 'Params');
    expect(unpackStruct(s, packNamed(CODE, 'Params', { cells: 4e9, dt: 0.1, shift: -3 }))).toEqual({ cells: 4e9, dt: Math.fround(0.1), shift: -3 });
  });

  it('refuses a missing or unknown field, naming it', () => {
    expect(() => packNamed(CODE, 'Params', { cells: 1, dt: 1 })).toThrow(/field shift not given/);
    expect(() => packNamed(CODE, 'Params', { cells: 1, dt: 1, shift: 0, extra: 2 })).toThrow(/no field\(s\) extra/);
    expect(() => scalarStruct(CODE, 'Missing')).toThrow(/struct Missing not found/);
  });
});
