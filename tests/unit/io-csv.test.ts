import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvNumber, csvText } from '../../src/io/csv.ts';
import { CsvWriter } from '../../src/io/csv-file.ts';

const columns = [
  { name: 'time', unit: 'day' },
  { name: 'live_tissue', unit: 'cells' },
  { name: 'hypoxic_fraction', unit: '1' },
];

describe('csvText', () => {
  it('puts each unit in the header and ends every line in LF', () => {
    expect(csvText(columns, [[0, 120, 0.25], [0.5, 131, 0.5]])).toBe(
      'time [day],live_tissue [cells],hypoxic_fraction [1]\n0,120,0.25\n0.5,131,0.5\n',
    );
    expect(csvText([{ name: 'ratio', unit: '' }], [])).toBe('ratio [1]\n');
  });

  it('quotes a field with a comma, a quote or a line break, and only those', () => {
    const text = csvText(
      [{ name: 'stress, radial', unit: 'kPa' }, { name: 'label', unit: '1' }],
      [[1, 'core "A"'], [2, 'line\nbreak'], [3, 'plain text']],
    );
    expect(text).toBe('"stress, radial [kPa]",label [1]\n1,"core ""A"""\n2,"line\nbreak"\n3,plain text\n');
  });

  it('writes numbers that read back exactly', () => {
    const values = [0.1 + 0.2, 1 / 3, Math.PI * 1e-300, 123456789.125, -2.5e-7, Number.MAX_VALUE, 5e-324];
    const text = csvText([{ name: 'x', unit: '1' }], values.map((v) => [v]));
    const back = text.trim().split('\n').slice(1).map(Number);
    expect(back).toEqual(values);
    expect(text).toContain('\n0.30000000000000004\n');
  });

  it('writes integers without a decimal point, and −0, NaN and ±∞ by name', () => {
    expect([0, 7, -42, 2 ** 53, 1e21].map(csvNumber)).toEqual(['0', '7', '-42', '9007199254740992', '1e+21']);
    expect([-0, NaN, Infinity, -Infinity].map(csvNumber)).toEqual(['-0', 'NaN', 'Inf', '-Inf']);
    expect(Object.is(Number(csvNumber(-0)), -0)).toBe(true);
  });

  it('refuses a row with the wrong number of fields', () => {
    expect(() => csvText(columns, [[0, 1, 2], [0, 1]])).toThrow(/row 1 has 2 fields, expected 3/);
  });
});

describe('CsvWriter', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('appends rows to the file as they come, replacing an earlier run', () => {
    dir = mkdtempSync(join(tmpdir(), 'confine-csv-'));
    const path = join(dir, 'series.csv');
    writeFileSync(path, 'left over from an earlier run\n');
    const writer = new CsvWriter(path, columns);
    expect(readFileSync(path, 'utf8')).toBe('time [day],live_tissue [cells],hypoxic_fraction [1]\n');
    writer.append([0, 120, 0.1 + 0.2]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    writer.appendRows([[1, 130, 0.5], [2, 140, NaN]]);
    expect(writer.rowCount).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe(
      csvText(columns, [[0, 120, 0.1 + 0.2], [1, 130, 0.5], [2, 140, NaN]]),
    );
    expect(() => writer.appendRows([[3, 150, 0.5], [4]])).toThrow(/row 4 has 1 fields/);
    expect(writer.rowCount).toBe(3);
  });
});
