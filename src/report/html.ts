// index.html: the whole report on one page, styles inline, figures as <img> of the SVG files
// beside it, so the directory can be zipped, mailed or served as it is.
import { formatNumber } from '../io/number-format.ts';
import type { Stat, SweepSummary } from './aggregate.ts';
import { formatWithUnit, parameterLabel, parameterUnit, withUnit } from './labels.ts';
import { escapeXml as esc, type Figure } from './svg.ts';

export interface ReportSection {
  heading: string;
  figures: Figure[];
  /** Said before the figures: why there are none (a heatmap needs two factors), or what is left out. */
  text: string;
}

export interface ReportMeta {
  /** package.json version, with the git commit when known. */
  version: string;
  generatedAt: Date;
  /** Directory of the figure files, relative to index.html. */
  figuresDir: string;
  /** Whether a PNG was written beside every SVG. */
  png: boolean;
  /** Remarks on how the report was made (a PNG step skipped, a file unreadable). */
  remarks: string[];
  /** plan.json as written, every field kept, for the page's copy of the plan. */
  planText: string;
}

const CSS = `
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
.notes { background: #fff6e0; border-left: 4px solid #E69F00; padding: 0.5rem 1rem; }
.table-wrap { overflow-x: auto; } table { border-collapse: collapse; font-size: 0.88rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: right; vertical-align: top; white-space: nowrap; } th { background: #f4f4f4; }
td.text, th.text { text-align: left; white-space: normal; min-width: 14rem; } .ci { color: #666; font-size: 0.8rem; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.9rem; color: #444; max-width: 60rem; } pre { background: #f7f7f7; padding: 0.8rem; overflow-x: auto; font-size: 0.8rem; }
`;

function statCell(s: Stat | undefined): string {
  if (!s || s.mean === null) return '<td>–</td>';
  const ci = s.low === null ? 'n = 1, no CI' : `[${formatNumber(s.low, 3)}, ${formatNumber(s.high!, 3)}]`;
  return `<td>${esc(formatNumber(s.mean, 4))}<br><span class="ci">${esc(ci)}${s.low === null ? '' : ` n = ${s.n}`}</span></td>`;
}

function summaryTable(summary: SweepSummary): string {
  const head = [
    '<th class="text">arm</th>', '<th>ok</th>', '<th>failed</th>',
    ...summary.readouts.map((r, i) => `<th>${esc(withUnit(r.label, r.unit))}${i === 0 ? '<br><span class="ci">primary</span>' : ''}</th>`),
  ];
  const rows = summary.arms.map((arm) => `<tr><td class="text">${esc(arm.label)}</td><td>${arm.ok.length}</td><td>${arm.failed.length}</td>`
    + `${summary.readouts.map((r) => statCell(arm.stats[r.name])).join('')}</tr>`);
  return `<div class="table-wrap"><table><thead><tr>${head.join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`
    + '<p class="ci">Each cell: mean over the ok runs, and below it the 95 % confidence interval of the mean (Student\'s t) and n, the runs with a number.</p>';
}

