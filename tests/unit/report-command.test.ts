import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import { chromiumPath } from '../../src/cli/chromium-path.ts';
import { syntheticPlan, writeSyntheticSweep } from './report-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'confine-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

// With REQUIRE_GPU=1 (the default: vitest.config.ts) Chromium must be there and the PNGs made;
// with REQUIRE_GPU=0 only where one is found.
const chromium = (() => {
  try {
    return chromiumPath();
  } catch {
    return undefined;
  }
})();
const pngsExpected = process.env.REQUIRE_GPU === '1' || (chromium !== undefined && existsSync(chromium));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FIGURES = [
  'heatmap--tumourStiffnessKPa--softenerDoseRelative--lung_metastases',
  'dose-response--tumourStiffnessKPa--lung_metastases',
  'dose-response--tumourStiffnessKPa--extravasated',
  'dose-response--softenerDoseRelative--lung_metastases',
  'dose-response--softenerDoseRelative--extravasated',
  'timecourse--live_tissue--1',
  'timecourse--live_tissue--2',
  'timecourse--live_tissue--3',
];

/** Runs the command with stderr captured. */
async function report(options: { dir: string; out?: string }): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  const code = await reportCommand(options);
  return { code, stderr: lines.join('\n') };
}

describe('confine report', () => {
  it('writes the page, the tables and every figure (PNG too where Chromium runs)', async () => {
    const dir = join(root, 'sweep');
    writeSyntheticSweep(dir);
    const { code, stderr } = await report({ dir });
    expect(code).toBe(0);
    const out = join(dir, 'report');
    for (const file of ['index.html', 'summary.csv', 'runs.csv', 'timecourses.csv']) expect(existsSync(join(out, file)), file).toBe(true);
    const svgs = readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.svg')).sort();
    expect(svgs).toEqual(FIGURES.map((f) => `${f}.svg`).sort());
    if (pngsExpected) {
      for (const f of FIGURES) expect(readFileSync(join(out, 'figures', `${f}.png`)).subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(stderr).not.toMatch(/PNGs skipped/);
    }
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const f of FIGURES) expect(html).toContain(`<img src="figures/${f}.svg"`);
    expect(html).toContain('<h1>stiffness × softening</h1>');
    expect(html).toContain('27 ok, 1 failed, 1 missing, of 29 planned');
    expect(html).toContain('Test GPU [node-dawn]');
    expect(html).toContain('<dt>runs made by</dt><dd>confine 0.1.0 (abc1234)</dd>');
    expect(html).toMatch(/<dt>report made by<\/dt><dd>confine \d+\.\d+\.\d+/);
    expect(html).toContain('2026-03-01T10:00:00.000Z … 2026-03-01T11:00:00.000Z');
    expect(html).toMatch(/confine 0\.1\.0( \([0-9a-f]+\))?</);
    expect(html).toContain('<details><summary>plan.json</summary><pre>{\n  &quot;format&quot;: &quot;confine-sweep-plan/1&quot;');
    expect(html).toContain('device lost'); // the failed run's error
    expect(html).toContain('results.jsonl:15: the last line is unfinished');
    expect(stderr).toMatch(/27 ok, 1 failed, 1 missing of 29 runs; 9 arms, 8 figures/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(28);
  });

  it('writes the SVGs and the page without Chromium, and says PNGs were skipped', async () => {
    const dir = join(root, 'no-chromium');
    writeSyntheticSweep(dir);
    vi.stubEnv('PUPPETEER_EXECUTABLE_PATH', join(root, 'no-such-chromium'));
    try {
      const out = join(root, 'elsewhere');
      const { code, stderr } = await report({ dir, out });
      expect(code).toBe(0);
      expect(stderr).toMatch(/warning: PNGs skipped, Chromium could not be started from .*no-such-chromium/);
      const files = readdirSync(join(out, 'figures'));
      expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(8);
      expect(files.filter((f) => f.endsWith('.png'))).toEqual([]);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('PNGs were not made');
      expect(existsSync(join(dir, 'report'))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names the path when DIR holds no plan or no results', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    let r = await report({ dir: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(empty, 'plan.json')} not found`);
    writeFileSync(join(empty, 'plan.json'), JSON.stringify(syntheticPlan()));
    r = await report({ dir: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no results in ${empty}: expected results.jsonl`);
    writeFileSync(join(empty, 'results.jsonl'), '{"format":"confine-sweep-run/1","ru');
    r = await report({ dir: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(empty, 'results.jsonl')}: no finished run yet`);
    r = await report({ dir: join(root, 'missing') });
    expect(r.stderr).toContain(`${join(root, 'missing')} does not exist`);
  });

  it('refuses a damaged results line, naming its file and line, as sweep and merge do', async () => {
    const dir = join(root, 'damaged');
    writeSyntheticSweep(dir);
    const shard = join(dir, 'results.shard-1-of-2.jsonl');
    writeFileSync(shard, `garbage\n${readFileSync(shard, 'utf8')}`);
    const r = await report({ dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${shard}:1: not JSON`);
    expect(existsSync(join(dir, 'report'))).toBe(false);
  });
});
