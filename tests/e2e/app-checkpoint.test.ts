// Checkpoints in the app, end to end: "Save checkpoint" at day 1 downloads the run; dropped on a
// fresh page it goes on from day 1, and both pages step to the same readouts; a device lost
// after the load is replayed from the checkpoint, not from day 0; a damaged file is refused
// with the reason while the run goes on.
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL, clickButton, openPage, pausedAt, readouts, startApp, type AppServer } from './browser.ts';

/** Clicks "Save checkpoint" and returns the file it downloads: its name and its bytes in base64. */
async function saveCheckpoint(page: Page): Promise<{ name: string; base64: string }> {
  await page.evaluate(() => {
    const kept: { blob: Blob; name?: string }[] = [];
    Object.assign(window, { saved: kept });
    URL.createObjectURL = (b: Blob | MediaSource) => (kept.push({ blob: b as Blob }), 'blob:kept');
    HTMLAnchorElement.prototype.click = function () {
      kept[kept.length - 1]!.name = this.download;
    };
  });
  await clickButton(page, 'Save checkpoint');
  await page.waitForFunction(() => (window as unknown as { saved: { name?: string }[] }).saved[0]?.name !== undefined, { timeout: 120_000 });
  return page.evaluate(async () => {
    const { blob, name } = (window as unknown as { saved: { blob: Blob; name: string }[] }).saved[0]!;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { name, base64: btoa(text) };
  });
}

/** Drops a file holding the first `keep` bytes of `base64` (all by default) on the page. */
async function dropFile(page: Page, base64: string, name: string, keep?: number): Promise<void> {
  await page.evaluate((data: string, file: string, n: number | null) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([n === null ? bytes : bytes.subarray(0, n)], file));
    document.querySelector('#app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, base64, name, keep ?? null);
}

async function step(page: Page, to: number): Promise<void> {
  await clickButton(page, 'Step');
  await pausedAt(page, to);
}

describe('checkpoints in the app', () => {
  let app: AppServer;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('a checkpoint saved at day 1 goes on in a fresh page as the run it came from', async () => {
    const original = await openPage(app, `?${SMALL}&pauseAtDay=1`);
    await pausedAt(original.page, 6);
    const atSave = await readouts(original.page);
    const { name, base64 } = await saveCheckpoint(original.page);
    expect(name).toBe('default-day1.00.ckpt');
    // Stepped before the second page opens: a page in the background gets no animation frames.
    await step(original.page, 7);
    await step(original.page, 8);
    const after = await readouts(original.page);
    await step(original.page, 9);
    const afterRecovery = await readouts(original.page);
    expect(original.errors).toEqual([]);
    await original.page.close();

    // Another seed than the checkpoint's: what this page started with must leave no trace.
    const loaded = await openPage(app, `?${SMALL}&seed=7&pauseAtDay=0`);
    await pausedAt(loaded.page, 0);
    await dropFile(loaded.page, base64, name);
    await loaded.page.waitForFunction(() => document.querySelector('#banner')?.textContent?.includes('Loaded default-day1.00.ckpt'), { timeout: 120_000 });
    // Its stop day (0) is behind the loaded clock, so it pauses where the checkpoint was taken.
    await pausedAt(loaded.page, 6);
    expect(await readouts(loaded.page)).toEqual(atSave);
    expect(loaded.page.url()).toContain('scenarioJson=');
    expect(loaded.page.url()).not.toContain('seed=7');
    await step(loaded.page, 7);
    await step(loaded.page, 8);
    expect(await readouts(loaded.page)).toEqual(after);
    expect(loaded.errors).toEqual([]);

    // A lost device is replayed from the checkpoint (step 6), not from this page's day 0 (seed 7);
    // the step after the replay is compared, as the readouts shown until then are the old ones.
    await loaded.page.evaluate(() => (window as unknown as { confine: { loseDevice(): void } }).confine.loseDevice());
    await loaded.page.waitForFunction(() => document.querySelector('#banner')?.textContent?.includes('Restarted on a new GPU device'), { timeout: 300_000 });
    await pausedAt(loaded.page, 8);
    await step(loaded.page, 9);
    expect(await readouts(loaded.page)).toEqual(afterRecovery);

    // A damaged file is refused, naming it and the fault, and the run goes on.
    await dropFile(loaded.page, base64, 'cut.ckpt', 100_000);
    await loaded.page.waitForSelector('#banner[data-kind=error]');
    const message = await loaded.page.$eval('#banner', (e) => e.textContent ?? '');
    expect(message).toMatch(/Could not load the checkpoint cut\.ckpt: truncated: the header lists \d+ bytes in all, the file holds 100000/);
    expect(message).toMatch(/continues unchanged/);
    await step(loaded.page, 10);
    expect(loaded.errors.filter((e) => !/lost|destroyed/i.test(e))).toEqual([]);
    await loaded.page.close();
  });
});
