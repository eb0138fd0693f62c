import { describe, it, expect } from 'vitest';
import { readVti, splitArrayTitle, writeVti } from '../../src/io/vti.ts';

const nx = 5;
const ny = 3;

function grid() {
  const oxygen = Float32Array.from({ length: nx * ny }, (_, i) => Math.sin(i) * 40 + 1e-7 * i);
  oxygen[4] = NaN;
  oxygen[5] = -0;
  const displacement = Float32Array.from({ length: (nx + 1) * (ny + 1) * 2 }, (_, i) => (i % 2 ? -i : i) * 0.1);
  const stress = Float32Array.from({ length: nx * ny * 3 }, (_, i) => i * 1.5e3);
  return { oxygen, displacement, stress };
}

function write() {
  const { oxygen, displacement, stress } = grid();
  return writeVti({
    nx,
    ny,
    spacing: [10, 12.5],
    origin: [-25, 3],
    cellArrays: [
      { name: 'oxygen', unit: 'mmHg', data: oxygen },
      { name: 'stress', unit: 'kPa', data: stress, components: 3 },
      { name: 'phase', unit: '', data: new Float32Array(nx * ny).fill(1) },
    ],
    pointArrays: [{ name: 'displacement', unit: 'µm', data: displacement, components: 2 }],
  });
}

function bitsOf(a: Float32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}

/** XML part of the file: everything before the '_' that opens the raw block. */
function xmlHead(bytes: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(bytes);
  return new TextDecoder().decode(bytes.subarray(0, text.indexOf('_', text.indexOf('<AppendedData'))));
}

describe('writeVti / readVti', () => {
  it('round-trips names, units, geometry and values bit-exactly', () => {
    const { oxygen, displacement, stress } = grid();
    const file = readVti(write());
    expect(file.nx).toBe(nx);
    expect(file.ny).toBe(ny);
    expect(file.spacing).toEqual([10, 12.5]);
    expect(file.origin).toEqual([-25, 3]);
    expect(file.cellArrays.map((a) => [a.name, a.unit, a.components])).toEqual([
      ['oxygen', 'mmHg', 1],
      ['stress', 'kPa', 3],
      ['phase', '', 1],
    ]);
    expect(bitsOf(file.cellArrays[0]!.data)).toEqual(bitsOf(oxygen));
    expect(bitsOf(file.cellArrays[1]!.data)).toEqual(bitsOf(stress));

    const [disp] = file.pointArrays;
    expect(disp!.name).toBe('displacement');
    expect(disp!.unit).toBe('µm');
    expect(disp!.components).toBe(3);
    const points = (nx + 1) * (ny + 1);
    expect(disp!.data.length).toBe(points * 3);
    for (let i = 0; i < points; i++) {
      expect(disp!.data[i * 3]).toBe(displacement[i * 2]);
      expect(disp!.data[i * 3 + 1]).toBe(displacement[i * 2 + 1]);
      expect(disp!.data[i * 3 + 2]).toBe(0);
    }
  });

  it('writes the 2D extent, units in names and ParaView active attributes', () => {
    const xml = xmlHead(write());
    expect(xml).toContain('WholeExtent="0 5 0 3 0 0"');
    expect(xml).toContain('header_type="UInt64"');
    expect(xml).toContain('Name="oxygen [mmHg]"');
    expect(xml).toContain('Name="displacement [µm]" NumberOfComponents="3"');
    expect(xml).toContain('<CellData Scalars="oxygen [mmHg]" Vectors="stress [kPa]">');
  });

  it('has byte-count headers that match the arrays and tile the appended block exactly', () => {
    const bytes = write();
    const xml = xmlHead(bytes);
    const start = new TextEncoder().encode(xml).length + 1;
    const little = /byte_order="LittleEndian"/.test(xml);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const arrays = [...xml.matchAll(/NumberOfComponents="(\d)" format="appended" offset="(\d+)"/g)];
    const tuples = [(nx + 1) * (ny + 1), nx * ny, nx * ny, nx * ny];
    expect(arrays.length).toBe(4);
    let expectedOffset = 0;
    arrays.forEach((m, k) => {
      const offset = Number(m[2]);
      expect(offset).toBe(expectedOffset);
      const count = Number(view.getBigUint64(start + offset, little));
      expect(count).toBe(tuples[k]! * Number(m[1]) * 4);
      expectedOffset = offset + 8 + count;
    });
    const tail = new TextDecoder().decode(bytes.subarray(start + expectedOffset));
    expect(tail).toBe('\n  </AppendedData>\n</VTKFile>\n');
  });

  it('produces well-formed XML (balanced tags, one root)', () => {
    const xml = xmlHead(write()) + '</AppendedData></VTKFile>';
    const stack: string[] = [];
    let roots = 0;
    for (const m of xml.matchAll(/<(\/?)([A-Za-z]\w*)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = m;
      if (closing) expect(stack.pop()).toBe(name);
      else if (!selfClosing) {
        if (stack.length === 0) roots++;
        stack.push(name!);
      }
    }
    expect(stack).toEqual([]);
    expect(roots).toBe(1);
    expect(xml.startsWith('<?xml version="1.0"')).toBe(true);
  });

  it('escapes XML in names and reads them back', () => {
    const bytes = writeVti({
      nx: 1,
      ny: 1,
      spacing: [1, 1],
      cellArrays: [{ name: 'a<b & "c"', unit: 'N/m²', data: new Float32Array([2]) }],
    });
    expect(xmlHead(bytes)).toContain('Name="a&lt;b &amp; &quot;c&quot; [N/m²]"');
    const [a] = readVti(bytes).cellArrays;
    expect([a!.name, a!.unit, a!.data[0]]).toEqual(['a<b & "c"', 'N/m²', 2]);
  });

  it('rejects arrays of the wrong length, naming them', () => {
    expect(() =>
      writeVti({ nx: 2, ny: 2, spacing: [1, 1], pointArrays: [{ name: 'u', unit: 'µm', data: new Float32Array(8), components: 2 }] }),
    ).toThrow(/point array 'u' has 8 values, expected 9×2/);
  });

  it('splits titles without a unit', () => {
    expect(splitArrayTitle('density')).toEqual({ name: 'density', unit: '' });
    expect(splitArrayTitle('von Mises stress [kPa]')).toEqual({ name: 'von Mises stress', unit: 'kPa' });
  });
});
