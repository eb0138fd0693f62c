// The app: the URL state, the run, the panel, the view and the plots kept in step. Parameter
// changes go through here: live ones to the running simulation, rebuild ones into the state
// until "Rebuild"; every change rewrites the URL, so the address bar always reproduces the run.
import { ScenarioError, type Scenario } from '../model/scenario.ts';
import { resolveScenarioVessels } from '../model/scenario-vessels.ts';
import { PARAM_BY_KEY, type ParamKey, type Params } from '../model/params.ts';
import { scenarioJson } from '../sim/checkpoint.ts';
import { Banner } from './banner.ts';
import { composeScenario, mergedScenarioJson, type ScenarioJson } from './compose-scenario.ts';
import { Display, type DisplayElements } from './display.ts';
import { download } from './download.ts';
import { exportCsv, exportPng, exportScenario } from './exports.ts';
import { Panel } from './panel.ts';
import { Runner } from './runner.ts';
import { LIBRARY } from './scenario-library.ts';
import { acceptScenarioFiles } from './scenario-drop.ts';
import { therapyPeriods } from './therapy-periods.ts';
import { initialState, writeUrlState, type AppState } from './url-state.ts';
import { ViewControls } from './view-controls.ts';

export interface AppElements extends DisplayElements {
  root: HTMLElement;
  banner: HTMLElement;
  panel: HTMLElement;
  fileInput: HTMLInputElement;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A vessel file named by a scenario is read from the server's scenarios/ folder, as the CLI reads it beside the scenario. */
async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

function resolveScenario(base: ScenarioJson, choice: Pick<AppState, 'seed' | 'overrides'>, source: string): Promise<Scenario> {
  return resolveScenarioVessels(composeScenario(base, choice, source), '/scenarios', fetchBytes);
}

export class App {
  readonly banner: Banner;
  private base!: ScenarioJson;
  private baseParams!: Params;
  private panel!: Panel;
  private viewControls!: ViewControls;
  private shown!: Display;

  private constructor(private readonly el: AppElements, private readonly state: AppState) {
    this.banner = new Banner(el.banner);
  }

  /** Starts the run the URL state describes; a state that does not compose falls back to its base scenario, with the reason shown. */
  static async start(el: AppElements, state: AppState, problems: string[]): Promise<App> {
    const app = new App(el, state);
    let base = state.scenarioJson !== null ? (state.scenarioJson as ScenarioJson) : LIBRARY.get(state.scenario);
    if (!base) {
      problems.push(`URL scenario = ${state.scenario}: no shipped scenario has that name (${[...LIBRARY.keys()].join(', ')}); running default`);
      Object.assign(state, initialState());
      base = LIBRARY.get('default')!;
    }
    let scenario: Scenario;
    try {
      scenario = await resolveScenario(base, state, 'URL state');
    } catch (error) {
      problems.push(errorText(error));
      state.overrides = {};
      state.seed = null;
      scenario = await resolveScenario(base, state, state.scenario);
    }
    app.setBase(base);
    const runner = await Runner.start(scenario, {
      lost: (info) => void app.display.recover(info),
      gpuError: (message) => app.display.fail(`GPU error: ${message}`),
    });
    app.buildPanel(scenario);
    app.shown = new Display(el, runner, state, app.banner, {
      fieldsChanged: (names, units) => app.viewControls.setFields(names, units),
      rangeShown: (range) => app.viewControls.showRange(range),
      playingChanged: (playing) => app.panel.setPlaying(playing),
    });
    app.display.begin(scenario);
    acceptScenarioFiles(el.root, el.fileInput, {
      scenario: (text, name) => void app.loadFile(text, name),
      checkpoint: (bytes, name) => void app.loadCheckpoint(bytes, name),
    });
    if (problems.length) app.banner.error(problems.join('\n'));
    app.writeUrl();
    return app;
  }

  private setBase(base: ScenarioJson): void {
    this.base = base;
    this.baseParams = composeScenario(base, { seed: null, overrides: {} }, 'base scenario').parameters as Params;
  }

  private buildPanel(scenario: Scenario): void {
    const names = [...LIBRARY.keys()];
    if (this.state.scenarioJson !== null) names.unshift('(loaded file)');
    this.panel = new Panel(this.el.panel, scenario.parameters as Params, names, {
      param: (key, value) => this.param(key, value),
      rebuild: () => void this.rebuild(),
      play: () => this.display.togglePlay(),
      step: () => this.display.stepOnce(),
      reset: () => void this.rebuild(),
      speed: (n) => ((this.state.speed = n), this.writeUrl()),
      seed: (seed) => ((this.state.seed = seed), this.writeUrl()),
      scenario: (name) => void this.switchScenario(name),
      stopAt: (day) => {
        this.state.pauseAtDay = day;
        this.display.stopAtChanged();
        this.writeUrl();
      },
    });
    this.panel.load(scenario.parameters as Params, scenario.seed, this.state.scenarioJson !== null ? '(loaded file)' : this.state.scenario);
    this.panel.controls.speed = this.state.speed;
    this.panel.controls.stop = this.state.pauseAtDay !== null;
    this.panel.controls.stopDay = this.state.pauseAtDay ?? this.panel.controls.stopDay;
    this.panel.refresh();
    this.viewControls = new ViewControls(this.panel.view, this.state.view, () => (this.display.applyView(), this.writeUrl()));
    const share = this.panel.share;
    share.addButton({ title: 'Copy link' }).on('click', () => void navigator.clipboard?.writeText(location.href));
    share.addButton({ title: 'Export time series (CSV)' }).on('click', () => exportCsv(this.display.runner.sim));
    share.addButton({ title: 'Export view (PNG)' }).on('click', () => exportPng(this.display));
    share.addButton({ title: 'Export scenario (JSON)' }).on('click', () => exportScenario(mergedScenarioJson(this.base, this.state)));
    share.addButton({ title: 'Load scenario file…' }).on('click', () => this.pickFile('.json,application/json'));
    share.addButton({ title: 'Save checkpoint' }).on('click', () => void this.saveCheckpoint());
    share.addButton({ title: 'Load checkpoint…' }).on('click', () => this.pickFile('.ckpt'));
  }

