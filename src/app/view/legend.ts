// The colour bar of the shown field, drawn into a small 2D canvas: its name and unit, the map
// across the canvas, and the values at its ends and middle; and a warning when the field holds
// NaN or ±Inf (those cells are drawn grey, NAN_RGB).
import { colorMapTable, type ColorMapName } from '../../io/colormap.ts';
import { formatNumber } from '../../io/number-format.ts';

const PAD = 6;
const BAR_HEIGHT = 10;
const FONT_PX = 11;
const TEXT = '#eee';
const WARN = '#ffb347';

/** Redraws `canvas`; `range` may be [NaN, NaN] while the first range is on its way. */
export function drawLegend(canvas: HTMLCanvasElement, range: readonly [number, number], map: ColorMapName, label: string, nonFinite = 0): void {
  // What the bar shows, for scripts and tests that read the page.
  Object.assign(canvas.dataset, { field: label, map, min: String(range[0]), max: String(range[1]) });
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.font = `${FONT_PX}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillStyle = nonFinite > 0 ? WARN : TEXT;
  ctx.textAlign = 'left';
  ctx.fillText(nonFinite > 0 ? `${label} — ${nonFinite} NaN/Inf cells (grey)` : label, PAD, PAD, width - 2 * PAD);

  const barTop = PAD + FONT_PX + 3;
  const barWidth = width - 2 * PAD;
  const table = colorMapTable(map);
  for (let x = 0; x < barWidth; x++) {
    const k = Math.min(255, Math.floor(((x + 0.5) / barWidth) * 256));
    ctx.fillStyle = `rgb(${table[3 * k]}, ${table[3 * k + 1]}, ${table[3 * k + 2]})`;
    ctx.fillRect(PAD + x, barTop, 1, BAR_HEIGHT);
  }

  const [lo, hi] = range;
  const known = Number.isFinite(lo) && Number.isFinite(hi);
  const labelTop = barTop + BAR_HEIGHT + 2;
  ctx.fillStyle = TEXT;
  const ticks: [number, CanvasTextAlign, number][] = [[lo, 'left', PAD], [(lo + hi) / 2, 'center', width / 2], [hi, 'right', width - PAD]];
  for (const [value, align, x] of ticks) {
    ctx.textAlign = align;
    ctx.fillText(known ? formatNumber(value) : '…', x, labelTop);
  }
}
