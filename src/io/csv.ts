// Column-oriented CSV for time series and sweeps; headers carry units ("time [day]").

import { formatFloat32 } from './number-format.ts';

export interface CsvColumn {
  /** Header with its unit, e.g. 'time [day]'. */
  header: string;
  values: ArrayLike<number>;
}

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * CSV text with one header line. Numbers keep full precision (float32 columns in their
 * shortest exact form); NaN and ±Infinity are written as NaN, inf, -inf, which pandas and R read.
 */
export function toCsv(columns: readonly CsvColumn[]): string {
  if (columns.length === 0) return '';
  const rows = columns[0]!.values.length;
  for (const c of columns) {
    if (c.values.length !== rows) {
      throw new Error(`CSV column '${c.header}' has ${c.values.length} values, expected ${rows}`);
    }
  }
  const formatters = columns.map((c) => (c.values instanceof Float32Array ? formatFloat32 : String));
  const lines = [columns.map((c) => quote(c.header)).join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(columns.map((c, k) => formatValue(c.values[r]!, formatters[k]!)).join(','));
  }
  return lines.join('\n') + '\n';
}

function formatValue(value: number, format: (v: number) => string): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return format(value);
}
