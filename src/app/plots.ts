// Live time series of the readouts, one small uPlot chart each (uPlot: a person reads values
// off it with the cursor), with the therapy periods shaded behind the curves.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { READOUT_SERIES } from './readout-series.ts';
import type { TherapyPeriod } from './therapy-periods.ts';

const WIDTH = 280;
const HEIGHT = 130;
const THERAPY_FILL: Record<TherapyPeriod['therapy'], string> = {
  'softening agent': 'rgba(80, 160, 255, 0.16)',
  'SMAC mimetic': 'rgba(255, 140, 40, 0.16)',
};

/**
 * 10 % padding, and a fixed span while there is nothing (or one value) to scale to: uPlot's own
 * rangeNum rounds a nearly flat series (IAP at 0.9999995 … 0.9999999) to an empty range, on
 * which its axis never ends.
 */
function yRange(_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const span = max - min;
  if (span <= 1e-6 * Math.max(Math.abs(min), Math.abs(max))) return min === 0 ? [0, 1] : [min - 0.1 * Math.abs(min), max + 0.1 * Math.abs(max)];
  return [min - 0.1 * span, max + 0.1 * span];
}

export class Plots {
  private readonly charts: uPlot[] = [];
  private days: number[] = [];
  private readonly values: number[][] = READOUT_SERIES.map(() => []);
  private periods: TherapyPeriod[] = [];
  private durationDays = 1;

  constructor(container: HTMLElement) {
    for (const [i, s] of READOUT_SERIES.entries()) {
      const holder = document.createElement('div');
      holder.className = 'plot';
      holder.dataset.column = s.column;
      container.append(holder);
      const chart = new uPlot({
        width: WIDTH, height: HEIGHT, title: s.unit === '1' ? s.label : `${s.label} (${s.unit})`,
        legend: { show: true, live: true },
        scales: { x: { time: false, range: () => [0, this.durationDays] }, y: { range: yRange } },
        axes: [
          { stroke: '#aaa', grid: { stroke: '#333' }, label: 'day', size: 30, labelSize: 14 },
          { stroke: '#aaa', grid: { stroke: '#333' }, size: 64 },
        ],
        series: [{ label: 'day', value: (_u, v) => (v == null ? '–' : v.toFixed(2)) }, { label: s.column, stroke: '#f5c542', width: 1.5, points: { show: false } }],
        hooks: { drawClear: [(u) => this.shade(u)] },
      }, [[], []], holder);
      this.charts[i] = chart;
    }
  }

  /** Starts over (a new run): no samples, these therapy periods, this x range. */
  reset(periods: TherapyPeriod[], durationDays: number): void {
    this.days = [];
    for (const v of this.values) v.length = 0;
    this.setTherapy(periods, durationDays);
  }

  setTherapy(periods: TherapyPeriod[], durationDays: number): void {
    this.periods = periods;
    this.durationDays = durationDays;
    this.redraw();
  }

  /** One sample: the day and the readouts keyed by metrics column (NaN where not measured). */
  push(day: number, row: Record<string, number>): void {
    this.days.push(day);
    READOUT_SERIES.forEach((s, i) => this.values[i]!.push(row[s.column] ?? NaN));
  }

  redraw(): void {
    this.charts.forEach((chart, i) => {
      const ys = this.values[i]!.map((v) => (Number.isFinite(v) ? v : null));
      chart.setData([this.days, ys] as uPlot.AlignedData);
    });
  }

  private shade(u: uPlot): void {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    for (const p of this.periods) {
      const x0 = u.valToPos(p.startDay, 'x', true);
      const x1 = u.valToPos(Math.min(p.endDay, this.durationDays), 'x', true);
      ctx.fillStyle = THERAPY_FILL[p.therapy];
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
      ctx.fillStyle = THERAPY_FILL[p.therapy].replace(/[\d.]+\)$/, '0.7)');
      for (const d of p.doseDays) ctx.fillRect(u.valToPos(d, 'x', true), top, 1, height);
    }
  }
}
