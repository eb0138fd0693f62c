// The browser app watched for leaks over a long run: the soak scenario (scenarios.ts) opened by
// URL, one step and one draw per frame, sampled every so many steps after a collection of the
// page's garbage (DevTools protocol): JS heap in use, the GPU objects alive (the dev server's
// census, scripting-hooks.ts) and the time a step takes by the page's clock.
import type { AppServer } from '../cli/headless-app.ts';
import type { CensusCounts } from '../gpu/census.ts';
import { soakScenario } from './scenarios.ts';
import { soakSummary, type SoakReport, type SoakSample } from './soak-report.ts';
import type { SoakOptions } from './soak.ts';

interface PageCensus { live: CensusCounts; made: CensusCounts; simSteps: number; day: number; cells: number; capacity: number; metricsSamples: number }
type Hooks = { confine: { census(): PageCensus } };

const MB = 1024 * 1024;

export async function soakApp(app: AppServer, o: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const scenario = soakScenario(o.n, o.steps, o.metricsIntervalMinutes);
  const p = scenario.parameters;
  const query = `?p.nx=${o.n}&p.ny=${o.n}&p.tumourRadiusMicrons=${p.tumourRadiusMicrons}&p.stromaWidthMicrons=${p.stromaWidthMicrons}`
    + `&p.durationDays=${p.durationDays}&p.smacDoseNM=${p.smacDoseNM}&p.smacFirstDoseDay=${p.smacFirstDoseDay}&p.softenerDoseRelative=${p.softenerDoseRelative}&p.metricsIntervalMinutes=${p.metricsIntervalMinutes}`;
  const page = await app.browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await page.createCDPSession();
  await page.goto(app.url(query), { waitUntil: 'load' });
  await page.waitForFunction(() => typeof (window as unknown as Partial<Hooks>).confine?.census === 'function', { timeout: 0 });
  const adapter = await page.$eval('#adapter', (e) => e.textContent ?? '');
  const samples: SoakSample[] = [];
  let last: { steps: number; t: number } | undefined;
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    // Finalizers of what the collection freed run in a later task.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const c = await page.evaluate(() => ({ ...(window as unknown as Hooks).confine.census(), t: performance.now() }));
    const msPerStep = last && c.simSteps > last.steps ? (c.t - last.t) / (c.simSteps - last.steps) : 0;
    last = { steps: c.simSteps, t: c.t };
    samples.push({ step: c.simSteps, day: c.day, msPerStep, heapMB: usedSize / MB, gpu: c.live, made: c.made, cells: c.cells, capacity: c.capacity, metricsSamples: c.metricsSamples });
    log(`step ${c.simSteps} (day ${c.day.toFixed(1)}): ${msPerStep.toFixed(1)} ms/step, heap ${(usedSize / MB).toFixed(1)} MB, GPU ${c.live.buffers} buffers ${(c.live.bufferBytes / MB).toFixed(1)} MB, ${c.live.bindGroups} bind groups, ${c.live.pipelines} pipelines, ${c.cells} cells`);
    return c;
  };
  for (let target = 0; target <= o.steps; target += o.every) {
    await page.waitForFunction((n: number) => (window as unknown as Hooks).confine.census().simSteps >= n, { timeout: 0, polling: 50 }, target);
    await sample();
  }
  const made = (await page.evaluate(() => (window as unknown as Hooks).confine.census())).made;
  await page.close();
  if (errors.length) throw new Error(`the page failed during the soak: ${errors.join('; ')}`);
  return soakSummary({
    runner: 'browser', what: 'the browser app (one step and one draw per frame)', scenario: scenario.name, grid: o.n, dxMicrons: p.dxMicrons,
    dtMinutes: p.dtMinutes, steps: o.steps, adapter, made, samples,
  });
}
