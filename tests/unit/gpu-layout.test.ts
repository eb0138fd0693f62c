// A kernel's bindings and workgroup sizes come from its WGSL and src/gpu/workgroup.ts; a spec or
// bind group that disagrees fails when it is built, naming the kernel and the binding. These
// checks run before any GPU call, so no device is needed.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/gpu/kernel.ts';
import { wgslBindings } from '../../src/gpu/wgsl-bindings.ts';
import { WG_1D, WG_2D, workgroupConstants } from '../../src/gpu/workgroup.ts';

const CODE = `
// @binding(9) in a comment is not a binding
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
override WG: u32;
override WG_X: u32;
`;

const noDevice = {} as GPUDevice;

describe('WGSL bindings', () => {
  it('reads each binding number and kind by name', () => {
    expect(Object.fromEntries(wgslBindings('K', CODE))).toEqual({
      params: { binding: 0, kind: 'uniform' },
      x: { binding: 2, kind: 'read-only-storage' },
      y: { binding: 1, kind: 'read-only-storage' },
      out: { binding: 3, kind: 'storage' },
    });
  });

  it('rejects what it cannot read as a buffer of group 0', () => {
    expect(() => wgslBindings('K', '@group(1) @binding(0) var<uniform> p: P;')).toThrow('K: WGSL binding p is in group 1');
    expect(() => wgslBindings('K', '@group(0) @binding(0) var<uniform> p: P; @group(0) @binding(0) var<uniform> q: P;')).toThrow('reuses @binding(0)');
    expect(() => wgslBindings('K', '@binding(0) @group(0) var<uniform> p: P;')).toThrow('1 @binding declarations in its WGSL, 0 of them read');
  });
});

describe('workgroup sizes', () => {
  it('gives a kernel exactly the overrides its code declares', () => {
    expect(workgroupConstants('K', CODE)).toEqual({ WG: WG_1D, WG_X: WG_2D });
    expect(workgroupConstants('K', '@compute @workgroup_size(1) fn main() {}')).toEqual({});
  });

  it('rejects a WGSL default and an override it does not define', () => {
    expect(() => workgroupConstants('K', 'override WG: u32 = 64u;')).toThrow('K: WGSL override WG has a default');
    expect(() => workgroupConstants('K', 'override TILE: u32;')).toThrow('K: WGSL override TILE is not a workgroup size');
  });
});

describe('kernel bindings by name', () => {
  it('fails to build when the names are not the WGSL\'s', () => {
    expect(() => new Kernel(noDevice, { label: 'K', code: CODE, bindings: ['params', 'x', 'y', 'z'] })).toThrow('K: binding "z" is not declared in the WGSL (it declares params, x, y, out)');
    expect(() => new Kernel(noDevice, { label: 'K', code: CODE, bindings: ['params', 'x', 'y'] })).toThrow('K: WGSL binding(s) "out" (@binding(3)) not named');
    expect(() => new Kernel(noDevice, { label: 'K', code: CODE, bindings: ['params', 'x', 'y', 'out', 'x'] })).toThrow('K: binding "x" is named twice');
  });
});
