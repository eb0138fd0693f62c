// Which parameters the panel shows in which folder. The folders follow what a researcher
// reaches for (tumour, matrix, therapy, immune, simulation); every other row of the parameter
// table stays one click away under "More parameters", so nothing in the table is hidden.
import type { ParamGroup } from '../model/param-spec.ts';
import { PARAMS, type ParamKey } from '../model/params.ts';

export interface PanelFolder {
  title: string;
  expanded: boolean;
  keys: ParamKey[];
  /** Subfolders (Therapy: one per drug). */
  children?: PanelFolder[];
}

const keysOf = (...groups: ParamGroup[]) => PARAMS.filter((p) => groups.includes(p.group)).map((p) => p.key);

/** Matrix rows that the cell-rule table holds (they set pores and ECM, which the matrix is). */
const MATRIX_CELL_KEYS: ParamKey[] = ['poreSizeMicrons', 'poreCompressionKPa'];
/** The grid and clock, shown in the Simulation folder beside the run controls. */
export const GRID_KEYS: ParamKey[] = ['nx', 'ny', 'dxMicrons', 'dtMinutes', 'durationDays'];

export function panelFolders(): PanelFolder[] {
  const shown = new Set<ParamKey>();
  const take = (keys: ParamKey[]) => {
    const fresh = keys.filter((k) => !shown.has(k));
    for (const k of fresh) shown.add(k);
    return fresh;
  };
  const folders: PanelFolder[] = [
    { title: 'Tumour', expanded: true, keys: take(keysOf('Tumour', 'Mechanics')) },
    { title: 'Matrix', expanded: true, keys: take([...keysOf('Matrix'), ...MATRIX_CELL_KEYS]) },
    {
      title: 'Therapy', expanded: true, keys: [], children: [
        { title: 'Softening agent', expanded: true, keys: take(keysOf('Softening agent')) },
        { title: 'SMAC mimetic', expanded: true, keys: take(keysOf('SMAC mimetic')) },
      ],
    },
    { title: 'Immune', expanded: false, keys: take(keysOf('Immune')) },
  ];
  take(GRID_KEYS);
  const more: PanelFolder[] = (['Vessels', 'Oxygen', 'Cells', 'Circulation', 'Simulation'] as ParamGroup[])
    .map((g) => ({ title: g, expanded: false, keys: take(keysOf(g)) }))
    .filter((f) => f.keys.length > 0);
  folders.push({ title: 'More parameters', expanded: false, keys: [], children: more });
  return folders;
}
