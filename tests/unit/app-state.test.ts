// The app's pure parts: the URL state round trip and its error reports, the scenario the app
// composes from it, the therapy periods the plots shade, and the panel's coverage of the table.
import { describe, expect, it } from 'vitest';
import { initialState, readUrlState, writeUrlState } from '../../src/app/url-state.ts';
import { composeScenario, mergedScenarioJson } from '../../src/app/compose-scenario.ts';
import { therapyPeriods } from '../../src/app/therapy-periods.ts';
import { panelFolders, GRID_KEYS, type PanelFolder } from '../../src/app/panel-layout.ts';
import { tooltip } from '../../src/app/panel.ts';
import { DEFAULT_SCENARIO_JSON } from '../../src/model/scenario.ts';
import { PARAM_KEYS, defaultParams } from '../../src/model/params.ts';

const base = DEFAULT_SCENARIO_JSON as unknown as Record<string, unknown>;

describe('URL state', () => {
  it('round-trips scenario, seed, overrides, view, speed and pause day', () => {
    const s = initialState('therapy');
    Object.assign(s, { seed: 7, speed: 4, pauseAtDay: 2.5 });
    s.overrides = { tumourStiffnessKPa: 35.5, softenerStartDay: 3 };
    s.view = { field: 'compressive stress', colorMap: 'magma', range: [-1, 4.5], layers: { field: true, vessels: false, cells: true, nk: false } };
    const url = writeUrlState(s);
    const back = readUrlState(url);
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('leaves defaults out of the link', () => {
    expect(writeUrlState(initialState())).toBe('?scenario=default');
  });

  it('carries a loaded scenario whole', () => {
    const s = initialState();
    s.scenarioJson = { ...base, name: 'mine' };
    expect(readUrlState(writeUrlState(s)).state.scenarioJson).toEqual(s.scenarioJson);
  });

  it('reports what it cannot read, names it, and keeps the rest', () => {
    const { state, problems } = readUrlState('?p.tumourStiffnessKPa=999&p.noSuchKey=1&p.nx=64.5&seed=-1&map=jet&range=3,1&layers=cells,fog&p.stromaCollagenRatio=2');
    expect(state.overrides).toEqual({ stromaCollagenRatio: 2 });
    expect(state.seed).toBeNull();
    expect(problems.join('\n')).toMatch(/p\.tumourStiffnessKPa = 999 is not a number in \[1, 100\]/);
    expect(problems.join('\n')).toMatch(/no parameter is called "noSuchKey"/);
    expect(problems.join('\n')).toMatch(/p\.nx = 64\.5 is not an integer/);
    expect(problems.join('\n')).toMatch(/map = jet/);
    expect(problems.join('\n')).toMatch(/range = 3,1/);
    expect(problems.join('\n')).toMatch(/unknown fog/);
    expect(state.view.layers).toEqual({ field: false, vessels: false, cells: true, nk: false });
  });
});

describe('composed scenario', () => {
  it('lays seed and overrides over the base scenario', () => {
    const sc = composeScenario(base, { seed: 9, overrides: { tumourStiffnessKPa: 50 } }, 'test');
    expect(sc.seed).toBe(9);
    expect(sc.parameters.tumourStiffnessKPa).toBe(50);
    expect(sc.parameters.nx).toBe(256);
    expect(mergedScenarioJson(base, { seed: null, overrides: {} })).toEqual({ ...base, parameters: { ...(base.parameters as object) } });
  });

  it('refuses an override that breaks the geometry, naming it', () => {
    expect(() => composeScenario(base, { seed: null, overrides: { tumourRadiusMicrons: 5000 } }, 'panel')).toThrow(/tumourRadiusMicrons \+ stromaWidthMicrons = 5300 µm does not fit/);
  });
});

describe('therapy periods', () => {
  it('shades the softening course and the SMAC doses', () => {
    const p = { ...defaultParams(), softenerDoseRelative: 1, softenerStartDay: 2, softenerDurationDays: 5, smacDoseNM: 20, smacFirstDoseDay: 1, smacIntervalHours: 48, smacDoseCount: 3 };
    expect(therapyPeriods(p)).toEqual([
      { therapy: 'softening agent', startDay: 2, endDay: 7, doseDays: [] },
      { therapy: 'SMAC mimetic', startDay: 1, endDay: 7, doseDays: [1, 3, 5] },
    ]);
    expect(therapyPeriods({ ...p, softenerDoseRelative: 0, smacDoseNM: 0 })).toEqual([]);
  });
});

describe('panel', () => {
  it('shows every parameter of the table exactly once', () => {
    const keys: string[] = [...GRID_KEYS];
    const walk = (f: PanelFolder) => { keys.push(...f.keys); f.children?.forEach(walk); };
    panelFolders().forEach(walk);
    expect(keys.length).toBe(new Set(keys).size);
    expect(new Set(keys)).toEqual(new Set(PARAM_KEYS));
  });

  it('puts unit, range, source tag and apply mode in each tooltip', () => {
    const t = tooltip('tumourStiffnessKPa');
    expect(t).toMatch(/unit: kPa; range 1 – 100/);
    expect(t).toMatch(/source \[A: abstract\]: Samani 2007/);
    expect(t).toMatch(/takes effect at the next step/);
    expect(tooltip('nx')).toMatch(/needs a rebuild/);
  });
});
