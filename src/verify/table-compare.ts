// Whether a freshly produced verification table is the committed one: the same rows in the same
// order, the same bounds, the same verdicts, and values within VALUE_TOLERANCE.
import { verdict } from './table.ts';
import type { VerifyRow } from './types.ts';

/**
 * Relative agreement asked of a value between the committed table and a new run. On the adapter
 * that made the table the values repeat to the last digit (the suite is deterministic); 5 % lets
 * another CPU's or GPU's arithmetic through while catching any change to a scheme, a case or its
 * grid (those move errors by 10 % and more). Rows marked `rounding` are fp32 rounding: only their
 * verdict is compared.
 */
export const VALUE_TOLERANCE = 0.05;

const key = (r: VerifyRow) => `${r.case} | ${r.grid} | ${r.quantity}`;

const sameBound = (a: number | undefined, b: number | undefined) =>
  a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));

/** Every difference, one line each, naming the row; empty when the tables agree. */
export function tableDifferences(committed: readonly VerifyRow[], produced: readonly VerifyRow[]): string[] {
  const out: string[] = [];
  const committedKeys = new Set(committed.map(key));
  const producedKeys = new Set(produced.map(key));
  for (const r of committed) if (!producedKeys.has(key(r))) out.push(`row no longer produced: ${key(r)}`);
  for (const r of produced) if (!committedKeys.has(key(r))) out.push(`row not in the committed table: ${key(r)}`);
  if (out.length) return out;
  committed.forEach((c, i) => {
    const p = produced[i]!;
    const name = key(c);
    if (key(p) !== name) {
      out.push(`row ${i + 1} is "${key(p)}", committed "${name}"`);
      return;
    }
    if (!sameBound(c.threshold, p.threshold)) out.push(`${name}: threshold ${p.threshold ?? 'none'}, committed ${c.threshold ?? 'none'}`);
    if (!sameBound(c.minOrder, p.minOrder)) out.push(`${name}: order bound ${p.minOrder ?? 'none'}, committed ${c.minOrder ?? 'none'}`);
    if (Boolean(c.rounding) !== Boolean(p.rounding)) out.push(`${name}: rounding ${Boolean(p.rounding)}, committed ${Boolean(c.rounding)}`);
    if (verdict(c) !== verdict(p)) out.push(`${name}: ${verdict(p)}, committed ${verdict(c)}`);
    if (!c.rounding && !(Math.abs(p.value - c.value) <= VALUE_TOLERANCE * Math.abs(c.value))) {
      out.push(`${name}: value ${p.value}, committed ${c.value} (more than ${VALUE_TOLERANCE * 100} % apart)`);
    }
  });
  return out;
}
