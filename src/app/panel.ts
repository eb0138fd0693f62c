// The parameter panel, generated from the parameter table: one control per row with its unit in
// the label and its range, unit, evidence tag, source and apply mode in the tooltip. A 'live'
// row takes effect at the next step; a 'rebuild' row waits for "Rebuild" (the world is rebuilt).
import { Pane, type FolderApi, type ButtonApi } from 'tweakpane';
import type { BindingApi } from '@tweakpane/core';
import { PARAM_BY_KEY, type ParamKey, type Params } from '../model/params.ts';
import { GRID_KEYS, panelFolders, type PanelFolder } from './panel-layout.ts';

export interface PanelHandlers {
  /** A parameter was changed by the user; returns an error message to show, or null. */
  param(key: ParamKey, value: number): string | null;
  rebuild(): void;
  play(): void;
  step(): void;
  reset(): void;
  speed(stepsPerFrame: number): void;
  seed(seed: number): void;
  scenario(name: string): void;
  /** Pause when the clock reaches this day (null: run to the end). */
  stopAt(day: number | null): void;
}

const SOURCE_TAG_WORDS: Record<string, string> = {
  T: 'primary full text', A: 'abstract', R: 'recalled', C: 'computed here', D: 'design assumption (exploratory)',
};

export function tooltip(key: ParamKey): string {
  const s = PARAM_BY_KEY[key];
  const apply = s.apply === 'live' ? 'takes effect at the next step' : 'needs a rebuild (restarts the run)';
  return `${s.label} [${key}]\nunit: ${s.unit}; range ${s.min} – ${s.max}\nsource [${s.tag}: ${SOURCE_TAG_WORDS[s.tag]}]: ${s.source}\n${apply}`;
}

export class Panel {
  readonly pane: Pane;
  readonly values: Params;
  /** What the app took: a refused change puts the control back here. */
  private readonly accepted: Params;
  readonly controls = { playing: false, speed: 1, seed: 1, scenario: 'default', softening: false, stop: false, stopDay: 1 };
  private readonly rebuildButton: ButtonApi;
  private readonly playButton: ButtonApi;
  private readonly pending = new Set<string>();
  private remembered = 1;
  private quiet = false;
  readonly view: FolderApi;
  readonly share: FolderApi;

  constructor(container: HTMLElement, params: Params, scenarios: string[], private readonly on: PanelHandlers) {
    this.values = { ...params };
    this.accepted = { ...params };
    this.pane = new Pane({ container, title: 'confine' });
    const sim = this.pane.addFolder({ title: 'Simulation', expanded: true });
    this.playButton = sim.addButton({ title: 'Play' });
    this.playButton.on('click', () => on.play());
    sim.addButton({ title: 'Step' }).on('click', () => on.step());
    sim.addButton({ title: 'Reset' }).on('click', () => on.reset());
    this.listen(sim.addBinding(this.controls, 'speed', { label: 'steps / frame', min: 1, max: 64, step: 1 }), () => on.speed(this.controls.speed));
    const stopChanged = () => on.stopAt(this.controls.stop ? this.controls.stopDay : null);
    const stop = sim.addBinding(this.controls, 'stop', { label: 'stop at a day' });
    stop.element.dataset.key = 'stop';
    this.listen(stop, stopChanged);
    const stopDay = sim.addBinding(this.controls, 'stopDay', { label: 'stop day', min: 0, max: 1e6, step: 0.25 });
    stopDay.element.dataset.key = 'stopDay';
    this.listen(stopDay, stopChanged);
    this.controls.scenario = scenarios[0] ?? 'default';
    const options = Object.fromEntries(scenarios.map((s) => [s, s]));
    const picker = sim.addBinding(this.controls, 'scenario', { label: 'scenario', options });
    picker.element.dataset.key = 'scenario';
    this.listen(picker, () => on.scenario(this.controls.scenario));
    const seed = sim.addBinding(this.controls, 'seed', { label: 'seed', min: 0, max: 4294967295, step: 1 });
    seed.element.dataset.key = 'seed';
    seed.element.title = 'Random seed of the capillary bed and the cells (needs a rebuild)';
    this.listen(seed, () => {
      on.seed(this.controls.seed);
      this.pending.add('seed');
      this.showPending();
    });
    for (const key of GRID_KEYS) this.addParam(sim, key);
    this.rebuildButton = sim.addButton({ title: 'Rebuild (no pending changes)', disabled: true });
    this.rebuildButton.on('click', () => on.rebuild());
    for (const folder of panelFolders()) this.addFolder(this.pane, folder);
    this.view = this.pane.addFolder({ title: 'View', expanded: true });
    this.share = this.pane.addFolder({ title: 'Share and save', expanded: false });
  }

