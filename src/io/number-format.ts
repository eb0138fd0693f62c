// Human-facing number formatting shared by tables, legends and reports.
// Machine-facing output (CSV, JSONL, VTK) keeps full precision instead.

/**
 * `value` with `significant` digits: plain notation for magnitudes in [1e-3, 1e6),
 * exponent notation outside it (errors such as 1.23e-4 stay readable), trailing zeros dropped.
 */
export function formatNumber(value: number, significant = 3): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e6) return String(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) {
    const [mantissa, exponent] = value.toExponential(significant - 1).split('e');
    return `${stripZeros(mantissa!)}e${Number(exponent)}`;
  }
  const decimals = Math.max(0, significant - 1 - Math.floor(Math.log10(magnitude)));
  return stripZeros(value.toFixed(decimals));
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * The shortest decimal that reads back as the same float32, so exported single-precision
 * values are exact without printing the noise digits of their double expansion.
 */
export function formatFloat32(value: number): string {
  const target = Math.fround(value);
  if (!Number.isFinite(target)) return String(target);
  for (let digits = 1; digits < 9; digits++) {
    const text = target.toPrecision(digits);
    if (Math.fround(Number(text)) === target) return String(Number(text));
  }
  return String(Number(target.toPrecision(9)));
}
