// confine report DIR [--out OUT]: the report of a parameter sweep, from what `confine sweep`
// left in DIR (plan.json, results*.jsonl), written to DIR/report or OUT: index.html, the
// figures as SVG and (through headless Chromium) PNG, and summary.csv, runs.csv and
// timecourses.csv. Without Chromium the SVGs and the page are still written, with a warning.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { prepareOutputDir, writeFileAtomic } from '../io/output-dir.ts';
import { softwareVersion } from './software-version.ts';
import { buildReport } from '../report/build-report.ts';
import { reportHtml } from '../report/html.ts';
import { readPlanFile } from '../sweep/plan-file.ts';
import { readResults, SweepFileError } from '../sweep/results-file.ts';
import type { Figure } from '../report/svg.ts';
import { chromiumPath } from './chromium-path.ts';

export interface ReportOptions {
  /** The sweep's output directory. */
  dir: string;
  /** Where the report goes; DIR/report by default. */
  out?: string;
}

const FIGURES_DIR = 'figures';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic', '--headless=new',
];

/** Writes the report; 0 when written (PNGs possibly skipped, with a warning), 1 when DIR holds no sweep to report. */
export async function reportCommand(options: ReportOptions): Promise<number> {
  try {
    return await writeReport(options);
  } catch (error) {
    if (!(error instanceof SweepFileError)) throw error;
    console.error(`error: ${error.message}`);
    return 1;
  }
}

async function writeReport(options: ReportOptions): Promise<number> {
  const { dir } = options;
  const plan = await readPlanFile(dir);
  const results = await readResults([dir]);
  if (results.files.length === 0) throw new SweepFileError(`no results in ${dir}: expected results.jsonl or results.shard-<i>-of-<n>.jsonl beside plan.json`);
  if (results.records.length === 0) throw new SweepFileError(`${results.files.join(', ')}: no finished run yet`);

  const built = buildReport(plan, results);
  const out = await prepareOutputDir(options.out ?? join(dir, 'report'));
  const figuresDir = join(out, FIGURES_DIR);
  await mkdir(figuresDir, { recursive: true });
  await removeStaleFigures(figuresDir, built.figures);
  for (const figure of built.figures) await writeFileAtomic(join(figuresDir, figure.file), figure.svg);
  const pngProblem = built.figures.length > 0 ? await rasterise(built.figures, figuresDir) : null;
  const remarks = pngProblem === null ? [] : [`PNGs were not made: ${pngProblem}. The SVG figures are complete.`];
  const html = reportHtml(built.summary, built.sections, {
    version: softwareVersion(), generatedAt: new Date(), figuresDir: FIGURES_DIR, png: pngProblem === null, remarks, planText: plan.text,
  });
  for (const [name, text] of Object.entries(built.tables)) await writeFileAtomic(join(out, name), text);
  await writeFileAtomic(join(out, 'index.html'), html);

  const { summary } = built;
  for (const note of summary.notes) console.error(`note: ${note}`);
  if (pngProblem !== null) console.error(`warning: PNGs skipped, ${pngProblem}; the SVGs and index.html are written`);
  console.error(`report ${plan.plan.name}: ${summary.ok} ok, ${summary.failed} failed, ${summary.missing} missing of ${plan.runs} runs; `
    + `${summary.arms.length} arms, ${built.figures.length} figures → ${join(out, 'index.html')}`);
  return 0;
}

// A figure from an earlier report of the same directory (a readout since dropped) must not be
// mistaken for part of this one.
async function removeStaleFigures(dir: string, figures: readonly Figure[]): Promise<void> {
  const current = new Set(figures.flatMap((f) => [f.file, f.file.replace(/\.svg$/, '.png')]));
  for (const name of await readdir(dir)) {
    if (/\.(svg|png)$/.test(name) && !current.has(name)) await rm(join(dir, name));
  }
}

/** A PNG beside every SVG at twice its size; null when done, else why not. */
async function rasterise(figures: readonly Figure[], dir: string): Promise<string | null> {
  let executablePath;
  try {
    executablePath = chromiumPath();
  } catch (error) {
    return (error as Error).message;
  }
  let browser;
  try {
    const { default: puppeteer } = await import('puppeteer');
    browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (error) {
    return `Chromium could not be started from ${executablePath} (${(error as Error).message.split('\n')[0]}); `
      + 'install it or set PUPPETEER_EXECUTABLE_PATH or CHROME_PATH';
  }
  try {
    const page = await browser.newPage();
    for (const figure of figures) {
      await page.setViewport({ width: figure.width, height: figure.height, deviceScaleFactor: 2 });
      await page.setContent(`<!doctype html><html><body style="margin:0">${figure.svg}</body></html>`);
      const path = join(dir, figure.file.replace(/\.svg$/, '.png')) as `${string}.png`;
      await page.screenshot({ path, clip: { x: 0, y: 0, width: figure.width, height: figure.height } });
    }
    return null;
  } catch (error) {
    return `Chromium failed while drawing them (${(error as Error).message.split('\n')[0]})`;
  } finally {
    await browser.close();
  }
}