function failedTable(summary: SweepSummary): string {
  const failed = summary.runs.filter((r) => r.status === 'failed');
  if (failed.length === 0) return '';
  const label = new Map(summary.arms.flatMap((a) => a.failed.map((r) => [r.run, a.label] as const)));
  const rows = failed.map((r) => `<tr><td>${r.run}</td><td class="text">${esc(label.get(r.run) ?? '')}</td><td>${r.replicate}</td><td>${r.seed}</td>`
    + `<td class="text">${esc(r.error ?? '(no message)')}</td></tr>`);
  return `<h2>Failed runs</h2><div class="table-wrap"><table><thead><tr><th>run</th><th class="text">arm</th><th>replicate</th><th>seed</th>`
    + `<th class="text">error</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function provenance(summary: SweepSummary): { adapters: string; finished: string; software: string } {
  const recorded = (values: unknown[]) => values.filter((v): v is string => typeof v === 'string');
  const adapters = [...new Set(recorded(summary.runs.map((r) => r.timing?.adapter)))];
  const software = [...new Set(recorded(summary.runs.map((r) => r.timing?.software)))];
  const times = recorded(summary.runs.map((r) => r.timing?.finishedAt)).sort();
  return {
    adapters: adapters.length > 0 ? adapters.join('; ') : 'not recorded in the results',
    software: software.length > 0 ? software.map((v) => `confine ${v}`).join('; ') : 'not recorded in the results',
    finished: times.length > 0 ? `${times[0]} … ${times[times.length - 1]}` : 'not recorded in the results',
  };
}

function figureHtml(figure: Figure, meta: ReportMeta): string {
  const src = `${meta.figuresDir}/${figure.file}`;
  const png = meta.png ? ` <a href="${esc(src.replace(/\.svg$/, '.png'))}">PNG</a> ·` : '';
  return `<figure><img src="${esc(src)}" alt="${esc(figure.title)}" width="${figure.width}" height="${figure.height}">`
    + `<figcaption>${esc(figure.caption)}${png} <a href="${esc(src)}">SVG</a></figcaption></figure>`;
}

export function reportHtml(summary: SweepSummary, sections: readonly ReportSection[], meta: ReportMeta): string {
  const { plan } = summary.plan;
  const { adapters, finished, software } = provenance(summary);
  const factors = summary.factors.length > 0
    ? summary.factors.map((f) => `${esc(withUnit(f.label, f.unit))}: ${f.values.map((v) => formatNumber(v, 4)).join(', ')}${f.scale === 'log' ? ' (log)' : ''}`).join('<br>')
    : 'none: every run has the same parameters';
  const constants = Object.entries(summary.constants).map(([k, v]) => `${esc(parameterLabel(k))} ${esc(formatWithUnit(v, parameterUnit(k)))}`);
  const notes = [...meta.remarks, ...summary.notes];
  const body = [
    `<h1>${esc(plan.name)}</h1>`,
    plan.description ? `<p>${esc(plan.description)}</p>` : '',
    '<dl>',
    `<dt>runs</dt><dd>${summary.ok} ok, ${summary.failed} failed, ${summary.missing} missing, of ${summary.plan.runs} planned</dd>`,
    `<dt>factors</dt><dd>${factors}</dd>`,
    constants.length > 0 ? `<dt>fixed</dt><dd>${constants.join('<br>')}</dd>` : '',
    `<dt>replicates</dt><dd>${plan.seeds.length} per setting</dd>`,
    `<dt>readouts</dt><dd>${summary.readouts.map((r) => esc(withUnit(r.label, r.unit))).join(', ')} (the first is the primary)</dd>`,
    `<dt>scenario</dt><dd>${esc(plan.scenarioSource || '(inline)')}</dd>`,
    `<dt>adapter</dt><dd>${esc(adapters)}</dd>`,
    `<dt>runs finished</dt><dd>${esc(finished)}</dd>`,
    `<dt>runs made by</dt><dd>${esc(software)}</dd>`,
    `<dt>report made by</dt><dd>confine ${esc(meta.version)}</dd>`,
    `<dt>plan hash</dt><dd><code>${esc(summary.plan.hash)}</code></dd>`,
    `<dt>report made</dt><dd>${esc(meta.generatedAt.toISOString())}</dd>`,
    '</dl>',
    notes.length > 0 ? `<div class="notes"><strong>Notes</strong><ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></div>` : '',
    '<h2>Summary</h2>',
    summaryTable(summary),
    '<p>Data: <a href="summary.csv">summary.csv</a> (per arm and readout), <a href="runs.csv">runs.csv</a> (per run), '
      + '<a href="timecourses.csv">timecourses.csv</a> (per arm, readout and time).</p>',
    ...sections.map((s) => [`<h2>${esc(s.heading)}</h2>`, s.text ? `<p>${esc(s.text)}</p>` : '', ...s.figures.map((f) => figureHtml(f, meta))]
      .filter((part) => part !== '').join('\n')),
    failedTable(summary),
    `<h2>Plan</h2><details><summary>plan.json</summary><pre>${esc(meta.planText)}</pre></details>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(plan.name)}: sweep report</title>
<style>${CSS}</style>
</head>
<body>
${body.filter((b) => b !== '').join('\n')}
</body>
</html>
`;
}
