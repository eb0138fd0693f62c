// One line of the verification table: a case on one grid, an error norm, and the observed
// order of convergence against the next coarser grid.
export interface VerifyRow {
  case: string;
  grid: string;
  quantity: string;
  value: number;
  /** The value must not exceed this (absent: no bound on the value). */
  threshold?: number;
  /** Observed order log2(e_coarse/e_fine) against the previous grid of the same case. */
  order?: number;
  /** The observed order must be at least this (the order theory gives, less a margin). */
  minOrder?: number;
  /**
   * The value is floating-point rounding (an identity the scheme holds exactly): it is checked
   * against its threshold, but its digits are not expected to repeat on another adapter.
   */
  rounding?: boolean;
}

/** A second-order scheme's observed order must reach this on every halving of h. */
export const SECOND_ORDER = 1.8;

/** Whether a row is checked at all: a row with neither bound is reported only. */
export function checked(row: VerifyRow): boolean {
  return row.threshold !== undefined || row.minOrder !== undefined;
}

export function passes(row: VerifyRow): boolean {
  const valueOk = row.threshold === undefined || (Number.isFinite(row.value) && row.value <= row.threshold);
  const orderOk = row.minOrder === undefined || (row.order !== undefined && row.order >= row.minOrder);
  return valueOk && orderOk;
}

/**
 * Fills in observed orders for rows of one quantity listed coarse to fine, h halving each time;
 * with minOrder, every observed order is also held to it.
 */
export function withOrders(rows: VerifyRow[], minOrder?: number): VerifyRow[] {
  return rows.map((row, i) => {
    const prev = rows[i - 1];
    if (!prev) return row;
    const bound = minOrder === undefined ? {} : { minOrder };
    if (prev.value <= 0 || row.value <= 0) return { ...row, ...bound };
    return { ...row, order: Math.log2(prev.value / row.value), ...bound };
  });
}
