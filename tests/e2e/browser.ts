// What only the end-to-end tests need on top of the page steps in src/cli/app-page.ts: a small
// tissue that runs a day in seconds, and downloads caught instead of saved.
import type { Page } from 'puppeteer';
import { startApp, type AppServer } from '../../src/cli/headless-app.ts';
import { clickButton } from '../../src/cli/app-page.ts';

export { startApp, type AppServer };
export { clickButton, openPage, pausedAt, readouts, setControl, waitFrames } from '../../src/cli/app-page.ts';

/** A small tissue (64² cells of 40 µm: the default 2.56 mm domain) so a day takes seconds in software. */
export const SMALL = 'p.nx=64&p.ny=64&p.dxMicrons=40';

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
