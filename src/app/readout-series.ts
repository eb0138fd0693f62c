// The readouts the app shows as numbers and plots over time, each a column of the metrics time
// series (src/sim/cell-readouts.ts), so the screen, the CSV export and `confine run` agree.
export interface ReadoutSeries {
  /** Metrics column name. */
  column: string;
  label: string;
  unit: string;
  /** Digits after the point when shown as a number. */
  digits: number;
}

export const READOUT_SERIES: readonly ReadoutSeries[] = [
  { column: 'live_tissue', label: 'live cancer cells in tissue', unit: 'cells', digits: 0 },
  { column: 'primed_fraction', label: 'squeezed (IAP-primed) fraction', unit: '1', digits: 3 },
  { column: 'mean_iap', label: 'mean IAP level', unit: '× baseline', digits: 3 },
  { column: 'hypoxic_fraction', label: 'hypoxic fraction of cells', unit: '1', digits: 3 },
  { column: 'perfused_vessel_fraction', label: 'perfused vessels', unit: '1', digits: 3 },
  { column: 'tumour_mean_stress', label: 'tumour stress (mean compression)', unit: 'kPa', digits: 3 },
  { column: 'live_circulating', label: 'circulating cells', unit: 'cells', digits: 0 },
  { column: 'lung_metastases', label: 'lung metastases', unit: 'cells', digits: 0 },
];
