// A benchmark report as Markdown: one table per case (median and spread, derived figures),
// the scaling exponents, and the roofline. The README embeds it beside the SVG plot.
import { describeAdapter } from '../../gpu/device.ts';
import { formatNumber } from '../../io/number-format.ts';
import { formatTable, type Cell, type TableColumn } from '../../io/table.ts';
import type { Figure } from '../case.ts';
import { isMeasured, type BenchReport, type CaseResult, type SkippedSize } from '../result.ts';

const FIGURE_HEADERS: Record<Figure, string> = {
  gridCellUpdatesPerSecond: 'grid cell-updates/s',
  agentUpdatesPerSecond: 'agent-updates/s',
  stepsPerSecond: 'steps/s',
  simulatedDaysPerWallMinute: 'simulated days/wall min',
  achievedGBps: 'GB/s',
  dispatchesPerSecond: 'dispatches/s',
};

const count = (v: number) => v.toLocaleString('en');
const sizeLabel = (c: CaseResult, size: number) => (c.axis === 'grid' ? `${size}²` : count(size));

function caseTable(c: CaseResult): string {
  const figures = [...new Set(c.sizes.filter(isMeasured).flatMap((s) => Object.keys(s.derived) as Figure[]))];
  const rows = c.sizes.filter(isMeasured).map((s): Record<string, Cell> => {
    const size = sizeLabel(c, s.size);
    return {
      size, gridCells: count(s.gridCells), agents: count(s.agents), median: s.medianMs, iqr: s.iqrMs,
      range: `${formatNumber(s.minMs)}–${formatNumber(s.maxMs)}`,
      ...Object.fromEntries(figures.map((f) => [f, s.derived[f] ?? ''])),
    };
  });
  const columns: TableColumn[] = [
    { key: 'size', header: c.axis === 'grid' ? 'grid' : 'agents' },
    ...(c.axis === 'grid' ? [{ key: 'gridCells', header: 'grid cells', align: 'right' as const }] : []),
    ...(c.sizes.some((s) => isMeasured(s) && s.agents > 0) && c.axis === 'grid' ? [{ key: 'agents', header: 'agents', align: 'right' as const }] : []),
    { key: 'median', header: 'median [ms]', align: 'right' },
    { key: 'iqr', header: 'IQR [ms]', align: 'right' },
    { key: 'range', header: 'min–max [ms]', align: 'right' },
    ...figures.map((f) => ({ key: f, header: FIGURE_HEADERS[f], align: 'right' as const })),
  ];
  const skipped = c.sizes.filter((s): s is SkippedSize => !isMeasured(s)).map((s) => `\n\n${sizeLabel(c, s.size)} skipped: ${s.skipped}.`);
  return formatTable(rows, columns, 'markdown').trimEnd() + skipped.join('');
}

/** Where one more step's time went at each size, by profileStep's stages. */
function stageTable(c: CaseResult): string {
  const sizes = c.sizes.filter(isMeasured).filter((s) => s.stages);
  if (sizes.length === 0) return '';
  const rows: Record<string, Cell>[] = sizes[0]!.stages!.stages.map(({ stage }) => ({
    stage, ...Object.fromEntries(sizes.map((s) => [String(s.size), s.stages!.stages.find((x) => x.stage === stage)?.ms ?? 0])),
  }));
  rows.push({ stage: 'step', ...Object.fromEntries(sizes.map((s) => [String(s.size), s.stages!.totalMs])) });
  const columns: TableColumn[] = [
    { key: 'stage', header: `stage (${sizes[0]!.stages!.method}) [ms]` },
    ...sizes.map((s) => ({ key: String(s.size), header: sizeLabel(c, s.size), align: 'right' as const })),
  ];
  return formatTable(rows, columns, 'markdown').trimEnd();
}

