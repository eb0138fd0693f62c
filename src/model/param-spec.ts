// What a row of the parameter table holds: its range, unit, provenance and how a change
// applies. Apart from the table itself (params.ts, params-cells.ts), so both halves of the
// table can be typed without importing each other.
// Evidence tags as in docs/references.md: T primary full text, A abstract, R recalled,
// C computed here, D design assumption (exploratory: shown as such in tooltips and docs).

export type ParamGroup =
  | 'Tumour'
  | 'Matrix'
  | 'Vessels'
  | 'Oxygen'
  | 'SMAC mimetic'
  | 'Softening agent'
  | 'Mechanics'
  | 'Cells'
  | 'Immune'
  | 'Circulation'
  | 'Simulation';

export const PARAM_GROUPS: readonly ParamGroup[] = [
  'Tumour', 'Matrix', 'Mechanics', 'Vessels', 'Oxygen', 'SMAC mimetic', 'Softening agent', 'Cells', 'Immune', 'Circulation', 'Simulation',
];

export type SourceTag = 'T' | 'A' | 'R' | 'C' | 'D';
export const SOURCE_TAGS: readonly SourceTag[] = ['T', 'A', 'R', 'C', 'D'];

/** 'live': a uniform write between steps suffices. 'rebuild': the world (grid, vessels, tumour) is rebuilt. */
export type ApplyMode = 'live' | 'rebuild';

export interface ParamSpec<K extends string = string> {
  readonly key: K;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly integer: boolean;
  readonly unit: string;
  readonly label: string;
  readonly group: ParamGroup;
  readonly tag: SourceTag;
  readonly source: string;
  readonly apply: ApplyMode;
}

/** A row as the table writes it: `integer` only where it is true. */
export type ParamRow = Omit<ParamSpec, 'integer'> & { readonly integer?: true };
