// The browser app end to end in headless Chromium (SwiftShader WebGPU, served from 127.0.0.1):
// it loads cleanly and advances; the stiffness control and softening therapy move the displayed
// tumour stress the way the mechanics says; a URL reproduces a run; a bad scenario file is
// refused while the run goes on; a lost device is survived. Each effect is measured against a
// control run from the same URL state, never against a number written here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL, clickButton, openPage, pausedAt, readouts, setControl, startApp, type AppServer } from './browser.ts';

const STEPS_PER_DAY = 6; // dtMinutes 240

describe('browser app', () => {
  let app: AppServer;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('loads with no console errors, names its adapter and advances the default scenario', async () => {
    const { page, errors } = await openPage(app, `?${SMALL}&pauseAtDay=0.5`);
    await pausedAt(page, 3);
    expect(await page.$eval('#clock', (e) => e.textContent)).toBe('day 0, 12:00');
    expect(await page.$eval('#adapter', (e) => e.textContent)).not.toBe('');
    const r = await readouts(page);
    expect(r.live_tissue).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    await page.close();
  });

  describe('tumour stress responds to the panel', () => {
    const control: Record<string, number> = {};

    it('control run: one step past day 2, then on to day 5', async () => {
      const { page, errors } = await openPage(app, `?${SMALL}&pauseAtDay=2`);
      await pausedAt(page, 2 * STEPS_PER_DAY);
      await clickButton(page, 'Step');
      await pausedAt(page, 2 * STEPS_PER_DAY + 1);
      control.afterStep = (await readouts(page)).tumour_mean_stress;
      await setControl(page, 'stopDay', 5);
      await clickButton(page, 'Play');
      await pausedAt(page, 5 * STEPS_PER_DAY);
      control.day5 = (await readouts(page)).tumour_mean_stress;
      expect(control.afterStep).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('a stiffer tumour (20 → 100 kPa, set live) raises the tumour stress at the next step', async () => {
      const { page, errors } = await openPage(app, `?${SMALL}&pauseAtDay=2`);
      await pausedAt(page, 2 * STEPS_PER_DAY);
      await setControl(page, 'tumourStiffnessKPa', 100);
      expect(page.url()).toContain('p.tumourStiffnessKPa=100');
      await clickButton(page, 'Step');
      await pausedAt(page, 2 * STEPS_PER_DAY + 1);
      const stiff = (await readouts(page)).tumour_mean_stress;
      expect(stiff).toBeGreaterThan(1.2 * control.afterStep!);
      expect(errors).toEqual([]);
      await page.close();
    });

    // Three daily doses, not two: the course's softening builds over days (1/day towards at most
    // 50 %), and two days of it lower the stress by 12 % on this grid, three days by 17 % (the
    // same scenario in Node); the margin over 10 % is kept for adapters that differ.
    it('starting softening therapy at day 2 lowers the tumour stress by day 5', async () => {
      const { page, errors } = await openPage(app, `?${SMALL}&pauseAtDay=2`);
      await pausedAt(page, 2 * STEPS_PER_DAY);
      await setControl(page, 'softenerStartDay', 2);
      await page.$eval('[data-key=softeningOn] input', (e) => (e as HTMLInputElement).click());
      expect(page.url()).toContain('p.softenerDoseRelative=1');
      await setControl(page, 'stopDay', 5);
      await clickButton(page, 'Play');
      await pausedAt(page, 5 * STEPS_PER_DAY);
      const softened = (await readouts(page)).tumour_mean_stress;
      expect(softened).toBeLessThan(0.9 * control.day5!);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
