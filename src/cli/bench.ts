// confine bench: the benchmark suite (src/bench/) in Node on Dawn or in headless Chrome, as one
// JSON report, Markdown tables and an SVG plot; and the browser app's frame rate.
import { execSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { runSuite, type SuiteOptions } from '../bench/suite.ts';
import { shapeProblems, type BenchReport } from '../bench/result.ts';
import { markdownReport } from '../bench/report/markdown.ts';
import { timeSizeSvg } from '../bench/report/time-size-plot.ts';
import { formatTable } from '../io/table.ts';
import { soakRun } from '../bench/soak.ts';
import { soakMarkdown, type SoakReport } from '../bench/soak-report.ts';
import { prepareOutputDir, writeFileAtomic } from '../io/output-dir.ts';

export interface BenchOutputs {
  json?: string;
  /** Directory for the Markdown tables and the SVG plot. */
  report?: string;
}

/** The commit measured, marked -dirty when the working tree differs from it. */
function commit(): string {
  try {
    return execSync('git describe --always --dirty', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

const progress = (line: string) => console.error(`  ${line}`);

export async function writeReport(dir: string, name: string, report: BenchReport): Promise<void> {
  await prepareOutputDir(dir);
  await writeFileAtomic(join(dir, `${name}.md`), markdownReport(report));
  await writeFileAtomic(join(dir, `${name}.svg`), timeSizeSvg(report));
  console.error(`wrote ${join(dir, name)}.md and .svg`);
}

/** Writes the report where asked; a report of the wrong shape is written too, and fails the command. */
async function emit(report: BenchReport, out: BenchOutputs): Promise<number> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (out.json) {
    await writeFileAtomic(out.json, json);
    console.log(markdownReport(report));
  } else {
    console.log(json);
  }
  // Dawn leaves the architecture empty on some drivers (NVIDIA's); the device then names the file.
  const { architecture, device, vendor } = report.adapter;
  if (out.report) await writeReport(out.report, `${report.runner}-${architecture !== 'unknown' ? architecture : device || vendor}`, report);
  const problems = shapeProblems(report);
  for (const p of problems) console.error(`bad report: ${p}`);
  return problems.length ? 1 : 0;
}

export async function benchCommand(options: SuiteOptions, out: BenchOutputs): Promise<number> {
  const gpu = await acquireGpu();
  console.error(`confine bench on ${describeAdapter(gpu.report)}`);
  try {
    return await emit(await runSuite(gpu, options, { runner: 'node', commit: commit() }, progress), out);
  } finally {
    gpu.destroy();
  }
}

export async function benchBrowserCommand(options: SuiteOptions, out: BenchOutputs): Promise<number> {
  const { startApp } = await import('./headless-app.ts');
  const { runBrowserSuite } = await import('../bench/browser-runner.ts');
  const app = await startApp();
  try {
    console.error(`confine bench --browser in ${await app.browser.version()}`);
    return await emit(await runBrowserSuite(app, options, commit(), progress), out);
  } finally {
    await app.close();
  }
}

/** Tables and plot from reports saved earlier, each named after its JSON file. */
export async function benchReportCommand(dir: string, files: string[]): Promise<number> {
  for (const file of files) {
    const report = JSON.parse(await readFile(file, 'utf8')) as BenchReport;
    await writeReport(dir, basename(file, '.json'), report);
  }
  return 0;
}

export async function benchAppCommand(options: { n: number; cells: number; seconds: number; json?: string }): Promise<number> {
  const { startApp } = await import('./headless-app.ts');
  const { benchApp } = await import('../bench/app-browser.ts');
  const app = await startApp();
  try {
    const result = await benchApp(app, { n: options.n, targetCells: options.cells, seconds: options.seconds }, (s) => console.error(s));
    const report = { ...result, chromium: await app.browser.version(), commit: commit(), date: new Date().toISOString(), method: 'page clock over a fixed window after the first step; running = one step then one draw per frame' };
    console.log(formatTable([
      { mode: 'running', fps: result.running.framesPerSecond.toFixed(3), sps: result.running.stepsPerSecond.toFixed(3) },
      { mode: 'paused (view only)', fps: result.paused.framesPerSecond.toFixed(3), sps: '0' },
    ], [{ key: 'mode', header: `${result.grid}², ${result.cancerCells} cells` }, { key: 'fps', header: 'frames/s' }, { key: 'sps', header: 'steps/s' }], 'markdown'));
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (options.json) await writeFileAtomic(options.json, json);
    else console.log(json);
  } finally {
    await app.close();
  }
  return 0;
}

export interface SoakCommandOptions {
  n: number;
  steps: number;
  browser: boolean;
  json?: string;
  report?: string;
}

/** A long run, in Node or the browser app, sampled 20 times for memory, GPU objects and step time. */
export async function benchSoakCommand(o: SoakCommandOptions): Promise<number> {
  const options = { n: o.n, steps: o.steps, every: Math.max(1, Math.round(o.steps / 20)) };
  let report: SoakReport;
  if (o.browser) {
    const { startApp } = await import('./headless-app.ts');
    const { soakApp } = await import('../bench/soak-app.ts');
    const app = await startApp();
    try {
      report = { ...(await soakApp(app, options, progress)), commit: commit(), date: new Date().toISOString() };
    } finally {
      await app.close();
    }
  } else {
    const gpu = await acquireGpu();
    console.error(`confine bench --soak on ${describeAdapter(gpu.report)}`);
    try {
      report = { ...(await soakRun(gpu, options, progress)), adapter: describeAdapter(gpu.report), commit: commit(), date: new Date().toISOString() };
    } finally {
      gpu.destroy();
    }
  }
  const markdown = soakMarkdown(report);
  console.log(markdown);
  if (o.json) await writeFileAtomic(o.json, `${JSON.stringify(report, null, 2)}\n`);
  if (o.report) {
    await prepareOutputDir(o.report);
    await writeFileAtomic(join(o.report, `soak-${report.runner}.md`), markdown);
  }
  return 0;
}
