// Share and save, end to end: the URL written while a person works the panel reproduces the
// run's readouts on another page; the exports carry that run; a bad scenario file is refused
// with the reason and the running simulation goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL, captureDownloads, clickButton, downloadOf, openPage, pausedAt, readouts, setControl, startApp, type AppServer } from './browser.ts';

describe('share and save', () => {
  let app: AppServer;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  let link = '';
  let first: Record<string, number> = {};

  it('a run set up in the panel is written to the URL, and exports its scenario, time series and view', async () => {
    const { page, errors } = await openPage(app, `?${SMALL}&pauseAtDay=0`);
    await pausedAt(page, 0);
    await setControl(page, 'tumourStiffnessKPa', 30);
    await setControl(page, 'seed', 5);
    await clickButton(page, 'Rebuild with 1 change (restarts at day 0)');
    await pausedAt(page, 0);
    await setControl(page, 'stopDay', 1);
    await clickButton(page, 'Play');
    await pausedAt(page, 6);
    first = await readouts(page);
    link = page.url();
    expect(link).toMatch(/seed=5/);
    expect(link).toMatch(/p\.tumourStiffnessKPa=30/);
    expect(link).toMatch(/pauseAtDay=1/);

    await captureDownloads(page);
    const json = JSON.parse((await downloadOf(page, 'Export scenario (JSON)')).text);
    expect(json).toMatchObject({ name: 'default', seed: 5, parameters: { nx: 64, ny: 64, dxMicrons: 40, tumourStiffnessKPa: 30 } });
    const csv = (await downloadOf(page, 'Export time series (CSV)')).text.trim().split('\n');
    expect(csv[0]).toContain('tumour_mean_stress [kPa]');
    expect(csv.length).toBe(1 + 6);
    const png = await downloadOf(page, 'Export view (PNG)');
    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('that URL, opened on a new page, reproduces the same readouts', async () => {
    const { page, errors } = await openPage(app, link.slice(link.indexOf('?')));
    await pausedAt(page, 6);
    expect(await readouts(page)).toEqual(first);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad scenario file is refused with its problems named, and the running one goes on', async () => {
    const { page } = await openPage(app, `?${SMALL}`);
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#clock')?.dataset.step) >= 1, { timeout: 300_000 });
    const bad = JSON.stringify({ name: 'bad', kind: 'tissue', parameters: { tumourStiffnessKPa: 500, nx: 100 } });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'bad.json', { type: 'application/json' }));
      document.querySelector('#app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, bad);
    await page.waitForSelector('#banner[data-kind=error]');
    const message = await page.$eval('#banner', (e) => e.textContent ?? '');
    expect(message).toMatch(/bad\.json: 2 problems/);
    expect(message).toMatch(/parameters\.tumourStiffnessKPa = 500/);
    expect(message).toMatch(/\[1, 100\]/);
    expect(message).toMatch(/parameters\.nx = 100/);
    expect(message).toMatch(/continues unchanged/);
    const step = await page.$eval('#clock', (e) => Number((e as HTMLElement).dataset.step));
    await page.waitForFunction((s: number) => Number(document.querySelector<HTMLElement>('#clock')?.dataset.step) > s + 1, { timeout: 300_000 }, step);
    expect(page.url()).toContain('scenario=default');
    await page.close();
  });

  it('the scenario picker runs a study assay and the capillary network imported from a PNG', async () => {
    const { page, errors } = await openPage(app, `?${SMALL}`);
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#clock')?.dataset.step) >= 1, { timeout: 300_000 });
    for (const name of ['transwell', 'imported-vessels']) {
      const value = await page.$$eval('[data-key=scenario] select option', (os, n) => (os as HTMLOptionElement[]).find((o) => o.textContent === n)?.value, name);
      expect(value, name).toBeDefined();
      await page.select('[data-key=scenario] select', value!);
      await page.waitForFunction((n: string) => location.search.includes(`scenario=${n}`), { timeout: 60_000 }, name);
      await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#clock')?.dataset.step) >= 2, { timeout: 300_000 });
      expect(await page.$('#banner[data-kind=error]'), name).toBeNull();
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
