// What scripts do on the app's page in headless Chromium: open a URL state, wait for the run to
// pause at a step, read the readouts, work the panel. The end-to-end tests and the screenshots
// use the same steps a person would.
import type { Page } from 'puppeteer';
import type { AppServer } from './headless-app.ts';

export interface OpenPage {
  page: Page;
  /** Console errors and uncaught exceptions so far. */
  errors: string[];
}

export async function openPage(app: AppServer, query: string): Promise<OpenPage> {
  const page = await app.browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(app.url(query), { waitUntil: 'load' });
  return { page, errors };
}

const LONG = { timeout: 400_000, polling: 100 };

/** Waits until the run is paused at `step` and (after step 0) the readouts show that step's sample. */
export async function pausedAt(page: Page, step: number): Promise<void> {
  await page.waitForFunction((s: number) => {
    const c = (window as unknown as { confine?: { counters(): { simSteps: number; playing: boolean } } }).confine?.counters();
    const shown = document.querySelector<HTMLElement>('[data-readout=tumour_mean_stress]')?.dataset.step;
    return c !== undefined && !c.playing && c.simSteps === s && (s === 0 || shown === String(s));
  }, LONG, step);
}

/** Every readout shown, by metrics column, as the exact number. */
export async function readouts(page: Page): Promise<Record<string, number>> {
  return page.$$eval('[data-readout]', (cells) =>
    Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.readout!, Number((c as HTMLElement).dataset.value)])));
}

/** Types a value into a panel control (by its data-key) and commits it as a person would. */
export async function setControl(page: Page, key: string, value: number): Promise<void> {
  const input = await page.waitForSelector(`[data-key="${key}"] input`);
  await input!.click({ count: 3 });
  await input!.type(String(value));
  await input!.press('Enter');
}

export async function clickButton(page: Page, title: string): Promise<void> {
  const clicked = await page.$$eval('button', (buttons, t) => {
    const b = buttons.find((x) => x.textContent?.trim() === t);
    b?.click();
    return b !== undefined;
  }, title);
  if (!clicked) throw new Error(`no button titled "${title}"`);
}

export async function waitFrames(page: Page, frames: number): Promise<void> {
  const start = await page.evaluate(() => (window as unknown as { confine: { counters(): { frames: number } } }).confine.counters().frames);
  await page.waitForFunction((f: number) => (window as unknown as { confine: { counters(): { frames: number } } }).confine.counters().frames >= f, LONG, start + frames);
}
