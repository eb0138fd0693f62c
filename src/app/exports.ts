// Share and save: the time series as CSV (the same columns as `confine run`'s metrics.csv), the
// view as a PNG with its legend, scale bar and clock, and the scenario as JSON.
import { csvHeader, csvRows } from '../io/csv.ts';
import { metricsColumns, metricsRow } from '../sim/cell-readouts.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { ScenarioJson } from './compose-scenario.ts';
import { download } from './download.ts';

export function timeSeriesCsv(sim: Simulation): string {
  const rows = (sim.cells?.samples ?? []).map((s) => metricsRow(s, sim.scenario));
  return csvHeader(metricsColumns()) + csvRows(metricsColumns().length, rows);
}

export function exportCsv(sim: Simulation): void {
  download(`${sim.scenario.name}-metrics.csv`, timeSeriesCsv(sim), 'text/csv');
}

export function exportScenario(json: ScenarioJson): void {
  download(`${String(json.name ?? 'scenario')}.json`, `${JSON.stringify(json, null, 2)}\n`, 'application/json');
}

export interface ImageSource {
  /** The view with its legend and scale bar on one 2D canvas. */
  composeImage(): HTMLCanvasElement;
  readonly runner: { sim: Simulation };
}

export function exportPng(source: ImageSource): void {
  source.composeImage().toBlob((blob) => {
    if (blob) download(`${source.runner.sim.scenario.name}-day${(source.runner.sim.timeMinutes / 1440).toFixed(2)}.png`, blob);
  }, 'image/png');
}
