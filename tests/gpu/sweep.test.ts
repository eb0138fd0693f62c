// `confine sweep` end to end on a tiny plan (12 runs of 6 steps on a 32² grid): the JSON lines it
// writes, a kill halfway and a resume, shards merged, K runs at once, and a bad plan refused.
// The SMAC mimetic is given at day 0: its default first dose (day 1) lands at the end of the
// run, where it belongs to a step that is never taken.
// Each run's line is checked against the same scenario run here directly, not against a
// stored answer.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { tissueReadout } from '../../src/sim/cell-readouts.ts';
import { comparable, parseResults, type RunRecord } from '../../src/sweep/results-file.ts';
import { scoped, useGpu } from './fixture.ts';
import { version } from '../../package.json';

const CLI = join(__dirname, '../../bin/confine.mjs');
const SMALL = { nx: 32, ny: 32, dxMicrons: 40, tumourRadiusMicrons: 400, stromaWidthMicrons: 120, durationDays: 1, dtMinutes: 240, smacFirstDoseDay: 0 };
const PLAN = {
  name: 'tiny',
  description: 'two softening doses × three SMAC doses × two seeds on a 32² grid for a day',
  scenario: 'default',
  parameters: SMALL,
  vary: { softenerDoseRelative: [0, 1], smacDoseNM: { from: 2, to: 200, count: 3, scale: 'log' } },
  replicates: 2,
  readouts: ['live_tissue', 'tumour_mean_stress', 'mean_smac_effect', 'lung_metastases'],
  series: ['live_tissue'],
};
const RUNS = 12;

const work = mkdtempSync(join(tmpdir(), 'confine-sweep-'));
const planFile = join(work, 'tiny.json');
writeFileSync(planFile, JSON.stringify(PLAN));

function sweep(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'sweep', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`confine sweep ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result;
}

const lines = (file: string) => parseResults([{ path: file, text: readFileSync(file, 'utf8') }]).records;
const strip = (records: RunRecord[]) => records.map(comparable).sort((a, b) => a.run - b.run);

describe('confine sweep', () => {
  const gpu = useGpu();
  let straight: RunRecord[];

  it('writes one JSON line per run, each the result of its scenario', async () => {
    const out = join(work, 'straight');
    const { stdout, stderr } = sweep(planFile, '--out', out);
    straight = lines(join(out, 'results.jsonl'));
    expect(straight.map((r) => r.run)).toEqual(Array.from({ length: RUNS }, (_, i) => i));
    expect(stdout.trim().split('\n').map((l) => JSON.parse(l) as RunRecord)).toEqual(straight);
    expect(stderr).toMatch(/sweep tiny: 12 runs; 0 done, 12 to run/);
    expect(stderr).toMatch(/eta /);
    for (const r of straight) {
      expect(r.status).toBe('ok');
      expect(Object.keys(r.readouts!)).toEqual(PLAN.readouts);
      expect(r.steps).toBe(6);
      expect(r.series!.time).toHaveLength(6);
      expect(r.series!.time!.at(-1)).toBeCloseTo(1, 12);
      expect(r.series!.live_tissue!.at(-1)).toBe(r.readouts!.live_tissue);
      expect(r.timing?.software).toMatch(new RegExp(`^${version.replaceAll('.', '\\.')}\\b`));
    }
    expect(straight[5]).toMatchObject({ values: { softenerDoseRelative: 0, smacDoseNM: 200 }, replicate: 1, seed: 2 });
    // Two runs that differ in every factor and in seed, run here from their scenarios.
    await scoped(gpu(), async () => {
      for (const r of [straight[0]!, straight[11]!]) {
        const scenario = parseScenario({ ...DEFAULT_SCENARIO_JSON, seed: r.seed, parameters: { ...DEFAULT_SCENARIO_JSON.parameters, ...SMALL, ...r.values } });
        const sim = new Simulation(gpu(), scenario);
        for (let s = 0; s < 6; s++) await sim.step();
        const readout = tissueReadout(await sim.cells!.sampleNow(sim.steps, sim.timeMinutes), scenario);
        sim.destroy();
        expect(r.readouts).toEqual(Object.fromEntries(PLAN.readouts.map((k) => [k, readout[k]])));
      }
    });
    // The factors reach the runs: SMAC at 200 nM is felt more than at 2 nM.
    expect(straight[4]!.readouts!.mean_smac_effect!).toBeGreaterThan(straight[0]!.readouts!.mean_smac_effect!);
  });

  it('killed halfway and started again, it skips what is done and ends with the same set', async () => {
    const out = join(work, 'killed');
    const results = join(out, 'results.jsonl');
    const child = spawn(process.execPath, [CLI, 'sweep', planFile, '--out', out], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (!existsSync(results) || lines(results).length < 5) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await exited;
    const before = lines(results);
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.length).toBeLessThan(RUNS);
    const { stderr } = sweep(planFile, '--out', out);
    expect(stderr).toContain(`${before.length} done, ${RUNS - before.length} to run`);
    const after = lines(results);
    expect(after).toHaveLength(RUNS);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(strip(after)).toEqual(strip(straight));
    // A third start has nothing left to do.
    expect(sweep(planFile, '--out', out).stderr).toContain(`${RUNS} done, 0 to run`);
  });

  it('shards 1/3, 2/3 and 3/3 merged equal the unsharded sweep', () => {
    const parts = [1, 2, 3].map((i) => {
      const dir = join(work, `shard-${i}`);
      sweep(planFile, '--out', dir, '--shard', `${i}/3`);
      const part = lines(join(dir, `results.shard-${i}-of-3.jsonl`));
      expect(part.map((r) => r.run % 3)).toEqual(part.map(() => i - 1));
      return dir;
    });
    const merged = join(work, 'merged');
    const { stderr } = sweep('merge', ...parts, '--out', merged);
    expect(stderr).toContain('merged 12 of 12 runs from 3 file(s)');
    expect(lines(join(merged, 'results.jsonl')).map(comparable)).toEqual(straight.map(comparable));
    // A merge of two parts names what is missing.
    expect(sweep('merge', parts[0]!, parts[2]!, '--out', join(work, 'partial')).stderr).toContain('not done: runs 1, 4, 7, 10');
  });

  it('three runs at once on one device give the same results', () => {
    const out = join(work, 'parallel');
    sweep(planFile, '--out', out, '--parallel', '3');
    expect(strip(lines(join(out, 'results.jsonl')))).toEqual(strip(straight));
  });

  it('refuses a bad plan before any run, naming the problem; refuses another plan in the same directory', () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...PLAN, vary: { tumourStiffnessKPa: [10, 500], smacDoseNM: [] } }));
    const out = join(work, 'bad-out');
    const result = spawnSync(process.execPath, [CLI, 'sweep', bad, '--out', out], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('vary.tumourStiffnessKPa[1] = 500 is out of range [1, 100] kPa');
    expect(result.stderr).toContain('vary.smacDoseNM is an empty list');
    expect(existsSync(out)).toBe(false);
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ ...PLAN, replicates: 3 }));
    const mixed = spawnSync(process.execPath, [CLI, 'sweep', other, '--out', join(work, 'straight')], { encoding: 'utf8' });
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/holds results of another plan/);
  });
});
