// The verification table as text or Markdown: every row says what bounds it, and a row without
// a bound says "reported", never "pass".
import { formatTable, type TableStyle } from '../io/table.ts';
import { formatNumber } from '../io/number-format.ts';
import { checked, passes, type VerifyRow } from './types.ts';

export function verdict(row: VerifyRow): 'pass' | 'FAIL' | 'reported' {
  return !checked(row) ? 'reported' : passes(row) ? 'pass' : 'FAIL';
}

export function verifyTable(rows: readonly VerifyRow[], style: TableStyle): string {
  return formatTable(
    rows.map((r) => ({
      case: r.case,
      grid: r.grid,
      quantity: r.quantity,
      value: formatNumber(r.value),
      threshold: r.threshold === undefined ? '' : `≤ ${formatNumber(r.threshold)}`,
      order: r.order === undefined ? '' : r.order.toFixed(2),
      minOrder: r.minOrder === undefined ? '' : `≥ ${formatNumber(r.minOrder)}`,
      result: verdict(r),
    })),
    [
      { key: 'case', header: 'case' },
      { key: 'grid', header: 'grid' },
      { key: 'quantity', header: 'error norm' },
      { key: 'value', header: 'value', align: 'right' },
      { key: 'threshold', header: 'threshold' },
      { key: 'order', header: 'observed order', align: 'right' },
      { key: 'minOrder', header: 'order bound' },
      { key: 'result', header: '' },
    ],
    style,
  );
}

/** "N passed, M failed, K reported without a bound". */
export function verdictCounts(rows: readonly VerifyRow[]): { passed: number; failed: number; reported: number } {
  const counts = { passed: 0, failed: 0, reported: 0 };
  for (const r of rows) {
    const v = verdict(r);
    if (v === 'pass') counts.passed++;
    else if (v === 'FAIL') counts.failed++;
    else counts.reported++;
  }
  return counts;
}
