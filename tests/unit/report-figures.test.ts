import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/bench/result.ts';
import { timeSizeSvg } from '../../src/bench/report/time-size-plot.ts';
import { buildReport } from '../../src/report/build-report.ts';
import { summariseSweep, type SweepSummary } from '../../src/report/aggregate.ts';
import { doseResponseFigure } from '../../src/report/figure-dose-response.ts';
import { factorPairs, heatmapCells, heatmapFigure } from '../../src/report/figure-heatmap.ts';
import { decadeScale, linearScale, logValueScale } from '../../src/report/scales.ts';
import { parsePlanFile } from '../../src/sweep/plan-file.ts';
import { parseResults } from '../../src/sweep/results-file.ts';
import { assertWellFormedXml, jsonl, syntheticPlan, syntheticRuns, type RunLine } from './report-fixture.ts';

function summarise(lines: readonly RunLine[] = syntheticRuns(), plan = syntheticPlan()): SweepSummary {
  return summariseSweep(parsePlanFile(JSON.stringify(plan), 'plan.json'), parseResults([{ path: 'results.jsonl', text: jsonl(lines) }]));
}

const count = (svg: string, pattern: RegExp) => svg.match(new RegExp(pattern, 'g'))?.length ?? 0;
const factor = (s: SweepSummary, key: string) => s.factors.find((f) => f.key === key)!;

// Three factors, one with seven values: more settings of the others than a figure can show.
function threeFactorSweep(): SweepSummary {
  const lines: RunLine[] = [];
  for (const stiffness of [5, 10, 15, 20, 25, 30, 35]) {
    for (const dose of [0, 1]) {
      for (const smac of [0, 200]) {
        for (let r = 0; r < 2; r++) {
          lines.push({
            format: 'confine-sweep-run/1', run: lines.length, arm: null, replicate: r, seed: r, status: 'ok',
            values: { softenerDoseRelative: dose, smacDoseNM: smac, tumourStiffnessKPa: stiffness },
            readouts: { lung_metastases: stiffness - 2 * dose - smac / 100 + r, extravasated: 1 },
          });
        }
      }
    }
  }
  const plan = syntheticPlan({ factors: [
    { key: 'softenerDoseRelative', values: [0, 1], scale: 'linear' },
    { key: 'smacDoseNM', values: [0, 200], scale: 'linear' },
    { key: 'tumourStiffnessKPa', values: [5, 10, 15, 20, 25, 30, 35], scale: 'linear' },
  ] }, lines.length);
  return summarise(lines, plan);
}

describe('dose–response figure', () => {
  it('draws one band, one mean line and its replicates per curve, as well-formed SVG', () => {
    const s = summarise();
    const fig = doseResponseFigure(s, factor(s, 'softenerDoseRelative'), s.readouts[0]!);
    assertWellFormedXml(fig.svg);
    expect(count(fig.svg, /class="curve"/)).toBe(3);
    expect(count(fig.svg, /class="band"/)).toBe(3);
    expect(count(fig.svg, /class="mean"/)).toBe(3);
    expect(count(fig.svg, /class="replicate"/)).toBe(27);
    for (const label of ['Tumour stiffness 10 kPa', 'Tumour stiffness 20 kPa', 'Tumour stiffness 40 kPa']) expect(fig.svg).toContain(`>${label}</text>`);
    expect(fig.svg).toContain('>Lung metastases against Softener plasma peak</text>');
    expect(fig.svg).toContain('>lung metastases (cells)</text>');
    expect(fig.caption).toMatch(/Log x axis; 0 is drawn left of the axis break/);
    expect(fig.caption).toMatch(/One curve per setting of Tumour stiffness/);
    expect(fig.file).toBe('dose-response--softenerDoseRelative--lung_metastases.svg');
  });

  it('pools over the other factors past six curves and says so', () => {
    const s = threeFactorSweep();
    const byDose = doseResponseFigure(s, factor(s, 'softenerDoseRelative'), s.readouts[0]!);
    assertWellFormedXml(byDose.svg);
    expect(count(byDose.svg, /class="band"/)).toBe(1);
    expect(byDose.caption).toMatch(/More than 6 settings of the other factors \(14\): runs pooled over them into one curve/);
    expect(count(byDose.svg, /class="replicate"/)).toBe(56);
    // four settings of dose × SMAC: one curve each
    const byStiffness = doseResponseFigure(s, factor(s, 'tumourStiffnessKPa'), s.readouts[0]!);
    expect(count(byStiffness.svg, /class="band"/)).toBe(4);
  });
});

describe('dose–response figure with the plan\'s arms', () => {
  it('names each curve by its arm', () => {
    const arms = [{ name: 'control', parameters: { smacDoseNM: 0 } }, { name: 'SMAC', parameters: { smacDoseNM: 200 } }];
    const lines = syntheticRuns().slice(0, 27).flatMap((l) => arms.map((a, i) => ({
      ...l, run: 2 * l.run + i, arm: a.name, values: { ...l.values, ...a.parameters },
    })));
    const s = summarise(lines, syntheticPlan({ arms }, lines.length));
    const fig = doseResponseFigure(s, factor(s, 'tumourStiffnessKPa'), s.readouts[0]!);
    // six settings of dose × arm: one curve each, named by arm and dose, not by the SMAC dose the arm sets
    expect(count(fig.svg, /class="band"/)).toBe(6);
    expect(fig.svg).toContain('>control · Softener plasma peak 0.5</text>');
    expect(fig.svg).not.toContain('SMAC mimetic plasma peak');
  });
});

