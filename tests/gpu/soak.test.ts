// The soak benchmark's loop (src/bench/soak.ts: confine run's steps, metrics.csv and a
// checkpoint a day) at a CI size holds its GPU objects and JS heap flat. Metrics are sampled
// weekly here, so the time series the run keeps (a few kB a sample, by design) does not hide a
// leak of anything else; `confine bench --soak` measures the default interval too.
import { describe, expect, it } from 'vitest';
import { soakRun } from '../../src/bench/soak.ts';
import { CENSUS_KINDS } from '../../src/gpu/census.ts';
import { scoped, useGpu } from './fixture.ts';

/** 20 simulated days (a checkpoint each, the population grown once or more) in 8-step samples. */
const SOAK = { n: 32, steps: 120, every: 8, metricsIntervalMinutes: 10080 };
/**
 * Growth allowed, after warm-up, in the heap less its compiled code (which grows by about 0.4 MB
 * over this run as the JIT optimises more of the loop): between two samples it moves by ±0.2 MB
 * with no leak, so 1 MB over 112 steps catches a leak of 9 kB a step or more, about one metrics
 * sample's worth, and no less.
 */
const HEAP_GROWTH_MB = 1;

describe('soak', () => {
  const gpu = useGpu();

  it('keeps the same GPU objects alive, their bytes with the capacity, and the JS heap flat', async () => {
    const report = await scoped(gpu(), () => soakRun(gpu(), SOAK, () => {}));
    const warm = report.samples.filter((s) => s.step >= report.before.step);
    expect(warm.length).toBeGreaterThanOrEqual(10);
    for (const s of warm) {
      for (const kind of CENSUS_KINDS) expect(s.gpu[kind], `${kind} alive at step ${s.step}`).toBe(report.before.gpu[kind]);
      const sameCapacity = warm.find((w) => w.capacity === s.capacity)!;
      expect(s.gpu.bufferBytes, `buffer bytes at step ${s.step}`).toBe(sameCapacity.gpu.bufferBytes);
    }
    // The checkpoints' staging buffers come and go; no pipeline or shader is ever made again.
    expect(report.madeBetween.pipelines).toBe(0);
    expect(report.madeBetween.shaderModules).toBe(0);
    const data = (s: typeof report.before) => s.heapMB - s.codeMB!;
    expect(data(report.after) - data(report.before)).toBeLessThan(HEAP_GROWTH_MB);
    console.log(`soak: ${report.steps} steps at ${report.grid}², heap ${report.before.heapMB.toFixed(2)} → ${report.after.heapMB.toFixed(2)} MB (less code ${data(report.before).toFixed(2)} → ${data(report.after).toFixed(2)}), `
      + `${report.after.gpu.buffers} buffers (${(report.before.gpu.bufferBytes / 2 ** 20).toFixed(2)} → ${(report.after.gpu.bufferBytes / 2 ** 20).toFixed(2)} MB, capacity ${report.before.capacity} → ${report.after.capacity}), `
      + `${report.after.gpu.bindGroups} bind groups, ${report.after.gpu.pipelines} pipelines alive throughout`);
  }, 180_000);
});
