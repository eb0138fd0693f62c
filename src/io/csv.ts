// CSV for machines (pandas, R, a spreadsheet): every number exactly as computed, units in the
// header. No file system here, so the browser can build the same text for a download.
//
// Format:
// - header: one field per column, `name [unit]`; a unitless quantity is written `[1]`.
// - fields are quoted as RFC 4180 asks (a comma, double quote, CR or LF inside), quotes doubled.
// - lines end in LF, not RFC 4180's CRLF: the rest of the project's text files do, and pandas,
//   R and spreadsheets read both. Every line, the last included, ends in LF, so appending rows
//   to a file is plain concatenation.
// - numbers: the shortest decimal that reads back as the same double (JavaScript's own
//   Number → string), so Number(field) === value; integers have no decimal point; −0 keeps its
//   sign. NaN is `NaN`, ±∞ is `Inf`/`-Inf`: R's read.csv and pandas both read those as floats
//   (JavaScript's Number() does not read `Inf`; map it when parsing there).

export interface CsvColumn {
  name: string;
  /** SI or field unit as written in the project (`day`, `cells`, `mmHg`); '' or '1' when unitless. */
  unit: string;
}

export type CsvValue = number | string;

/** The header line, LF included. */
export function csvHeader(columns: readonly CsvColumn[]): string {
  if (columns.length === 0) throw new RangeError('csvHeader: no columns');
  return `${columns.map((c) => csvField(`${c.name} [${c.unit === '' ? '1' : c.unit}]`)).join(',')}\n`;
}

/** Data lines, each LF-terminated; a row with the wrong number of fields throws with its index. */
export function csvRows(columnCount: number, rows: ReadonlyArray<ReadonlyArray<CsvValue>>, firstRowIndex = 0): string {
  let text = '';
  rows.forEach((row, i) => {
    if (row.length !== columnCount) {
      throw new RangeError(`CSV row ${firstRowIndex + i} has ${row.length} fields, expected ${columnCount}`);
    }
    text += `${row.map(csvValue).join(',')}\n`;
  });
  return text;
}

/** A whole CSV file: the header and every row. */
export function csvText(columns: readonly CsvColumn[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return csvHeader(columns) + csvRows(columns.length, rows);
}

export function csvNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function csvValue(value: CsvValue): string {
  return typeof value === 'number' ? csvNumber(value) : csvField(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
