// The scenarios shipped in scenarios/, bundled into the page by Vite, by file name.
import type { ScenarioJson } from './compose-scenario.ts';

const files = import.meta.glob<ScenarioJson>('/scenarios/*.json', { eager: true, import: 'default' });

export const LIBRARY: ReadonlyMap<string, ScenarioJson> = new Map(
  Object.entries(files).map(([path, json]) => [path.replace(/^.*\/|\.json$/g, ''), json]),
);
