// The verification table's rules: a row without a bound says "reported", never "pass"; the
// committed Markdown is the committed JSON's table; and the comparison with a new run catches a
// removed bound, a moved value, a changed verdict and a missing row.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verdict, verifyTable } from '../../src/verify/table.ts';
import { tableDifferences, VALUE_TOLERANCE } from '../../src/verify/table-compare.ts';
import { withOrders, type VerifyRow } from '../../src/verify/types.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const committed: VerifyRow[] = JSON.parse(read('docs/verification.json')).rows;

describe('verification table', () => {
  it('says "reported" for a row without a bound, and checks an order bound', () => {
    const [coarse, fine] = withOrders([
      { case: 'c', grid: '32²', quantity: 'e', value: 4e-3 },
      { case: 'c', grid: '64²', quantity: 'e', value: 2e-3 },
    ], 1.8);
    expect(verdict(coarse!)).toBe('reported');
    expect(fine!.order).toBeCloseTo(1, 12);
    expect(verdict(fine!)).toBe('FAIL');
    expect(verdict({ ...fine!, minOrder: 0.8 })).toBe('pass');
    expect(verdict({ case: 'c', grid: 'g', quantity: 'e', value: 2, threshold: 1 })).toBe('FAIL');
  });

  it('commits a Markdown table that is the committed JSON rows', () => {
    expect(read('docs/verification.md')).toBe(`${verifyTable(committed, 'markdown')}\n`);
  });

  it('never prints "pass" on a row with neither a threshold nor an order bound', () => {
    const unbounded = committed.filter((r) => r.threshold === undefined && r.minOrder === undefined);
    expect(unbounded.length).toBeGreaterThan(0);
    for (const r of unbounded) expect(verdict(r)).toBe('reported');
    const lines = read('docs/verification.md').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| case') && !l.startsWith('| ---'));
    expect(lines).toHaveLength(committed.length);
    for (const line of lines) {
      const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
      const [threshold, , bound, result] = cells.slice(4);
      if (!threshold && !bound) expect(result, line).toBe('reported');
      else expect(['pass', 'FAIL'], line).toContain(result);
    }
  });

  it('keeps one copy of the table: the README links docs/verification.md instead of repeating rows', () => {
    const readme = read('README.md');
    expect(readme).toContain('(docs/verification.md)');
    for (const r of committed) expect(readme).not.toContain(`| ${r.case.replaceAll('|', '\\|')} `);
  });

  it('tells a new run from the committed table: rows, bounds, verdicts and values', () => {
    expect(tableDifferences(committed, committed.map((r) => ({ ...r })))).toEqual([]);
    const bounded = committed.findIndex((r) => r.threshold !== undefined && !r.rounding);
    const withoutBound = committed.map((r, i) => (i === bounded ? { ...r, threshold: undefined } : r));
    expect(tableDifferences(committed, withoutBound).join('\n')).toMatch(/threshold none, committed/);
    const ordered = committed.findIndex((r) => r.minOrder !== undefined);
    const withoutOrder = committed.map((r, i) => (i === ordered ? { ...r, minOrder: undefined } : r));
    expect(tableDifferences(committed, withoutOrder).join('\n')).toMatch(/order bound none, committed/);
    const moved = committed.map((r, i) => (i === bounded ? { ...r, value: r.value * (1 + 2 * VALUE_TOLERANCE) } : r));
    expect(tableDifferences(committed, moved).join('\n')).toMatch(/more than 5 % apart/);
    const within = committed.map((r, i) => (i === bounded ? { ...r, value: r.value * (1 + VALUE_TOLERANCE / 2) } : r));
    expect(tableDifferences(committed, within)).toEqual([]);
    const failing = committed.map((r, i) => (i === bounded ? { ...r, value: r.threshold! * 2 } : r));
    expect(tableDifferences(committed, failing).join('\n')).toMatch(/FAIL, committed pass/);
    expect(tableDifferences(committed, committed.slice(1)).join('\n')).toMatch(/row no longer produced/);
    const rounding = committed.findIndex((r) => r.rounding);
    const noisy = committed.map((r, i) => (i === rounding ? { ...r, value: r.value * 1.5 } : r));
    expect(tableDifferences(committed, noisy)).toEqual([]);
  });
});
