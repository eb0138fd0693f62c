// A log-log plot of the time of one update against size, one line per case, as a small
// hand-written SVG the README can embed (no plotting dependency). Grid cases are plotted
// against grid cells and agent cases against agents, on the same axis: both span 10⁴…10⁶.
import { isMeasured, type BenchReport } from '../result.ts';

const W = 680, H = 400;
const PLOT = { left: 64, right: 470, top: 36, bottom: 350 };
const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#b07aa1', '#9c755f', '#edc948'];
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function power(k: number): string {
  const digits = String(Math.abs(k)).split('').map((d) => SUPERSCRIPT[Number(d)]).join('');
  return `10${k < 0 ? '⁻' : ''}${digits}`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function timeSizeSvg(report: BenchReport): string {
  const series = report.cases.map((c, i) => ({
    name: c.name,
    dashed: c.axis === 'agents',
    colour: COLOURS[i % COLOURS.length]!,
    points: c.sizes.filter(isMeasured).map((s) => [Math.log10(c.axis === 'grid' ? s.gridCells : s.agents), Math.log10(s.medianMs)] as const),
  })).filter((s) => s.points.length > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p[0])), ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const x0 = Math.floor(Math.min(...xs)), x1 = Math.max(x0 + 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.floor(Math.min(...ys)), y1 = Math.max(y0 + 1, Math.ceil(Math.max(...ys)));
  const px = (x: number) => PLOT.left + ((x - x0) / (x1 - x0)) * (PLOT.right - PLOT.left);
  const py = (y: number) => PLOT.bottom - ((y - y0) / (y1 - y0)) * (PLOT.bottom - PLOT.top);
  const f = (v: number) => v.toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${PLOT.left}" y="20" font-size="13">${escape(`time of one update against size: ${report.adapter.architecture} (${report.runner}), ${report.commit}`)}</text>`,
  ];
  for (let k = x0; k <= x1; k++) {
    out.push(`<line x1="${f(px(k))}" y1="${PLOT.top}" x2="${f(px(k))}" y2="${PLOT.bottom}" stroke="#ddd"/>`);
    out.push(`<text x="${f(px(k))}" y="${PLOT.bottom + 16}" text-anchor="middle">${power(k)}</text>`);
  }
  for (let k = y0; k <= y1; k++) {
    out.push(`<line x1="${PLOT.left}" y1="${f(py(k))}" x2="${PLOT.right}" y2="${f(py(k))}" stroke="#ddd"/>`);
    out.push(`<text x="${PLOT.left - 6}" y="${f(py(k) + 4)}" text-anchor="end">${power(k)}</text>`);
  }
  out.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(PLOT.left + PLOT.right) / 2}" y="${H - 12}" text-anchor="middle">grid cells (agents for dashed lines)</text>`);
  out.push(`<text transform="translate(16 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">ms per update</text>`);
  series.forEach((s, i) => {
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${f(px(p[0]))} ${f(py(p[1]))}`).join(' ');
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>`);
    for (const p of s.points) out.push(`<circle cx="${f(px(p[0]))}" cy="${f(py(p[1]))}" r="3" fill="${s.colour}"/>`);
    const ly = PLOT.top + 8 + i * 20;
    out.push(`<line x1="${PLOT.right + 16}" y1="${ly}" x2="${PLOT.right + 40}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${PLOT.right + 46}" y="${ly + 4}">${escape(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
