// The parameter panel, generated from the parameter table: one control per row with its unit in
// the label and its range, unit, evidence tag, source and apply mode in the tooltip. A 'live'
// row takes effect at the next step; a 'rebuild' row waits for "Rebuild" (the world is rebuilt).
import { Pane, type FolderApi, type BindingApi, type ButtonApi } from 'tweakpane';
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
  readonly controls = { playing: false, speed: 1, seed: 1, scenario: 'default', softening: false };
  private readonly bindings = new Map<ParamKey, BindingApi>();
  private readonly rebuildButton: ButtonApi;
  private readonly playButton: ButtonApi;
  private readonly pending = new Set<ParamKey>();
  private remembered = 1;
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
    sim.addBinding(this.controls, 'speed', { label: 'steps / frame', min: 1, max: 64, step: 1 }).on('change', (e) => on.speed(e.value));
    this.controls.scenario = scenarios[0] ?? 'default';
    const options = Object.fromEntries(scenarios.map((s) => [s, s]));
    sim.addBinding(this.controls, 'scenario', { label: 'scenario', options }).on('change', (e) => on.scenario(e.value));
    sim.addBinding(this.controls, 'seed', { label: 'seed', min: 0, max: 4294967295, step: 1 }).on('change', (e) => on.seed(e.value));
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
    binding.on('change', (e) => {
      if (this.values.softenerDoseRelative > 0) this.remembered = this.values.softenerDoseRelative;
      this.set('softenerDoseRelative', e.value ? this.remembered : 0);
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
    binding.on('change', (e) => this.changed(key, e.value as number));
    this.bindings.set(key, binding);
  }

  private changed(key: ParamKey, value: number): void {
    if (key === 'softenerDoseRelative' && this.controls.softening !== value > 0) {
      this.controls.softening = value > 0;
      this.pane.refresh();
    }
    const error = this.on.param(key, value);
    if (error !== null) {
      this.values[key] = this.accepted[key];
      this.bindings.get(key)?.refresh();
      return;
    }
    this.accepted[key] = value;
    if (PARAM_BY_KEY[key].apply === 'rebuild') this.pending.add(key);
    this.showPending();
  }

  /** Sets a parameter as if the user had (used by the softening switch). */
  set(key: ParamKey, value: number): void {
    this.values[key] = value;
    this.bindings.get(key)?.refresh();
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
    this.pane.refresh();
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
