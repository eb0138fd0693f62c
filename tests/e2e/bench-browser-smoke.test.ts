// The browser benchmark runner at smoke sizes, so it never rots: bench.html runs the suite on
// navigator.gpu in headless Chrome and hands back a report of the one JSON shape. Its speed is
// not checked here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrowserSuite } from '../../src/bench/browser-runner.ts';
import { BENCH_CASES } from '../../src/bench/registry.ts';
import { isMeasured, shapeProblems } from '../../src/bench/result.ts';
import { startApp, type AppServer } from './browser.ts';

describe('browser benchmark runner', () => {
  let app: AppServer;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('runs every case at its smoke sizes in the page and returns a well-formed report', async () => {
    const lines: string[] = [];
    const report = await runBrowserSuite(app, { smoke: true, repeats: 1, warmup: 1 }, 'test', (l) => lines.push(l));
    expect(shapeProblems(report)).toEqual([]);
    expect(report.runner).toBe('browser');
    expect(report.adapter.backend).toBe('browser');
    expect(report.userAgent).toMatch(/Chrome/);
    expect(report.commit).toBe('test');
    expect(report.cases.map((c) => c.name)).toEqual(BENCH_CASES.map((c) => c.name));
    for (const c of report.cases) expect(c.sizes.filter(isMeasured)).toHaveLength(2);
    expect(lines.length).toBe(BENCH_CASES.length * 2);
  });
});
