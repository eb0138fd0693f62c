// The browser benchmark at a smoke size, so it never rots; its speed is not checked here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchApp, benchGeometry } from '../../src/bench/app-browser.ts';
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
});