  private addFolder(parent: Pane | FolderApi, spec: PanelFolder): void {
    const folder = parent.addFolder({ title: spec.title, expanded: spec.expanded });
    if (spec.title === 'Softening agent') this.addSofteningSwitch(folder);
    for (const key of spec.keys) this.addParam(folder, key);
    for (const child of spec.children ?? []) this.addFolder(folder, child);
  }

  /** Therapy on/off: off is a zero dose; on restores the last dose used. */
  private addSofteningSwitch(folder: FolderApi): void {
    this.controls.softening = this.values.softenerDoseRelative > 0;
    const binding = folder.addBinding(this.controls, 'softening', { label: 'on' });
    binding.element.dataset.key = 'softeningOn';
    binding.element.title = 'Softening therapy on or off (off = dose 0). Set the start day and duration below.';
    this.listen(binding, () => {
      if (this.values.softenerDoseRelative > 0) this.remembered = this.values.softenerDoseRelative;
      this.set('softenerDoseRelative', this.controls.softening ? this.remembered : 0);
    });
  }

  private addParam(folder: FolderApi, key: ParamKey): void {
    const s = PARAM_BY_KEY[key];
    const binding = folder.addBinding(this.values, key, {
      label: s.unit === '1' ? s.label : `${s.label} (${s.unit})`, min: s.min, max: s.max, step: s.integer ? 1 : s.step,
    });
    binding.element.title = tooltip(key);
    binding.element.dataset.key = key;
    binding.element.dataset.apply = s.apply;
    this.listen(binding, () => this.changed(key, this.values[key]));
  }

  private changed(key: ParamKey, value: number): void {
    if (key === 'softenerDoseRelative' && this.controls.softening !== value > 0) {
      this.controls.softening = value > 0;
      this.refresh();
    }
    const error = this.on.param(key, value);
    if (error !== null) {
      this.values[key] = this.accepted[key];
      this.refresh();
      return;
    }
    this.accepted[key] = value;
    if (PARAM_BY_KEY[key].apply === 'rebuild') this.pending.add(key);
    this.showPending();
  }

  /** Sets a parameter as if the user had (used by the softening switch). */
  set(key: ParamKey, value: number): void {
    this.values[key] = value;
    this.refresh();
    this.changed(key, value);
  }

  /** After a rebuild or a new scenario: the panel shows the parameters now running. */
  load(params: Params, seed: number, scenario: string): void {
    Object.assign(this.values, params);
    Object.assign(this.accepted, params);
    this.controls.seed = seed;
    this.controls.scenario = scenario;
    this.controls.softening = params.softenerDoseRelative > 0;
    this.pending.clear();
    this.showPending();
    this.refresh();
  }

  /** Shows the values as they are now; a control moved by the program is not a user's change. */
  refresh(): void {
    this.quiet = true;
    try {
      this.pane.refresh();
    } finally {
      this.quiet = false;
    }
  }

  private listen(binding: BindingApi, handler: () => void): void {
    binding.on('change', () => {
      if (!this.quiet) handler();
    });
  }

  setPlaying(playing: boolean): void {
    this.controls.playing = playing;
    this.playButton.title = playing ? 'Pause' : 'Play';
  }

  private showPending(): void {
    const n = this.pending.size;
    this.rebuildButton.disabled = n === 0;
    this.rebuildButton.title = n === 0 ? 'Rebuild (no pending changes)' : `Rebuild with ${n} change${n > 1 ? 's' : ''} (restarts at day 0)`;
  }
}
