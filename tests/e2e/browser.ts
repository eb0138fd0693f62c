// The app in headless Chromium (SwiftShader WebGPU), served by Vite from 127.0.0.1 (a secure
// context), and what the end-to-end tests do on its page: open a URL state, wait for the run to
// pause at a step, read the readouts, work the panel.
import { createServer, type ViteDevServer } from 'vite';
import puppeteer, { type Browser, type Page } from 'puppeteer';

// SwiftShader for both WebGPU (Vulkan) and the compositor (ANGLE): with the compositor on its
// default GL path, a WebGPU canvas's swap-chain image cannot be shared with it and Chromium
// destroys the device at the first present.
export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--enable-gpu', '--ignore-gpu-blocklist', '--use-vulkan=swiftshader',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

/** A small tissue (64² cells of 40 µm: the default 2.56 mm domain) so a day takes seconds in software. */
export const SMALL = 'p.nx=64&p.ny=64&p.dxMicrons=40';

export interface AppServer {
  browser: Browser;
  url(query: string): string;
  close(): Promise<void>;
}

export async function startApp(): Promise<AppServer> {
  const server: ViteDevServer = await createServer({ server: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
  await server.listen();
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_FLAGS, ...(process.env.EXTRA_FLAGS ? process.env.EXTRA_FLAGS.split(' ') : [])] });
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    browser,
    url: (query) => `http://127.0.0.1:${port}/${query}`,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

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

/** Keeps every blob the page would download, instead of downloading it. */
export async function captureDownloads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const kept: Blob[] = [];
    Object.assign(window, { downloads: kept });
    URL.createObjectURL = (b: Blob | MediaSource) => (kept.push(b as Blob), 'blob:kept');
    HTMLAnchorElement.prototype.click = function () {};
  });
}

/** Clicks an export button and returns what it saved: type, size and (for text) content. */
export async function downloadOf(page: Page, button: string): Promise<{ type: string; size: number; text: string }> {
  const count = await page.evaluate(() => (window as unknown as { downloads: Blob[] }).downloads.length);
  await clickButton(page, button);
  await page.waitForFunction((n: number) => (window as unknown as { downloads: Blob[] }).downloads.length > n, { timeout: 60_000 }, count);
  return page.evaluate(async () => {
    const kept = (window as unknown as { downloads: Blob[] }).downloads;
    const b = kept[kept.length - 1]!;
    return { type: b.type, size: b.size, text: b.type.startsWith('image') ? '' : await b.text() };
  });
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
