// `confine run` on assay scenarios: the metrics time series with its units, the assay's readout
// in summary.json, no field pictures, and a tail-vein run that stops once every cell is gone.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../bin/confine.mjs');

function run(scenario: object): { out: string; summary: any; csv: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'confine-assay-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  const out = join(dir, 'out');
  execFileSync(process.execPath, [CLI, 'run', file, '--out', out], { stdio: 'pipe' });
  const csv = readFileSync(join(out, 'metrics.csv'), 'utf8').trimEnd().split('\n');
  return { out, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')), csv };
}

describe('confine run, assays', () => {
  it('transwell: metrics.csv with units, and the crossing readout per well', () => {
    const { out, summary, csv } = run({
      name: 'tiny-transwell', kind: 'assay', seed: 1,
      parameters: { nx: 32, ny: 16, dxMicrons: 10, dtMinutes: 10, durationDays: 0.25, metricsIntervalMinutes: 120 },
      assay: { type: 'transwell', poresMicrons: [3, 8], cellsPerWell: 50, membraneDepthMicrons: 100, chemotaxis: 0.3 },
    });
    const header = csv[0].split(',');
    expect(header.slice(0, 3)).toEqual(['time [day]', 'step [1]', 'live_tissue [cells]']);
    expect(header).toContain('stress_p90 [kPa]');
    // 36 steps of 10 min, a sample every 12: the last scheduled sample is the final state.
    expect(summary.steps).toBe(36);
    expect(csv.length).toBe(1 + 3);
    expect(summary.metricsRows).toBe(3);
    const last = Object.fromEntries(header.map((h, i) => [h, csv[csv.length - 1].split(',')[i]]));
    expect(Number(last['time [day]'])).toBeCloseTo(0.25, 12);
    expect(Number(last['live_tissue [cells]'])).toBeLessThanOrEqual(100);
    const r = summary.cellReadouts;
    expect(r.type).toBe('transwell');
    expect(r.wells.map((w: any) => w.poreMicrons)).toEqual([3, 8]);
    for (const w of r.wells) {
      expect(w.seeded).toBe(50);
      expect(w.crossedFraction).toBeGreaterThanOrEqual(0);
      expect(w.crossedFraction).toBeLessThanOrEqual(1);
      expect(w.crossed).toBeLessThanOrEqual(w.live);
    }
    expect(summary.files).toEqual(['metrics.csv', 'summary.json']);
    expect(existsSync(join(out, 'fields.vti'))).toBe(false);
  });

  it('tail-vein: stops once no cell is left, with incidence and a Fisher p', () => {
    const { summary, csv } = run({
      name: 'tiny-tail-vein', kind: 'assay', seed: 1,
      parameters: { nx: 16, ny: 16, dxMicrons: 10, dtMinutes: 60, durationDays: 20, metricsIntervalMinutes: 720 },
      assay: { type: 'tail-vein', miceEach: 2, cellsPerMouse: 100 },
    });
    expect(summary.steps).toBeLessThan(480);
    const header = csv[0].split(',');
    const last = csv[csv.length - 1].split(',');
    for (const compartment of ['tissue', 'circulating', 'lung', 'suspended', 'held']) {
      expect(Number(last[header.indexOf(`live_${compartment} [cells]`)])).toBe(0);
    }
    const r = summary.cellReadouts;
    expect(r.type).toBe('tail-vein');
    expect(r.control.metastasesPerMouse).toHaveLength(2);
    expect(r.fisherPTwoSided).toBeGreaterThan(0);
    expect(r.fisherPTwoSided).toBeLessThanOrEqual(1);
  });
});