describe('heatmap', () => {
  it('writes the primary readout\'s mean in each cell, stiffness across and dose up', () => {
    const s = summarise();
    const [fx, fy] = factorPairs(s.factors)[0]!;
    expect([fx.key, fy.key]).toEqual(['tumourStiffnessKPa', 'softenerDoseRelative']);
    const cells = heatmapCells(s, fx, fy, s.readouts[0]!);
    // mean = stiffness/2 − 4·dose, rows by dose from 0
    expect(cells.map((c) => c.stat.mean)).toEqual([5, 10, 20, 3, 8, 18, 1, 6, 16]);
    const fig = heatmapFigure(s, fx, fy, s.readouts[0]!);
    assertWellFormedXml(fig.svg);
    expect([...fig.svg.matchAll(/class="value"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['5', '10', '20', '3', '8', '18', '1', '6', '16']);
    expect(count(fig.svg, /class="cell"/)).toBe(9);
    expect(fig.svg).toContain('<linearGradient id="viridis"');
    expect(fig.svg).toContain('>(cells)</text>');
  });

  it('greys out a pair with no ok run', () => {
    const s = summarise(syntheticRuns().filter((l) => !(l.values.tumourStiffnessKPa === 40 && l.values.softenerDoseRelative === 1)));
    const fig = heatmapFigure(s, factor(s, 'tumourStiffnessKPa'), factor(s, 'softenerDoseRelative'), s.readouts[0]!);
    assertWellFormedXml(fig.svg);
    expect(count(fig.svg, /class="cell"/)).toBe(9);
    expect(count(fig.svg, /class="value"/)).toBe(8);
    expect(fig.svg).toContain('fill="#eee"');
  });

  it('puts stiffness × softening first among every pair and pools over the rest', () => {
    const s = threeFactorSweep();
    const pairs = factorPairs(s.factors).map(([x, y]) => `${x.key}×${y.key}`);
    expect(pairs).toEqual(['tumourStiffnessKPa×softenerDoseRelative', 'softenerDoseRelative×smacDoseNM', 'smacDoseNM×tumourStiffnessKPa']);
    const fig = heatmapFigure(s, factor(s, 'tumourStiffnessKPa'), factor(s, 'softenerDoseRelative'), s.readouts[0]!);
    expect(fig.caption).toMatch(/Each cell pools the runs over SMAC mimetic plasma peak/);
    // 5 kPa, dose 0: SMAC 0 gives 5, 6 and SMAC 200 gives 3, 4 → 4.5 over four runs
    expect(heatmapCells(s, factor(s, 'tumourStiffnessKPa'), factor(s, 'softenerDoseRelative'), s.readouts[0]!)[0]!.stat)
      .toMatchObject({ n: 4, mean: 4.5 });
  });
});

describe('the report\'s figures and tables', () => {
  const built = buildReport(parsePlanFile(JSON.stringify(syntheticPlan()), 'plan.json'), parseResults([{ path: 'r', text: jsonl(syntheticRuns()) }]));

  it('has a heatmap, a dose–response per factor and readout and time courses per series, all well-formed', () => {
    expect(built.figures.map((f) => f.file)).toEqual([
      'heatmap--tumourStiffnessKPa--softenerDoseRelative--lung_metastases.svg',
      'dose-response--tumourStiffnessKPa--lung_metastases.svg',
      'dose-response--tumourStiffnessKPa--extravasated.svg',
      'dose-response--softenerDoseRelative--lung_metastases.svg',
      'dose-response--softenerDoseRelative--extravasated.svg',
      'timecourse--live_tissue--1.svg',
      'timecourse--live_tissue--2.svg',
      'timecourse--live_tissue--3.svg',
    ]);
    for (const f of built.figures) assertWellFormedXml(f.svg);
  });

  it('splits nine arms\' time courses into a panel per stiffness, one band and line per arm', () => {
    const panels = built.figures.filter((f) => f.file.startsWith('timecourse'));
    expect(panels.map((p) => p.title)).toEqual([10, 20, 40].map((k) => `Live tissue over time: Tumour stiffness ${k} kPa`));
    for (const p of panels) {
      expect(count(p.svg, /class="band"/)).toBe(3);
      expect(count(p.svg, /class="mean"/)).toBe(3);
      expect(p.svg).toContain('>time (day)</text>');
      expect(p.caption).toMatch(/The 9 arms are split over 3 panels with the same axes/);
    }
    expect(panels[0]!.svg).toContain('>Softener plasma peak 0.5</text>');
    expect(built.courses).toHaveLength(9);
  });

  it('draws eight arms or fewer in one panel', () => {
    const lines = syntheticRuns().filter((l) => l.values.tumourStiffnessKPa !== 40 || l.values.softenerDoseRelative === 0);
    const seven = buildReport(parsePlanFile(JSON.stringify(syntheticPlan()), 'plan.json'), parseResults([{ path: 'r', text: jsonl(lines) }]));
    const [panel] = seven.figures.filter((f) => f.file.startsWith('timecourse'));
    expect(panel!.file).toBe('timecourse--live_tissue.svg');
    expect(count(panel!.svg, /class="band"/)).toBe(7);
  });

  it('writes summary.csv per arm and readout with the interval', () => {
    const lines = built.tables['summary.csv']!.trimEnd().split('\n');
    expect(lines[0]).toBe('arm,tumourStiffnessKPa [kPa],softenerDoseRelative [1],readout,unit,n,mean,sd,ci95_low,ci95_high');
    expect(lines).toHaveLength(1 + 9 * 2);
    const row = lines.find((l) => l.startsWith('Tumour stiffness 20 kPa · Softener plasma peak 0.5,20,0.5,lung_metastases'))!.split(',');
    expect(row.slice(4, 7)).toEqual(['cells', '3', '8']);
    expect(Number(row[7])).toBeCloseTo(2, 12);
    expect(Number(row[8])).toBeCloseTo(8 - (4.302652729749462 * 2) / Math.sqrt(3), 10);
  });

  it('writes runs.csv per ok run and timecourses.csv per arm, readout and time', () => {
    const runs = built.tables['runs.csv']!.trimEnd().split('\n');
    expect(runs[0]).toBe('run,arm,replicate,seed,tumourStiffnessKPa [kPa],softenerDoseRelative [1],lung_metastases [cells],extravasated [cells]');
    expect(runs).toHaveLength(1 + 27);
    expect(runs[1]).toBe('0,Tumour stiffness 10 kPa · Softener plasma peak 0,0,1,10,0,3,99');
    const tc = built.tables['timecourses.csv']!.trimEnd().split('\n');
    expect(tc[0]).toBe('arm,readout,unit,time_day,n,mean,ci95_low,ci95_high');
    expect(tc).toHaveLength(1 + 9 * 3);
    expect(tc[1]).toBe('Tumour stiffness 10 kPa · Softener plasma peak 0,live_tissue,cells,0,3,100,100,100');
  });
});

describe('scales', () => {
  it('ends a linear scale on round ticks', () => {
    const s = linearScale(-0.3, 9.7, 0, 100);
    expect(s.ticks.map((t) => t.value)).toEqual([-2, 0, 2, 4, 6, 8, 10]);
    expect(s.px(-2)).toBe(0);
    expect(s.px(10)).toBe(100);
  });

  it('puts 0 left of the break on a log scale and the decades after it', () => {
    const s = logValueScale([0, 0.1, 1, 10], 0, 100);
    expect(s.ticks.map((t) => t.label)).toEqual(['0', '0.1', '1', '10']);
    expect(s.px(0)).toBeLessThan(s.breakAt!);
    expect(s.breakAt!).toBeLessThan(s.px(0.1));
    expect(s.px(1) - s.px(0.1)).toBeCloseTo(s.px(10) - s.px(1), 10);
    expect(() => logValueScale([-1, 1], 0, 100)).toThrow(/negative value/);
  });

  it('spans whole decades on a decade scale, labelled as powers of ten', () => {
    const s = decadeScale([0.02, 3, 40], 0, 100);
    expect(s.ticks.map((t) => t.label)).toEqual(['10⁻²', '10⁻¹', '10⁰', '10¹', '10²']);
    expect(s.px(0.01)).toBe(0);
    expect(s.px(100)).toBe(100);
    expect(decadeScale([5], 0, 100).ticks.map((t) => t.value)).toEqual([1, 10]);
    expect(() => decadeScale([0, 1], 0, 100)).toThrow(/positive values/);
  });
});

describe('benchmark plot (the same kit)', () => {
  it('draws one line and a legend entry per measured case, as well-formed SVG', () => {
    const report = JSON.parse(readFileSync('bench/results/node-swiftshader.json', 'utf8')) as BenchReport;
    const svg = timeSizeSvg(report);
    assertWellFormedXml(svg);
    expect(count(svg, /<path d=/)).toBe(report.cases.length);
    expect(svg).toContain('>agent-step (against agents)</text>');
    expect(svg).toContain('>10⁶</text>');
  });
});

describe('assertWellFormedXml (the tests\' own check)', () => {
  it('accepts nested, self-closed and escaped markup and refuses what a parser would', () => {
    expect(() => assertWellFormedXml('<svg a="1"><g><rect x="0"/><text>a &amp; b</text></g></svg>')).not.toThrow();
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow(/<\/svg> at offset 8 closes <g>/);
    expect(() => assertWellFormedXml('<svg><text>a & b</text></svg>')).toThrow(/bare < or &/);
    expect(() => assertWellFormedXml('<svg><rect x=1/></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg>')).toThrow(/unclosed <svg>/);
  });
});
