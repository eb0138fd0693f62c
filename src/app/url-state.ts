// The whole state of the panel as a URL query, so a link reproduces a run: which scenario
// (a shipped one by name, or a loaded one inline), the seed, every parameter that differs from
// the scenario's own value, and the view. Pure: no DOM, so it is tested in Node.
import { COLOR_MAP_NAMES, type ColorMapName } from '../io/colormap.ts';
import { isParamKey, PARAM_BY_KEY, type ParamKey, type Params } from '../model/params.ts';

export const LAYER_NAMES = ['field', 'vessels', 'cells', 'nk'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
export type Layers = Record<LayerName, boolean>;

export interface ViewState {
  field: string | null;
  /** null: the field's own colour map. */
  colorMap: ColorMapName | null;
  /** null: the range follows the field (min … max, or ±max|v| for a diverging map). */
  range: [number, number] | null;
  layers: Layers;
}

export interface AppState {
  /** A shipped scenario's name; ignored when scenarioJson is given. */
  scenario: string;
  /** A scenario loaded from a file, carried whole so the link still reproduces it. */
  scenarioJson: unknown;
  /** null: the scenario's own seed. */
  seed: number | null;
  overrides: Partial<Params>;
  view: ViewState;
  /** Steps per animation frame. */
  speed: number;
  /** Stop when the clock reaches this day (null: run to the scenario's end). */
  pauseAtDay: number | null;
}

export const DEFAULT_LAYERS: Layers = { field: true, vessels: true, cells: true, nk: true };
export const MAX_SPEED = 64;

export function initialState(scenario = 'default'): AppState {
  return {
    scenario, scenarioJson: null, seed: null, overrides: {},
    view: { field: null, colorMap: null, range: null, layers: { ...DEFAULT_LAYERS } },
    speed: 1, pauseAtDay: null,
  };
}

const PARAM_PREFIX = 'p.';

/** Reads a query string; anything unreadable is reported and left at its default. */
export function readUrlState(search: string): { state: AppState; problems: string[] } {
  const q = new URLSearchParams(search);
  const state = initialState(q.get('scenario') ?? 'default');
  const problems: string[] = [];
  const number = (name: string, min: number, max: number, integer = false): number | null => {
    const text = q.get(name);
    if (text === null) return null;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      problems.push(`URL ${name} = ${text} is not ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]; ignored`);
      return null;
    }
    return v;
  };
  const json = q.get('scenarioJson');
  if (json !== null) {
    try {
      state.scenarioJson = JSON.parse(json);
    } catch (error) {
      problems.push(`URL scenarioJson is not JSON (${(error as Error).message}); ignored`);
    }
  }
  state.seed = number('seed', 0, 4294967295, true);
  state.speed = number('speed', 1, MAX_SPEED, true) ?? state.speed;
  state.pauseAtDay = number('pauseAtDay', 0, 1e6);
  for (const name of q.keys()) {
    if (!name.startsWith(PARAM_PREFIX)) continue;
    const key = name.slice(PARAM_PREFIX.length);
    if (!isParamKey(key)) {
      problems.push(`URL ${name}: no parameter is called "${key}"; ignored`);
      continue;
    }
    const spec = PARAM_BY_KEY[key];
    const v = number(name, spec.min, spec.max, spec.integer);
    if (v !== null) state.overrides[key] = v;
  }
  const field = q.get('field');
  if (field !== null) state.view.field = field;
  const map = q.get('map');
  if (map !== null) {
    if ((COLOR_MAP_NAMES as readonly string[]).includes(map)) state.view.colorMap = map as ColorMapName;
    else problems.push(`URL map = ${map} is not one of ${COLOR_MAP_NAMES.join(', ')}; ignored`);
  }
  const range = q.get('range');
  if (range !== null) {
    const [lo, hi] = range.split(',').map(Number);
    if (Number.isFinite(lo) && Number.isFinite(hi) && lo! < hi!) state.view.range = [lo!, hi!];
    else problems.push(`URL range = ${range} is not "min,max" with min < max; ignored`);
  }
  const layers = q.get('layers');
  if (layers !== null) {
    const on = layers.split(',').filter((l) => l !== '');
    const unknown = on.filter((l) => !(LAYER_NAMES as readonly string[]).includes(l));
    if (unknown.length) problems.push(`URL layers: unknown ${unknown.join(', ')} (layers: ${LAYER_NAMES.join(', ')}); ignored`);
    for (const l of LAYER_NAMES) state.view.layers[l] = on.includes(l);
  }
  return { state, problems };
}

/** The query string (with its '?') for a state; defaults are left out to keep links short. */
export function writeUrlState(state: AppState): string {
  const q = new URLSearchParams();
  if (state.scenarioJson !== null) q.set('scenarioJson', JSON.stringify(state.scenarioJson));
  else q.set('scenario', state.scenario);
  if (state.seed !== null) q.set('seed', String(state.seed));
  for (const key of Object.keys(state.overrides).sort() as ParamKey[]) q.set(PARAM_PREFIX + key, String(state.overrides[key]));
  if (state.view.field !== null) q.set('field', state.view.field);
  if (state.view.colorMap !== null) q.set('map', state.view.colorMap);
  if (state.view.range !== null) q.set('range', state.view.range.join(','));
  if (LAYER_NAMES.some((l) => state.view.layers[l] !== DEFAULT_LAYERS[l])) {
    q.set('layers', LAYER_NAMES.filter((l) => state.view.layers[l]).join(','));
  }
  if (state.speed !== 1) q.set('speed', String(state.speed));
  if (state.pauseAtDay !== null) q.set('pauseAtDay', String(state.pauseAtDay));
  return `?${q.toString()}`;
}
