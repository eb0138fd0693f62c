// A CSV time series written as a run goes (Node only): each row reaches the file when it is
// appended, so a long run that is killed still leaves every row it produced, and a reader can
// follow the file while the run is going.

import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { csvHeader, csvRows, type CsvColumn, type CsvValue } from './csv.ts';
import { temporaryPathFor } from './output-dir.ts';

export class CsvWriter {
  readonly path: string;
  readonly columns: readonly CsvColumn[];
  #rows = 0;

  /** Creates `path` with the header line, replacing a file from an earlier run. */
  constructor(path: string, columns: readonly CsvColumn[]) {
    this.path = path;
    this.columns = [...columns];
    // Not truncated in place: a kill between truncating and writing would leave an empty file
    // where an earlier run's whole one was.
    const temp = temporaryPathFor(path);
    writeFileSync(temp, csvHeader(this.columns));
    renameSync(temp, path);
  }

  /** Rows written so far, header not counted. */
  get rowCount(): number {
    return this.#rows;
  }

  append(row: ReadonlyArray<CsvValue>): void {
    this.appendRows([row]);
  }

  // One write per call: a batch lands whole or (on an error in formatting) not at all.
  appendRows(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): void {
    if (rows.length === 0) return;
    appendFileSync(this.path, csvRows(this.columns.length, rows, this.#rows));
    this.#rows += rows.length;
  }
}
