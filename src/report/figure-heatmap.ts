// Heatmaps of the primary readout: its mean over every pair of factors, one cell per pair of
// values run (equally spaced, whatever the factors' scales), the value written in the cell and
// a viridis colour bar in the readout's unit. With more than two factors a cell pools the runs
// over the others, and the caption says so.
import { colorOf } from '../io/colormap.ts';
import { formatNumber } from '../io/number-format.ts';
import { runsWhere, statOf, type Factor, type Readout, type Stat, type SweepSummary } from './aggregate.ts';
import { capitalise, formatWithUnit, withUnit } from './labels.ts';
import { linearScale } from './scales.ts';
import { c, escapeXml, figureFileName, svgOpen, wrap, type Figure } from './svg.ts';

// The pair the study asks about first: how stiffness and softening together set the readout.
const PREFERRED_PAIR = ['tumourStiffnessKPa', 'softenerDoseRelative'];

export interface HeatmapCell {
  x: number;
  y: number;
  stat: Stat;
}

/** Every pair of factors, the preferred pair first, each as [x factor, y factor]. */
export function factorPairs(factors: readonly Factor[]): [Factor, Factor][] {
  const pairs: [Factor, Factor][] = [];
  for (let i = 0; i < factors.length; i++) for (let j = i + 1; j < factors.length; j++) pairs.push([factors[i]!, factors[j]!]);
  const preferred = (p: [Factor, Factor]) => p[0].key === PREFERRED_PAIR[0] && p[1].key === PREFERRED_PAIR[1];
  const flipped = pairs.findIndex((p) => p[1].key === PREFERRED_PAIR[0] && p[0].key === PREFERRED_PAIR[1]);
  if (flipped >= 0) pairs[flipped] = [pairs[flipped]![1], pairs[flipped]![0]];
  return [...pairs.filter(preferred), ...pairs.filter((p) => !preferred(p))];
}

export function heatmapCells(summary: SweepSummary, fx: Factor, fy: Factor, readout: Readout): HeatmapCell[] {
  const cells: HeatmapCell[] = [];
  for (const y of fy.values) {
    for (const x of fx.values) {
      const runs = runsWhere(summary.runs, { [fx.key]: x, [fy.key]: y });
      cells.push({ x, y, stat: statOf(runs.map((r) => r.readouts?.[readout.name])) });
    }
  }
  return cells;
}

