// Aligned tables for terminal output and Markdown reports, from the same rows.

import { formatNumber } from './number-format.ts';

export type Cell = string | number;

export interface TableColumn {
  key: string;
  header: string;
  /** Overrides the default (formatNumber for numbers, the string itself otherwise). */
  format?: (value: Cell) => string;
  /** Defaults to right for columns whose values are all numbers, left otherwise. */
  align?: 'left' | 'right';
}

export type TableStyle = 'text' | 'markdown';

function cellText(value: Cell | undefined, column: TableColumn): string {
  if (value === undefined) return '';
  if (column.format) return column.format(value);
  return typeof value === 'number' ? formatNumber(value) : value;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - [...text].length));
  return align === 'right' ? fill + text : text + fill;
}

export function formatTable(
  rows: ReadonlyArray<Record<string, Cell>>,
  columns: readonly TableColumn[],
  style: TableStyle,
): string {
  const escape = style === 'markdown' ? (t: string) => t.replace(/\|/g, '\\|') : (t: string) => t;
  const headers = columns.map((c) => escape(c.header));
  const body = rows.map((row) => columns.map((c) => escape(cellText(row[c.key], c))));
  const aligns = columns.map(
    (c) => c.align ?? (rows.length > 0 && rows.every((r) => typeof r[c.key] === 'number') ? 'right' : 'left'),
  );
  const widths = columns.map((_, k) =>
    Math.max(style === 'markdown' ? 3 : 1, [...headers[k]!].length, ...body.map((line) => [...line[k]!].length)),
  );
  const line = (cells: string[]) => cells.map((t, k) => pad(t, widths[k]!, aligns[k]!));

  if (style === 'markdown') {
    const rule = widths.map((w, k) => (aligns[k] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
    return [headers, rule, ...body].map((cells, r) => `| ${(r === 1 ? cells : line(cells)).join(' | ')} |`).join('\n') + '\n';
  }
  const rule = widths.map((w) => '-'.repeat(w));
  return [line(headers), rule, ...body.map(line)].map((cells) => cells.join('  ').trimEnd()).join('\n') + '\n';
}