  private pickFile(accept: string): void {
    this.el.fileInput.accept = accept;
    this.el.fileInput.click();
  }

  /** The whole run as it is now (between two steps), downloaded as <scenario>-day<D>.ckpt. */
  private async saveCheckpoint(): Promise<void> {
    try {
      const { bytes, scenario, timeMinutes } = await this.display.runner.capture();
      download(`${scenario}-day${(timeMinutes / 1440).toFixed(2)}.ckpt`, new Blob([bytes], { type: 'application/octet-stream' }));
    } catch (error) {
      this.banner.error(`Could not save a checkpoint: ${errorText(error)}`);
    }
  }

  /**
   * A checkpoint replaces the run and goes on from its clock; the URL then names its scenario
   * (which replays from day 0). A file that cannot be loaded is reported and the run goes on.
   */
  private async loadCheckpoint(bytes: Uint8Array, name: string): Promise<void> {
    try {
      await this.display.loadCheckpoint(bytes, name);
    } catch (error) {
      const detail = errorText(error);
      this.banner.error(`Could not load the checkpoint ${detail.startsWith(name) ? detail : `${name}: ${detail}`}\nThe running simulation continues unchanged.`);
      return;
    }
    const sim = this.display.runner.sim;
    const json = scenarioJson(sim.scenario);
    this.setBase(json);
    Object.assign(this.state, { scenarioJson: json, seed: null, overrides: {} });
    this.panel.load(sim.parameters, sim.scenario.seed, this.panel.controls.scenario);
    this.writeUrl();
    this.banner.note(`Loaded ${name}: ${sim.scenario.name} at day ${(sim.timeMinutes / 1440).toFixed(2)}, going on from there (the link replays its scenario from day 0).`);
  }

  /** A control moved: live parameters apply now; rebuild ones wait in the state. */
  private param(key: ParamKey, value: number): string | null {
    const before = this.state.overrides[key];
    if (value === this.baseParams[key]) delete this.state.overrides[key];
    else this.state.overrides[key] = value;
    if (PARAM_BY_KEY[key].apply === 'live') {
      const sim = this.display.runner.sim;
      try {
        this.display.runner.applyLive({ ...sim.parameters, [key]: value });
      } catch (error) {
        if (before === undefined) delete this.state.overrides[key];
        else this.state.overrides[key] = before;
        this.banner.error(errorText(error));
        return errorText(error);
      }
      this.display.setTherapy(therapyPeriods(sim.parameters));
    }
    this.writeUrl();
    return null;
  }

  /** A new run from the state (Rebuild and Reset); an invalid state keeps the running one. */
  private rebuild(): Promise<boolean> {
    return this.replaceRun(this.base, { seed: this.state.seed, overrides: this.state.overrides }, 'panel');
  }

  private async switchScenario(name: string): Promise<void> {
    const base = LIBRARY.get(name);
    if (!base) return;
    await this.replaceRun(base, { seed: null, overrides: {}, scenario: name, scenarioJson: null }, name);
  }

  /** A dropped or picked file: a valid scenario replaces the run; an invalid one is reported and the run goes on. */
  private async loadFile(text: string, name: string): Promise<void> {
    let json: ScenarioJson;
    try {
      json = JSON.parse(text) as ScenarioJson;
    } catch (error) {
      this.banner.error(`Could not load ${name}: invalid JSON (${errorText(error)}).\nThe running simulation continues unchanged.`);
      return;
    }
    if (await this.replaceRun(json, { seed: null, overrides: {}, scenarioJson: json }, name)) this.banner.note(`Loaded ${name}.`);
  }

  /**
   * Builds the run `base` + `choice` describes and only then drops the running one; any problem
   * (an invalid scenario, a vessel file that cannot be read, a GPU limit) is shown and the
   * running simulation goes on untouched.
   */
  private async replaceRun(base: ScenarioJson, choice: Pick<AppState, 'seed' | 'overrides'> & Partial<AppState>, source: string): Promise<boolean> {
    let scenario: Scenario;
    try {
      scenario = await resolveScenario(base, choice, source);
      this.display.restart(scenario);
    } catch (error) {
      const detail = error instanceof ScenarioError ? error.message : errorText(error);
      this.banner.error(`Could not start ${source}: ${detail}\nThe running simulation continues unchanged.`);
      return false;
    }
    this.setBase(base);
    Object.assign(this.state, { ...choice, overrides: { ...choice.overrides } });
    this.panel.load(scenario.parameters as Params, scenario.seed, this.panel.controls.scenario);
    this.writeUrl();
    return true;
  }

  /** The running picture; it outlives each run, which it restarts in place. */
  get display(): Display {
    return this.shown;
  }

  get adapter() {
    return this.display.runner.gpu.report;
  }

  private writeUrl(): void {
    history.replaceState(null, '', writeUrlState(this.state));
  }
}
