// The browser benchmarks at a smoke size, so they never rot; their speed is not checked here.
// The soak's figures are: a running app makes no GPU object and holds its heap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchApp, benchGeometry } from '../../src/bench/app-browser.ts';
import { soakApp } from '../../src/bench/soak-app.ts';
import { CENSUS_KINDS } from '../../src/gpu/census.ts';
import { startApp, type AppServer } from './browser.ts';

describe('browser benchmark', () => {
  let app: AppServer;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('sizes the tumour for the cell count it is asked for', () => {
    const g = benchGeometry(512, 100_000);
    expect(g).toEqual({ dxMicrons: 14, tumourRadiusMicrons: 2974 });
    expect(g.tumourRadiusMicrons + 300).toBeLessThan((512 * g.dxMicrons) / 2);
  });

  it('counts frames and steps running and paused', async () => {
    const r = await benchApp(app, { n: 64, targetCells: 2000, seconds: 1 }, () => {});
    expect(r.cancerCells).toBeGreaterThan(1500);
    expect(r.cancerCells).toBeLessThan(2500);
    expect(r.running.frames).toBeGreaterThanOrEqual(2);
    expect(r.running.steps).toBe(r.running.frames);
    expect(r.paused.steps).toBe(0);
    expect(r.paused.frames).toBeGreaterThanOrEqual(2);
  });

  it('soaks: a running app makes no GPU object after its warm-up and keeps its heap', async () => {
    // Weekly metrics, so the plots' and the run's time series (kept by design) stay out of the heap's figure.
    const r = await soakApp(app, { n: 32, steps: 24, every: 4, metricsIntervalMinutes: 10080 }, () => {});
    for (const kind of CENSUS_KINDS) expect(r.madeBetween[kind], `${kind} made`).toBe(0);
    for (const kind of CENSUS_KINDS) expect(r.after.gpu[kind], `${kind} alive`).toBe(r.before.gpu[kind]);
    // Over 20 steps the page's heap still grows by its warm-up (0.17 MB measured; flat from about step
    // 100 in a 200-step soak), so this bound catches only a leak of tens of kB a step; the GPU counts are exact.
    expect(r.after.heapMB - r.before.heapMB).toBeLessThan(0.5);
    console.log(`app soak: ${r.steps} steps at ${r.grid}², heap ${r.before.heapMB.toFixed(2)} → ${r.after.heapMB.toFixed(2)} MB, ${r.after.gpu.buffers} buffers, ${r.after.gpu.bindGroups} bind groups, ${r.after.gpu.pipelines} pipelines alive throughout`);
  });
});
