// A log-log plot of the time of one update against size, one line per case, drawn with the
// report's SVG kit so the README can embed it (no plotting dependency). Grid cases are plotted
// against grid cells and agent cases against agents, on the same axis: both span 10⁴…10⁶.
import { decadeScale } from '../../report/scales.ts';
import { c, dashAttribute, legend, legendWidth, linePath, plotFrame, seriesStyle, svgOpen, type Rect } from '../../report/svg.ts';
import { isMeasured, type BenchReport } from '../result.ts';

const HEIGHT = 400;
const PLOT: Rect = { left: 64, right: 470, top: 48, bottom: 340 };

export function timeSizeSvg(report: BenchReport): string {
  const series = report.cases.map((bench) => ({
    label: bench.axis === 'agents' ? `${bench.name} (against agents)` : bench.name,
    points: bench.sizes.filter(isMeasured).map((s) => [bench.axis === 'grid' ? s.gridCells : s.agents, s.medianMs] as const),
  })).filter((s) => s.points.length > 0);
  const items = series.map((s, i) => ({ label: s.label, style: seriesStyle(i) }));
  const width = Math.ceil(PLOT.right + 24 + legendWidth(items));
  const x = decadeScale(series.flatMap((s) => s.points.map((p) => p[0])), PLOT.left, PLOT.right);
  const y = decadeScale(series.flatMap((s) => s.points.map((p) => p[1])), PLOT.bottom, PLOT.top);
  const title = `time of one update against size: ${report.adapter.architecture} (${report.runner}), ${report.commit}`;
  const out = svgOpen(width, HEIGHT, title);
  out.push(...plotFrame(PLOT, x, y, 'grid cells (agents where the legend says)', 'ms per update'));
  series.forEach((s, i) => {
    const { colour, dash } = items[i]!.style;
    const at = s.points.map((p) => [x.px(p[0]), y.px(p[1])] as const);
    out.push(`<path d="${linePath(at)}" fill="none" stroke="${colour}" stroke-width="2"${dashAttribute(dash)}/>`);
    for (const [px, py] of at) out.push(`<circle cx="${c(px)}" cy="${c(py)}" r="3" fill="${colour}"/>`);
  });
  out.push(...legend(items, PLOT.right + 24, PLOT.top + 6, '', false), '</svg>');
  return `${out.join('\n')}\n`;
}