export function heatmapFigure(summary: SweepSummary, fx: Factor, fy: Factor, readout: Readout): Figure {
  const cells = heatmapCells(summary, fx, fy, readout);
  const others = summary.factors.filter((f) => f !== fx && f !== fy);
  const means = cells.map((cell) => cell.stat.mean).filter((v): v is number => v !== null);
  const range: [number, number] = means.length > 0 ? [Math.min(...means), Math.max(...means)] : [0, 1];
  const cw = Math.max(44, Math.min(96, 480 / fx.values.length));
  const ch = Math.max(26, Math.min(60, 340 / fy.values.length));
  const left = 96;
  const top = others.length > 0 ? 62 : 48;
  const right = left + cw * fx.values.length;
  const bottom = top + ch * fy.values.length;
  const width = Math.ceil(right + 150);
  const height = Math.ceil(bottom + 58);
  const title = capitalise(`${readout.label}: ${fx.label} × ${fy.label}`);
  const pooledNote = others.length > 0 ? `pooled over ${others.map((o) => o.label).join(', ')}` : '';
  const out = svgOpen(width, height, title, pooledNote);

  out.push('<g class="cells">');
  for (const cell of cells) {
    const i = fx.values.indexOf(cell.x);
    const j = fy.values.indexOf(cell.y);
    const cx = left + i * cw;
    const cy = bottom - (j + 1) * ch;
    const tip = escapeXml(`${fx.label} ${formatWithUnit(cell.x, fx.unit)}, ${fy.label} ${formatWithUnit(cell.y, fy.unit)}: n = ${cell.stat.n}`);
    if (cell.stat.mean === null) {
      out.push(`<rect class="cell" x="${c(cx)}" y="${c(cy)}" width="${c(cw)}" height="${c(ch)}" fill="#eee" stroke="white"><title>${tip}</title></rect>`);
      out.push(`<text x="${c(cx + cw / 2)}" y="${c(cy + ch / 2 + 4)}" text-anchor="middle" fill="#888">–</text>`);
      continue;
    }
    const [r, g, b] = colorOf(cell.stat.mean, range, 'viridis');
    // Rec. 709 luma: dark text on the light end of viridis, white on the dark end.
    const ink = 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 ? '#000' : '#fff';
    const value = formatNumber(cell.stat.mean, 3);
    out.push(`<rect class="cell" x="${c(cx)}" y="${c(cy)}" width="${c(cw)}" height="${c(ch)}" fill="rgb(${r},${g},${b})" stroke="white"><title>${tip}</title></rect>`);
    const twoLines = ch >= 36;
    out.push(`<text class="value" x="${c(cx + cw / 2)}" y="${c(cy + ch / 2 + (twoLines ? 0 : 4))}" text-anchor="middle" fill="${ink}">${escapeXml(value)}</text>`);
    if (twoLines) out.push(`<text x="${c(cx + cw / 2)}" y="${c(cy + ch / 2 + 14)}" text-anchor="middle" font-size="9" fill="${ink}">n = ${cell.stat.n}</text>`);
  }
  out.push('</g>', '<g class="axes">');
  fx.values.forEach((v, i) => out.push(`<text x="${c(left + (i + 0.5) * cw)}" y="${c(bottom + 16)}" text-anchor="middle">${formatNumber(v, 4)}</text>`));
  fy.values.forEach((v, j) => out.push(`<text x="${left - 6}" y="${c(bottom - (j + 0.5) * ch + 4)}" text-anchor="end">${formatNumber(v, 4)}</text>`));
  out.push(`<text x="${c((left + right) / 2)}" y="${c(bottom + 38)}" text-anchor="middle">${escapeXml(withUnit(fx.label, fx.unit))}</text>`);
  out.push(`<text transform="translate(18 ${c((top + bottom) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(withUnit(fy.label, fy.unit))}</text>`);
  out.push('</g>');
  out.push(...colourBar(right + 28, top, bottom, range, readout));
  out.push('</svg>');

  const caption = `Mean ${withUnit(readout.label, readout.unit)} (the primary readout) for each pair of ${fx.label} and ${fy.label} run, `
    + `over the ok replicates (n in each cell; grey: no ok run). Cells are equally spaced whatever the values.`
    + (others.length > 0 ? ` Each cell pools the runs over ${others.map((o) => o.label).join(', ')}.` : '');
  return { file: figureFileName('heatmap', fx.key, fy.key, readout.name), title, caption, svg: `${out.join('\n')}\n`, width, height };
}

function colourBar(x: number, top: number, bottom: number, range: [number, number], readout: Readout): string[] {
  const out = ['<g class="colour-bar">', '<defs><linearGradient id="viridis" x1="0" y1="1" x2="0" y2="0">'];
  for (let k = 0; k <= 10; k++) {
    const [r, g, b] = colorOf(range[0] + ((range[1] - range[0]) * k) / 10, range, 'viridis');
    out.push(`<stop offset="${k / 10}" stop-color="rgb(${r},${g},${b})"/>`);
  }
  out.push('</linearGradient></defs>');
  out.push(`<rect x="${x}" y="${top}" width="16" height="${bottom - top}" fill="url(#viridis)" stroke="#555"/>`);
  const scale = linearScale(range[0], range[1], bottom, top, 4);
  for (const t of scale.ticks) {
    if (t.value < range[0] - 1e-12 * Math.abs(range[0]) || t.value > range[1] + 1e-12 * Math.abs(range[1])) continue;
    // The bar spans exactly the data's range, not the scale's rounded one.
    const py = range[1] > range[0] ? bottom - ((t.value - range[0]) / (range[1] - range[0])) * (bottom - top) : (top + bottom) / 2;
    out.push(`<line x1="${x + 16}" y1="${c(py)}" x2="${x + 20}" y2="${c(py)}" stroke="#555"/>`);
    out.push(`<text x="${x + 23}" y="${c(py + 4)}">${escapeXml(t.label)}</text>`);
  }
  wrap(withUnit(readout.label, readout.unit), 18).forEach((line, i) => {
    out.push(`<text x="${x}" y="${c(bottom + 20 + i * 13)}" font-size="11">${escapeXml(line)}</text>`);
  });
  out.push('</g>');
  return out;
}
