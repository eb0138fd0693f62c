// One line of the verification table: a case on one grid, an error norm, and the observed
// order of convergence against the next coarser grid.
export interface VerifyRow {
  case: string;
  grid: string;
  quantity: string;
  value: number;
  /** The value must not exceed this (absent: reported only). */
  threshold?: number;
  /** Observed order log2(e_coarse/e_fine) against the previous grid of the same case. */
  order?: number;
}

export function passes(row: VerifyRow): boolean {
  return row.threshold === undefined || (Number.isFinite(row.value) && row.value <= row.threshold);
}

/** Fills in observed orders for rows of one quantity listed coarse to fine, h halving each time. */
export function withOrders(rows: VerifyRow[]): VerifyRow[] {
  return rows.map((row, i) => {
    const prev = rows[i - 1];
    if (!prev || prev.value <= 0 || row.value <= 0) return row;
    return { ...row, order: Math.log2(prev.value / row.value) };
  });
}
