// confine screenshots: the pictures of the app in the README, taken in headless Chromium from
// URL states, so anyone can retake them after a change: the default tumour at day 0 and day 7,
// its stress view, and the plots of the therapy scenario with its treatment periods shaded.
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Page } from 'puppeteer';
import { startApp } from './headless-app.ts';
import { openPage, pausedAt, waitFrames } from './app-page.ts';

const STEPS_PER_DAY = 6; // the default 4-hour step

async function shoot(page: Page, selector: string, file: string): Promise<void> {
  const element = await page.waitForSelector(selector);
  await element!.screenshot({ path: file as `${string}.png` });
  console.error(`  ${file}`);
}

/** Picks a field in the View folder as a person would (Tweakpane's option values are indices). */
async function showField(page: Page, name: string): Promise<void> {
  const value = await page.$$eval('[data-key=field] select option', (os, n) =>
    (os as HTMLOptionElement[]).find((o) => o.textContent?.startsWith(n))?.value, name);
  if (value === undefined) throw new Error(`the view offers no field "${name}"`);
  await page.select('[data-key=field] select', value);
}

export async function screenshotsCommand(options: { out: string }): Promise<number> {
  await mkdir(options.out, { recursive: true });
  const app = await startApp();
  try {
    const at = async (query: string, day: number) => {
      const { page, errors } = await openPage(app, query);
      await pausedAt(page, day * STEPS_PER_DAY);
      // Paused at day 0 before the first frame is drawn; and a frame's range comes back a frame later.
      await waitFrames(page, 3);
      if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
      return page;
    };
    const day0 = await at('?field=oxygen&pauseAtDay=0', 0);
    await shoot(day0, '#app', join(options.out, 'app-day0.png'));
    await day0.close();
    const day7 = await at('?field=oxygen&pauseAtDay=7', 7);
    await shoot(day7, '#app', join(options.out, 'app-day7.png'));
    await showField(day7, 'compressive stress');
    await day7.$$eval('[data-key=layer-cells] input, [data-key=layer-nk] input', (inputs) => inputs.forEach((i) => (i as HTMLInputElement).click()));
    await new Promise((r) => setTimeout(r, 3000));
    await shoot(day7, '#stage', join(options.out, 'app-stress.png'));
    await day7.close();
    const therapy = await at('?scenario=therapy&p.nx=128&p.ny=128&p.dxMicrons=20&pauseAtDay=14', 14);
    await shoot(therapy, '#side', join(options.out, 'app-plots.png'));
    await therapy.close();
  } finally {
    await app.close();
  }
  return 0;
}
