// The latest readouts as numbers beside the plots. Each value cell carries the exact number and
// the step it was measured at in data attributes, so a test or a script reads what is shown.
import { READOUT_SERIES } from './readout-series.ts';

export class ReadoutsTable {
  private readonly cells = new Map<string, HTMLTableCellElement>();

  constructor(table: HTMLTableElement) {
    for (const s of READOUT_SERIES) {
      const row = table.insertRow();
      const name = row.insertCell();
      name.textContent = s.unit === '1' ? s.label : `${s.label} (${s.unit})`;
      const value = row.insertCell();
      value.dataset.readout = s.column;
      value.textContent = '–';
      this.cells.set(s.column, value);
    }
  }

  show(step: number, row: Record<string, number>): void {
    for (const s of READOUT_SERIES) {
      const cell = this.cells.get(s.column)!;
      const v = row[s.column] ?? NaN;
      cell.textContent = Number.isFinite(v) ? v.toFixed(s.digits) : 'n/a';
      cell.dataset.value = String(v);
      cell.dataset.step = String(step);
    }
  }

  clear(): void {
    for (const cell of this.cells.values()) {
      cell.textContent = '–';
      delete cell.dataset.value;
      delete cell.dataset.step;
    }
  }
}
