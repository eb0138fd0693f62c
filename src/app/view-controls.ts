// The View folder: which field, its colour map and range, and which layers are drawn; and the
// Share folder's buttons. Both write into the app state's view, which the URL carries.
import type { FolderApi } from 'tweakpane';
import type { BindingApi } from '@tweakpane/core';
import { COLOR_MAP_NAMES } from '../io/colormap.ts';
import { LAYER_NAMES, type ViewState } from './url-state.ts';

/** What the app is about: the first field shown when the URL names none. */
const FIRST_FIELD = 'compressive stress';

export interface ViewChoices {
  field: string;
  colorMap: string;
  autoRange: boolean;
  min: number;
  max: number;
}

export class ViewControls {
  readonly choices: ViewChoices = { field: '', colorMap: 'field default', autoRange: true, min: 0, max: 1 };
  private fieldBinding: BindingApi | undefined;
  private readonly ends: BindingApi[];
  private quiet = false;
  private readonly layers: Record<string, boolean>;

  constructor(private readonly folder: FolderApi, private readonly view: ViewState, private readonly changed: () => void) {
    this.layers = { ...view.layers };
    this.choices.colorMap = view.colorMap ?? 'field default';
    this.choices.autoRange = view.range === null;
    if (view.range) [this.choices.min, this.choices.max] = view.range;
    const maps = Object.fromEntries(['field default', ...COLOR_MAP_NAMES].map((m) => [m, m]));
    this.listen(folder.addBinding(this.choices, 'colorMap', { label: 'colour map', options: maps }));
    this.listen(folder.addBinding(this.choices, 'autoRange', { label: 'auto range' }));
    this.ends = [folder.addBinding(this.choices, 'min', { label: 'range min' }), folder.addBinding(this.choices, 'max', { label: 'range max' })];
    this.ends.forEach((b) => this.listen(b));
    for (const layer of LAYER_NAMES) {
      const b = folder.addBinding(this.layers, layer, { label: `show ${layer === 'nk' ? 'NK cells' : layer === 'cells' ? 'cancer cells' : layer}` });
      b.element.dataset.key = `layer-${layer}`;
      this.listen(b);
    }
  }

  /** The fields this simulation has; keeps the chosen one if it is among them. */
  setFields(names: string[], units: Record<string, string>): string {
    this.fieldBinding?.dispose();
    const field = this.view.field !== null && names.includes(this.view.field)
      ? this.view.field
      : names.find((n) => n === FIRST_FIELD) ?? names[0] ?? '';
    this.choices.field = field;
    const options = Object.fromEntries(names.map((n) => [units[n] && units[n] !== '1' ? `${n} (${units[n]})` : n, n]));
    this.fieldBinding = this.folder.addBinding(this.choices, 'field', { label: 'field', options, index: 0 });
    this.fieldBinding.element.dataset.key = 'field';
    this.listen(this.fieldBinding);
    return field;
  }

  /** Shows the range the view used, when it follows the field. */
  showRange(range: readonly [number, number]): void {
    if (!this.choices.autoRange || !Number.isFinite(range[0]) || (this.choices.min === range[0] && this.choices.max === range[1])) return;
    this.choices.min = range[0];
    this.choices.max = range[1];
    this.quiet = true;
    try {
      this.ends.forEach((b) => b.refresh());
    } finally {
      this.quiet = false;
    }
  }

  /** Programmatic refreshes are not the user's choices. */
  private listen(binding: BindingApi): void {
    binding.on('change', () => {
      if (!this.quiet) this.apply();
    });
  }

  private apply(): void {
    this.view.field = this.choices.field;
    this.view.colorMap = this.choices.colorMap === 'field default' ? null : (this.choices.colorMap as ViewState['colorMap']);
    this.view.range = this.choices.autoRange || !(this.choices.min < this.choices.max) ? null : [this.choices.min, this.choices.max];
    for (const layer of LAYER_NAMES) this.view.layers[layer] = this.layers[layer]!;
    this.changed();
  }
}
