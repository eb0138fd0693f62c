// Frames and simulation steps per second of the browser app in headless Chrome: the default
// tissue on an n² grid, its tumour sized for a target number of cancer cells. Measured twice:
// running (one step per frame, then a draw: what a person watching sees) and paused (the view
// alone, from the same buffers). Timing is by the page's own clock over a fixed window, after
// the first step has compiled every pipeline.
import type { Page } from 'puppeteer';
import type { AppServer } from '../cli/headless-app.ts';
import { defaultParams } from '../model/params.ts';

export interface AppBenchOptions {
  n: number;
  targetCells: number;
  seconds: number;
}

export interface Rate {
  seconds: number;
  frames: number;
  steps: number;
  framesPerSecond: number;
  stepsPerSecond: number;
}

export interface AppBenchResult {
  adapter: string;
  query: string;
  grid: number;
  dxMicrons: number;
  tumourRadiusMicrons: number;
  cancerCells: number;
  running: Rate;
  paused: Rate;
}

interface Counters { frames: number; steps: number; simSteps: number; playing: boolean }
const counters = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { confine: { counters(): Counters } }).confine.counters(), t: performance.now() }));

/**
 * The tumour (with its 300 µm stroma rim inside the domain) that seeds about `cells` cancer
 * cells at the default full density and seeding fraction, on an n² grid of cells sized so it fits.
 */
export function benchGeometry(n: number, cells: number): { dxMicrons: number; tumourRadiusMicrons: number } {
  const p = defaultParams();
  const areaMm2 = cells / (p.carryingCapacityCellsPerMm2 * p.initialDensityFraction);
  const radius = Math.round(Math.sqrt(areaMm2 / Math.PI) * 1000);
  const dx = Math.ceil((2 * (radius + p.stromaWidthMicrons + 100)) / n);
  return { dxMicrons: dx, tumourRadiusMicrons: radius };
}

async function measure(page: Page, seconds: number): Promise<Rate> {
  const a = await counters(page);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  // At least two frames in the window, however slow the adapter.
  await page.waitForFunction((f: number) => (window as unknown as { confine: { counters(): Counters } }).confine.counters().frames >= f, { timeout: 0 }, a.frames + 2);
  const b = await counters(page);
  const s = (b.t - a.t) / 1000;
  return { seconds: s, frames: b.frames - a.frames, steps: b.steps - a.steps, framesPerSecond: (b.frames - a.frames) / s, stepsPerSecond: (b.steps - a.steps) / s };
}

export async function benchApp(app: AppServer, o: AppBenchOptions, log: (line: string) => void): Promise<AppBenchResult> {
  const { dxMicrons, tumourRadiusMicrons } = benchGeometry(o.n, o.targetCells);
  const query = `?p.nx=${o.n}&p.ny=${o.n}&p.dxMicrons=${dxMicrons}&p.tumourRadiusMicrons=${tumourRadiusMicrons}&p.durationDays=365`;
  const page = await app.browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(app.url(query), { waitUntil: 'load' });
  await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-readout=live_tissue]')?.dataset.step) >= 1, { timeout: 0 });
  const adapter = await page.$eval('#adapter', (e) => e.textContent ?? '');
  const cancerCells = await page.$eval('[data-readout=live_tissue]', (e) => Number((e as HTMLElement).dataset.value));
  log(`${o.n}² (${dxMicrons} µm cells), ${cancerCells} cancer cells on ${adapter}: running…`);
  const running = await measure(page, o.seconds);
  log(`  running: ${running.framesPerSecond.toFixed(3)} frames/s, ${running.stepsPerSecond.toFixed(3)} steps/s`);
  await page.evaluate(() => document.querySelectorAll('button').forEach((b) => { if (b.textContent === 'Pause') b.click(); }));
  await page.waitForFunction(() => !(window as unknown as { confine: { counters(): Counters } }).confine.counters().playing, { timeout: 0 });
  const paused = await measure(page, o.seconds);
  log(`  paused: ${paused.framesPerSecond.toFixed(3)} frames/s`);
  await page.close();
  if (errors.length) throw new Error(`the page failed during the benchmark: ${errors.join('; ')}`);
  return { adapter, query, grid: o.n, dxMicrons, tumourRadiusMicrons, cancerCells, running, paused };
}
