// The cells' part of `confine run`: metrics.csv grows as samples come back from the GPU (so a
// killed run keeps every row it produced, and the file can be followed while the run goes),
// and the readout of the final state goes to summary.json and the terminal.
import { join } from 'node:path';
import { CsvWriter } from '../io/csv-file.ts';
import type { Scenario } from '../model/scenario.ts';
import type { CellCoupling } from '../sim/cell-coupling.ts';
import { assayReadout } from '../sim/assay-readouts.ts';
import { metricsColumns, metricsRow, tissueReadout } from '../sim/cell-readouts.ts';

export const METRICS_FILE = 'metrics.csv';

export class CellsOutput {
  private readonly csv: CsvWriter;
  private written = 0;
  private lastStep = -1;

  constructor(dir: string, private readonly scenario: Scenario, private readonly cells: CellCoupling) {
    this.csv = new CsvWriter(join(dir, METRICS_FILE), metricsColumns());
  }

  /** Appends the samples delivered since the last call; never waits for the GPU. */
  poll(): void {
    const samples = this.cells.samples;
    if (samples.length === this.written) return;
    const fresh = samples.slice(this.written);
    this.csv.appendRows(fresh.map((s) => metricsRow(s, this.scenario)));
    this.written = samples.length;
    this.lastStep = fresh[fresh.length - 1].step;
  }

  /**
   * Waits for every scheduled sample, adds a row for the final state unless a scheduled sample
   * already caught it (so the last row is always the end of the run), and returns the readout.
   */
  async finish(step: number, timeMinutes: number): Promise<{ readout: Record<string, unknown>; rows: number }> {
    await this.cells.drain();
    this.poll();
    const final = await this.cells.sampleNow(step, timeMinutes);
    if (final.step !== this.lastStep) this.csv.append(metricsRow(final, this.scenario));
    let readout: Record<string, unknown>;
    if (this.scenario.kind !== 'assay') readout = tissueReadout(final, this.scenario);
    else {
      // Only the transwell needs positions (which side of the membrane); the rest is in the ledger.
      const agents = this.scenario.assay?.type === 'transwell' ? (await this.cells.readAgents()).cancer : undefined;
      readout = assayReadout(this.scenario, final, agents);
    }
    return { readout, rows: this.csv.rowCount };
  }
}

/** "key: value" lines of a nested readout; arrays of numbers on one line, objects by path. */
export function readoutLines(value: unknown, path = ''): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return [`${path}: ${value.join(' ')}`];
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => readoutLines(v, Array.isArray(value) ? `${path}[${k}]` : path ? `${path}.${k}` : k));
  }
  return [`${path}: ${formatValue(value)}`];
}

function formatValue(v: unknown): string {
  if (v === null) return 'n/a';
  if (typeof v !== 'number') return String(v);
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}
