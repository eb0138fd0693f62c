// The pieces every figure is drawn with (the sweep report's and the benchmark report's), as SVG
// text: a document with its title, a plot frame with ticks, grid and axis titles, a legend, and
// the Okabe–Ito palette, whose colours stay distinct under the common colour-vision
// deficiencies. Standalone files (no CSS, no fonts to fetch) so a figure opens the same in a
// browser, an editor or an <img>.
import type { Scale } from './scales.ts';

export interface Figure {
  /** File name in the report's figures directory. */
  file: string;
  title: string;
  caption: string;
  svg: string;
  width: number;
  height: number;
}

/** "dose-response--smacDoseNM--lung_metastases.svg": the kind and what it shows, safe as a file name. */
export function figureFileName(kind: string, ...parts: string[]): string {
  return `${[kind, ...parts].map((p) => p.replace(/[^A-Za-z0-9_.-]+/g, '-')).join('--')}.svg`;
}

export interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

// Yellow last: it is the one Okabe–Ito colour that reads poorly on white.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
// Past eight series the colours repeat with a dash pattern, so each series stays unique.
const DASHES = ['', '7 4', '2 3', '9 3 2 3'];

export interface SeriesStyle {
  colour: string;
  dash: string;
}

export function seriesStyle(i: number): SeriesStyle {
  return { colour: PALETTE[i % PALETTE.length]!, dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length]! };
}

export function dashAttribute(dash: string): string {
  return dash === '' ? '' : ` stroke-dasharray="${dash}"`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate to a tenth of a pixel: enough for a 2× raster, short enough to keep files small. */
export function c(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** Rough width of sans-serif text, for laying out legends without a font to measure with. */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.56;
}

/** Splits text into lines of at most `max` characters at spaces (a longer word stays whole). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The opening of a figure: white background, title and an optional note under it. */
export function svgOpen(width: number, height: number, title: string, note = ''): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="16" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  if (note !== '') out.push(`<text x="16" y="40" font-size="11" fill="#444">${escapeXml(note)}</text>`);
  return out;
}

/** Grid lines, tick labels, the frame and both axis titles of a plot area. */
export function plotFrame(plot: Rect, x: Scale, y: Scale, xTitle: string, yTitle: string): string[] {
  const out: string[] = ['<g class="axes">'];
  for (const t of x.ticks) {
    const px = c(x.px(t.value));
    out.push(`<line x1="${px}" y1="${plot.top}" x2="${px}" y2="${plot.bottom}" stroke="#e4e4e4"/>`);
    out.push(`<line x1="${px}" y1="${plot.bottom}" x2="${px}" y2="${plot.bottom + 5}" stroke="#555"/>`);
    out.push(`<text x="${px}" y="${plot.bottom + 18}" text-anchor="middle">${escapeXml(t.label)}</text>`);
  }
  for (const t of y.ticks) {
    const py = c(y.px(t.value));
    out.push(`<line x1="${plot.left}" y1="${py}" x2="${plot.right}" y2="${py}" stroke="#e4e4e4"/>`);
    out.push(`<line x1="${plot.left - 5}" y1="${py}" x2="${plot.left}" y2="${py}" stroke="#555"/>`);
    out.push(`<text x="${plot.left - 8}" y="${c(y.px(t.value) + 4)}" text-anchor="end">${escapeXml(t.label)}</text>`);
  }
  out.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#555"/>`);
  if (x.breakAt !== null) {
    // Two slashes over a white gap: the axis does not run continuously from 0 to the decades.
    const b = x.breakAt;
    out.push(`<rect x="${c(b - 3)}" y="${plot.bottom - 6}" width="6" height="12" fill="white"/>`);
    for (const dx of [-3, 3]) out.push(`<line x1="${c(b + dx - 3)}" y1="${plot.bottom + 6}" x2="${c(b + dx + 3)}" y2="${plot.bottom - 6}" stroke="#555"/>`);
  }
  out.push(`<text x="${c((plot.left + plot.right) / 2)}" y="${plot.bottom + 40}" text-anchor="middle">${escapeXml(xTitle)}</text>`);
  out.push(`<text transform="translate(18 ${c((plot.top + plot.bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(yTitle)}</text>`);
  out.push('</g>');
  return out;
}

export interface LegendItem {
  label: string;
  style: SeriesStyle;
}

/** A legend column at (x, y): a line per item, over a band swatch where the series have bands, and its label. */
export function legend(items: readonly LegendItem[], x: number, y: number, heading = '', bands = true): string[] {
  const out: string[] = ['<g class="legend">'];
  let row = y;
  if (heading !== '') {
    out.push(`<text x="${x}" y="${row + 4}" font-weight="bold">${escapeXml(heading)}</text>`);
    row += 20;
  }
  for (const item of items) {
    const { colour, dash } = item.style;
    if (bands) out.push(`<rect x="${x}" y="${row - 6}" width="26" height="12" fill="${colour}" fill-opacity="0.18"/>`);
    out.push(`<line x1="${x}" y1="${row}" x2="${x + 26}" y2="${row}" stroke="${colour}" stroke-width="2"${dashAttribute(dash)}/>`);
    out.push(`<text x="${x + 32}" y="${row + 4}">${escapeXml(item.label)}</text>`);
    row += 20;
  }
  out.push('</g>');
  return out;
}

/** Width a legend needs for its longest label (or heading). */
export function legendWidth(items: readonly LegendItem[], heading = ''): number {
  return Math.max(textWidth(heading, 12), ...items.map((i) => 32 + textWidth(i.label, 12))) + 16;
}

/** An SVG path through points, starting a new subpath after every gap (null). */
export function linePath(points: ReadonlyArray<readonly [number, number] | null>): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : d === '' ? 'M' : ' M'}${c(p[0])} ${c(p[1])}`;
    pen = true;
  }
  return d;
}

/**
 * A band between lower and upper bounds, one closed subpath per run of points that have both;
 * a run of one point (a lone interval) is drawn as a thin vertical bar so it is not lost.
 */
export function bandPath(points: ReadonlyArray<{ x: number; low: number; high: number } | null>): string {
  const parts: string[] = [];
  let run: { x: number; low: number; high: number }[] = [];
  const flush = () => {
    if (run.length === 1) run = [{ ...run[0]!, x: run[0]!.x - 1.5 }, { ...run[0]!, x: run[0]!.x + 1.5 }];
    if (run.length > 1) {
      const upper = run.map((p) => `${c(p.x)} ${c(p.high)}`);
      const lower = [...run].reverse().map((p) => `${c(p.x)} ${c(p.low)}`);
      parts.push(`M${upper.join(' L')} L${lower.join(' L')} Z`);
    }
    run = [];
  };
  for (const p of points) {
    if (p === null) flush();
    else run.push(p);
  }
  flush();
  return parts.join(' ');
}
