// When things go wrong in the browser: without WebGPU the page says what is missing and how to
// turn it on; after device loss the run is restarted on a new device from where it was, with
// the same readouts, and goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL, clickButton, openPage, pausedAt, readouts, startApp, type AppServer } from './browser.ts';

describe('robust app', () => {
  let app: AppServer;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('explains how to enable WebGPU when the browser has none', async () => {
    const page = await app.browser.newPage();
    await page.evaluateOnNewDocument(() => Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined }));
    await page.goto(app.url(`?${SMALL}`), { waitUntil: 'load' });
    const text = await page.$eval('#no-webgpu', (e) => e.textContent ?? '');
    expect(text).toMatch(/does not offer WebGPU/);
    expect(text).toMatch(/enable-unsafe-webgpu/);
    expect(text).toMatch(/Safari 26/);
    expect(await page.$('#view')).toBeNull();
    await page.close();
  });

  it('restarts from the last state after the device is lost', async () => {
    const { page, errors } = await openPage(app, `?${SMALL}&pauseAtDay=1`);
    await pausedAt(page, 6);
    const before = await readouts(page);
    await page.evaluate(() => (window as unknown as { confine: { loseDevice(): void } }).confine.loseDevice());
    await page.waitForFunction(() => document.querySelector('#banner')?.textContent?.includes('Restarted on a new GPU device'), { timeout: 300_000 });
    await pausedAt(page, 6);
    expect(await readouts(page)).toEqual(before);
    await clickButton(page, 'Step');
    await pausedAt(page, 7);
    expect(errors.filter((e) => !/lost|destroyed/i.test(e))).toEqual([]);
    const afterLoss = await readouts(page);
    await page.close();
    // The readouts shown right after recovery could still be the old run's; a step later they
    // are the replayed run's own, and must equal a run that never lost its device.
    const control = await openPage(app, `?${SMALL}&pauseAtDay=1`);
    await pausedAt(control.page, 6);
    await clickButton(control.page, 'Step');
    await pausedAt(control.page, 7);
    expect(afterLoss).toEqual(await readouts(control.page));
    await control.page.close();
  });
});