/** Dispatches one step records at each size, by stage, then passes and submissions of the whole step. */
function commandTable(c: CaseResult): string {
  const sizes = c.sizes.filter(isMeasured).filter((s) => s.commands);
  if (sizes.length === 0) return '';
  const rows: Record<string, Cell>[] = sizes[0]!.commands!.stages.map(({ stage }) => ({
    stage, ...Object.fromEntries(sizes.map((s) => [String(s.size), s.commands!.stages.find((x) => x.stage === stage)?.count.dispatches ?? 0])),
  }));
  rows.push({ stage: 'step: dispatches', ...Object.fromEntries(sizes.map((s) => [String(s.size), s.commands!.total.dispatches])) });
  rows.push({ stage: 'step: compute passes', ...Object.fromEntries(sizes.map((s) => [String(s.size), s.commands!.total.passes])) });
  rows.push({ stage: 'step: submissions', ...Object.fromEntries(sizes.map((s) => [String(s.size), s.commands!.total.submissions])) });
  const columns: TableColumn[] = [
    { key: 'stage', header: 'stage [dispatches]' },
    ...sizes.map((s) => ({ key: String(s.size), header: sizeLabel(c, s.size), align: 'right' as const })),
  ];
  return formatTable(rows, columns, 'markdown').trimEnd();
}

function exponentLine(c: CaseResult): string {
  const e = c.exponent;
  if (!e) return '';
  return `Exponent of time against ${e.against === 'gridCells' ? 'grid cells' : 'agents'}: fitted **${e.fitted.toFixed(3)}**, `
    + `${sizeLabel(c, e.middle.from)} → ${sizeLabel(c, e.middle.to)}: ${e.middle.exponent.toFixed(3)}.`;
}

export function markdownReport(report: BenchReport): string {
  const out = [
    `# Benchmarks: ${describeAdapter(report.adapter)}, ${report.runner} runner`,
    '',
    `Commit ${report.commit}, ${report.date.slice(0, 10)}${report.userAgent ? `, ${report.userAgent}` : ''}. `
      + `${report.options.warmup} warm-up run(s), then ${report.options.repeats} repeats; ${report.method}.`,
  ];
  for (const c of report.cases) {
    out.push('', `## ${c.name}`, '', `One update: ${c.update}.`, '', caseTable(c));
    const line = exponentLine(c);
    if (line) out.push('', line);
    const stages = stageTable(c);
    if (stages) out.push('', 'Where one more step\'s time goes, stage by stage:', '', stages);
    const commands = commandTable(c);
    if (commands) out.push('', 'What one more step records, stage by stage:', '', commands);
  }
  const r = report.roofline;
  if (r) {
    out.push('', '## Roofline', '',
      `The copy kernel moves ${r.copyBytesPerCell} B a cell; a red-black sweep of the transport smoother must move `
      + `${r.smootherBytesPerCell} B a cell (src/bench/cases/roofline.ts counts them). Measured copy bandwidth: **${formatNumber(r.copyBandwidthGBps)} GB/s**.`,
      '',
      formatTable(r.sizes.map((s) => ({ grid: `${s.n}²`, copy: s.copyGBps, smoother: s.smootherGBps, fraction: s.fraction })), [
        { key: 'grid', header: 'grid' },
        { key: 'copy', header: 'copy [GB/s]' },
        { key: 'smoother', header: 'smoother [GB/s]' },
        { key: 'fraction', header: 'roofline fraction' },
      ], 'markdown').trimEnd());
  }
  const m = report.costModel;
  if (m) {
    out.push('', '## Cost model', '',
      `A step's time predicted as dispatches × ${formatNumber(m.perDispatchMicroseconds)} µs (the dispatch probe's fastest run at its smallest size) `
      + `+ bytes moved ÷ ${formatNumber(m.bandwidthGBps)} GB/s (the smoother sweep's best rate through the bytes its dispatches bind; `
      + `the copy's best: ${formatNumber(m.copyBandwidthGBps)} GB/s), both measured in this run; `
      + 'bytes moved count every storage buffer a dispatch binds, once read-only and twice writable (src/gpu/kernel.ts).',
      '',
      formatTable(m.predictions.map((p) => ({
        step: `${p.case} ${sizeLabel(report.cases.find((c) => c.name === p.case)!, p.size)}`, dispatches: count(p.dispatches), bytes: p.movedBytes / 1e6, measured: p.measuredMs, predicted: p.predictedMs, ratio: p.ratio,
      })), [
        { key: 'step', header: 'case' },
        { key: 'dispatches', header: 'dispatches', align: 'right' },
        { key: 'bytes', header: 'moved [MB]', align: 'right' },
        { key: 'measured', header: 'measured [ms]', align: 'right' },
        { key: 'predicted', header: 'predicted [ms]', align: 'right' },
        { key: 'ratio', header: 'predicted / measured', align: 'right' },
      ], 'markdown').trimEnd());
  }
  return `${out.join('\n')}\n`;
}
