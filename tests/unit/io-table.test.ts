import { describe, it, expect } from 'vitest';
import { formatTable, type TableColumn } from '../../src/io/table.ts';
import { formatFloat32, formatNumber } from '../../src/io/number-format.ts';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [42, '42'],
    [-1500, '-1500'],
    [3.14159, '3.14'],
    [0.5, '0.5'],
    [12345.678, '12346'],
    [0.00123, '0.00123'],
    [1.234e-4, '1.23e-4'],
    [-9.99e-9, '-9.99e-9'],
    [2.5e7, '2.5e7'],
    [NaN, 'NaN'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%s → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('takes the number of significant digits', () => {
    expect(formatNumber(Math.PI, 5)).toBe('3.1416');
    expect(formatNumber(1.23456e-6, 2)).toBe('1.2e-6');
  });

  it('writes float32 values in their shortest exact form', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    for (const v of [Math.fround(1e-30), Math.fround(123456.789), Math.fround(-7.25e12)]) {
      expect(Math.fround(Number(formatFloat32(v)))).toBe(v);
    }
  });
});

describe('formatTable', () => {
  const rows = [
    { grid: '64²', cells: 4096, error: 1.234e-4, time: 0.5 },
    { grid: '128²', cells: 16384, error: 3.1e-5, time: 2.25 },
  ];
  const columns: TableColumn[] = [
    { key: 'grid', header: 'grid' },
    { key: 'cells', header: 'cells' },
    { key: 'error', header: 'L2 error' },
    { key: 'time', header: 'time [s]', format: (v) => Number(v).toFixed(2) },
  ];

  it('aligns text columns left and number columns right', () => {
    expect(formatTable(rows, columns, 'text')).toBe(
      [
        'grid  cells  L2 error  time [s]',
        '----  -----  --------  --------',
        '64²    4096   1.23e-4      0.50',
        '128²  16384    3.1e-5      2.25',
        '',
      ].join('\n'),
    );
  });

  it('writes GitHub Markdown with alignment markers and escaped pipes', () => {
    const md = formatTable([...rows, { grid: 'a|b', cells: 1, error: 0, time: 0 }], columns, 'markdown');
    expect(md.split('\n').slice(0, 3)).toEqual([
      '| grid | cells | L2 error | time [s] |',
      '| ---- | ----: | -------: | -------: |',
      '| 64²  |  4096 |  1.23e-4 |     0.50 |',
    ]);
    expect(md).toContain('| a\\|b |     1 |        0 |     0.00 |');
  });

  it('leaves missing values empty and honours an explicit alignment', () => {
    const text = formatTable([{ name: 'x' }, { name: 'long name', value: 2 }], [
      { key: 'name', header: 'name', align: 'right' },
      { key: 'value', header: 'v' },
    ], 'text');
    expect(text.split('\n')).toEqual(['     name  v', '---------  -', '        x', 'long name  2', '']);
  });
});
