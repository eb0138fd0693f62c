// The one parameter table. The scenario validator, the panel, the GPU uniforms and the docs
// all read it, so a parameter's unit, range and provenance are written down exactly once.
// Evidence tags follow science-reference.md: T primary full text, A abstract, R recalled,
// C computed here, D design assumption (exploratory: shown as such in tooltips and docs).

export type ParamGroup =
  | 'Tumour'
  | 'Matrix'
  | 'Vessels'
  | 'Oxygen'
  | 'SMAC mimetic'
  | 'Softening agent'
  | 'Mechanics'
  | 'Simulation';

export const PARAM_GROUPS: readonly ParamGroup[] = [
  'Tumour', 'Matrix', 'Mechanics', 'Vessels', 'Oxygen', 'SMAC mimetic', 'Softening agent', 'Simulation',
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

type Entry = Omit<ParamSpec, 'integer'> & { readonly integer?: true };

// Grouped in PARAM_GROUPS order, so the panel and the docs list them as written here.
const TABLE = [
  // Tumour
  { key: 'tumourRadiusMicrons', default: 900, min: 20, max: 20000, step: 10, unit: 'µm', label: 'Tumour radius', group: 'Tumour', tag: 'D', source: 'a tumour ≈ 1.8 mm across, with its stroma inside the default 2.56 mm domain', apply: 'rebuild' },
  { key: 'tumourStiffnessKPa', default: 20, min: 0.1, max: 200, step: 0.1, unit: 'kPa', label: 'Tumour stiffness (with its stroma)', group: 'Tumour', tag: 'A', source: 'Samani 2007: malignant 3–6×, high-grade IDC up to 13× fibroglandular (≈ 10–42 kPa)', apply: 'live' },
  { key: 'tumourPoissonRatio', default: 0.45, min: 0, max: 0.49, step: 0.01, unit: '1', label: 'Tumour Poisson ratio', group: 'Tumour', tag: 'T', source: 'MCRD FEniCS code ν = 0.45; below 0.5, where plane strain locks', apply: 'live' },
  { key: 'carryingCapacityCellsPerMm2', default: 4500, min: 100, max: 20000, step: 100, unit: 'cells/mm²', label: 'Full cell density', group: 'Tumour', tag: 'C', source: '0.7 packing over the 154 µm² cross-section of a 14 µm cell', apply: 'live' },
  // Matrix
  { key: 'stromaStiffnessKPa', default: 30, min: 0.1, max: 200, step: 0.1, unit: 'kPa', label: 'Stroma stiffness', group: 'Matrix', tag: 'R', source: 'desmoplastic stroma 10–40 kPa (§2.6); it confines the tumour and sets its stress', apply: 'live' },
  { key: 'stromaPoissonRatio', default: 0.45, min: 0, max: 0.49, step: 0.01, unit: '1', label: 'Stroma Poisson ratio', group: 'Matrix', tag: 'T', source: 'MCRD FEniCS code ν = 0.45', apply: 'live' },
  { key: 'stromaWidthMicrons', default: 150, min: 0, max: 5000, step: 10, unit: 'µm', label: 'Stroma rim width', group: 'Matrix', tag: 'D', source: 'desmoplastic rim laid down around the tumour; width exploratory', apply: 'rebuild' },
  { key: 'normalTissueStiffnessKPa', default: 3.2, min: 0.1, max: 200, step: 0.1, unit: 'kPa', label: 'Normal tissue stiffness', group: 'Matrix', tag: 'A', source: 'Samani 2007: fat ≈ fibroglandular ≈ 3.2 kPa', apply: 'live' },
  { key: 'normalTissuePoissonRatio', default: 0.45, min: 0, max: 0.49, step: 0.01, unit: '1', label: 'Normal tissue Poisson ratio', group: 'Matrix', tag: 'T', source: 'MCRD FEniCS code ν = 0.45', apply: 'live' },
  // Mechanics
  { key: 'growthStrainRatePerDay', default: 0.01, min: 0, max: 1, step: 0.001, unit: '1/day', label: 'Stored growth strain rate at full density', group: 'Mechanics', tag: 'D', source: 'in-plane eigenstrain stored per day at full cell density (κ = 0); the rest relaxes by remodelling', apply: 'live' },
  { key: 'maxGrowthStrain', default: 0.08, min: 0, max: 0.3, step: 0.005, unit: '1', label: 'Largest stored growth strain', group: 'Mechanics', tag: 'D', source: 'linear elasticity holds to ≈ 5–10 % strain (§2.6)', apply: 'live' },
  // Vessels
  { key: 'capillarySpacingMicrons', default: 110, min: 20, max: 1000, step: 5, unit: 'µm', label: 'Capillary spacing', group: 'Vessels', tag: 'A', source: 'hypoxia beyond 100–140 µm intercapillary distance (Grote 1977; IJROBP 1988)', apply: 'rebuild' },
  { key: 'capillaryRadiusMicrons', default: 4, min: 1, max: 20, step: 0.5, unit: 'µm', label: 'Capillary radius', group: 'Vessels', tag: 'A', source: 'capillary diameter 5–10 µm; Krogh radius 2.5–5 µm', apply: 'rebuild' },
  { key: 'capillaryJitterFraction', default: 0.35, min: 0, max: 0.5, step: 0.05, unit: '1', label: 'Capillary lattice jitter', group: 'Vessels', tag: 'D', source: 'fraction of the spacing; ≤ 0.5 keeps each vessel inside its own lattice cell', apply: 'rebuild' },
  { key: 'vesselCollapseStressKPa', default: 3, min: 0.1, max: 50, step: 0.1, unit: 'kPa', label: 'Vessel collapse stress σc', group: 'Vessels', tag: 'D', source: 'no measured threshold; 2–4 kPa ≈ tumour IFP 15–30 mmHg (§2.1)', apply: 'live' },
  { key: 'vesselCollapseExponent', default: 4, min: 1, max: 16, step: 0.5, unit: '1', label: 'Vessel collapse exponent n', group: 'Vessels', tag: 'D', source: 'perfusion 1/(1 + (p_s/σc)^n) (§2.1)', apply: 'live' },
  { key: 'perfusionRecoveryHours', default: 12, min: 0.1, max: 240, step: 0.5, unit: 'h', label: 'Perfusion recovery time', group: 'Vessels', tag: 'D', source: 'vessels reopen when stress is removed (Padera 2004); the rate is not measured', apply: 'live' },
  // Oxygen
  { key: 'oxygenDiffusivityUm2PerS', default: 2000, min: 100, max: 5000, step: 10, unit: 'µm²/s', label: 'O₂ diffusivity', group: 'Oxygen', tag: 'R', source: 'model default; 1750 µm²/s measured in tumour (Grote 1977)', apply: 'live' },
  { key: 'oxygenMaxUptakeMmHgPerS', default: 5, min: 0, max: 50, step: 0.1, unit: 'mmHg/s', label: 'O₂ max uptake at full density', group: 'Oxygen', tag: 'C', source: '1 ml O₂/(100 g·min) ≈ 5.6 mmHg/s; modelling range 2–15', apply: 'live' },
  { key: 'oxygenUptakeKmMmHg', default: 2, min: 0.01, max: 20, step: 0.1, unit: 'mmHg', label: 'O₂ uptake half-saturation Km', group: 'Oxygen', tag: 'A', source: 'Km ≈ 1–3 mmHg (Grimes 2015)', apply: 'live' },
  { key: 'vesselWallPO2MmHg', default: 40, min: 0, max: 100, step: 1, unit: 'mmHg', label: 'Capillary wall pO₂', group: 'Oxygen', tag: 'R', source: 'capillary mean / venous end ≈ 40 mmHg; tumour vessels 10–40; baked into the vessel raster', apply: 'rebuild' },
  { key: 'hypoxiaThresholdMmHg', default: 10, min: 0, max: 40, step: 0.5, unit: 'mmHg', label: 'Hypoxia threshold', group: 'Oxygen', tag: 'R', source: '< 10 mmHg hypoxic (HIF active)', apply: 'live' },
  // SMAC mimetic
  { key: 'smacDiffusivityUm2PerS', default: 300, min: 10, max: 2000, step: 10, unit: 'µm²/s', label: 'SMAC mimetic diffusivity', group: 'SMAC mimetic', tag: 'R', source: 'MW 400–800 Da: 100–500 µm²/s in tissue', apply: 'live' },
  { key: 'smacDecayPerMin', default: 0.1, min: 0, max: 10, step: 0.001, unit: '1/min', label: 'SMAC mimetic tissue uptake and decay', group: 'SMAC mimetic', tag: 'D', source: 'lumped binding, uptake and clearance; penetration √(D/k) ≈ 420 µm', apply: 'live' },
  { key: 'smacPermeabilityUmPerMin', default: 20, min: 0, max: 1000, step: 1, unit: 'µm/min', label: 'SMAC mimetic vessel permeability', group: 'SMAC mimetic', tag: 'D', source: 'small molecules ≈ 10⁻⁵–10⁻⁴ cm/s = 6–60 µm/min (recalled)', apply: 'live' },
  { key: 'smacDoseNM', default: 200, min: 0, max: 10000, step: 1, unit: 'nM', label: 'SMAC mimetic plasma peak (dose/Vd)', group: 'SMAC mimetic', tag: 'D', source: 'exploratory; well above the cIAP1 IC50 ≈ 16 nM of birinapant', apply: 'live' },
  { key: 'smacHalfLifeHours', default: 30, min: 0.1, max: 500, step: 0.5, unit: 'h', label: 'SMAC mimetic plasma half-life', group: 'SMAC mimetic', tag: 'A', source: 'birinapant t½ 30–35 h (Amaravadi 2015)', apply: 'live' },
  { key: 'smacIntervalHours', default: 168, min: 1, max: 2000, step: 1, unit: 'h', label: 'SMAC mimetic dosing interval', group: 'SMAC mimetic', tag: 'A', source: 'birinapant IV weekly (Amaravadi 2015)', apply: 'live' },
  { key: 'smacFirstDoseDay', default: 1, min: 0, max: 365, step: 0.5, unit: 'day', label: 'SMAC mimetic first dose', group: 'SMAC mimetic', tag: 'D', source: 'schedule choice', apply: 'live' },
  { key: 'smacDoseCount', default: 3, min: 0, max: 100, step: 1, integer: true, unit: '1', label: 'SMAC mimetic number of doses', group: 'SMAC mimetic', tag: 'A', source: 'birinapant weekly, 3 weeks in 4 (Amaravadi 2015)', apply: 'live' },
  // Softening agent
  { key: 'softenerDiffusivityUm2PerS', default: 400, min: 10, max: 2000, step: 10, unit: 'µm²/s', label: 'Softener diffusivity', group: 'Softening agent', tag: 'R', source: 'losartan, MW 423 Da: 100–500 µm²/s in tissue', apply: 'live' },
  { key: 'softenerDecayPerMin', default: 0.1, min: 0, max: 10, step: 0.001, unit: '1/min', label: 'Softener tissue uptake and decay', group: 'Softening agent', tag: 'D', source: 'lumped uptake and clearance', apply: 'live' },
  { key: 'softenerPermeabilityUmPerMin', default: 20, min: 0, max: 1000, step: 1, unit: 'µm/min', label: 'Softener vessel permeability', group: 'Softening agent', tag: 'D', source: 'small molecules ≈ 6–60 µm/min (recalled)', apply: 'live' },
  { key: 'softenerDoseRelative', default: 1, min: 0, max: 100, step: 0.1, unit: '1', label: 'Softener plasma peak (relative)', group: 'Softening agent', tag: 'D', source: 'relative units: the effect is calibrated per unit tissue level', apply: 'live' },
  { key: 'softenerHalfLifeHours', default: 6, min: 0.1, max: 200, step: 0.5, unit: 'h', label: 'Softener plasma half-life', group: 'Softening agent', tag: 'R', source: 'losartan metabolite EXP3174 6–9 h', apply: 'live' },
  { key: 'softenerIntervalHours', default: 24, min: 1, max: 2000, step: 1, unit: 'h', label: 'Softener dosing interval', group: 'Softening agent', tag: 'A', source: 'losartan 40 mg/kg/day in mice', apply: 'live' },
  { key: 'softenerStartDay', default: 0, min: 0, max: 365, step: 0.5, unit: 'day', label: 'Softener start', group: 'Softening agent', tag: 'D', source: 'schedule choice', apply: 'live' },
  { key: 'softenerDurationDays', default: 14, min: 0, max: 365, step: 0.5, unit: 'day', label: 'Softener course length', group: 'Softening agent', tag: 'D', source: 'schedule choice; daily doses while the course lasts', apply: 'live' },
  { key: 'softenerMaxSoftening', default: 0.5, min: 0, max: 0.95, step: 0.05, unit: '1', label: 'Largest fractional stroma softening', group: 'Softening agent', tag: 'D', source: 'falls in stroma stiffness and stored growth strain; percentages not found (§2.1)', apply: 'live' },
  { key: 'softenerRatePerDay', default: 0.3, min: 0, max: 10, step: 0.01, unit: '1/day', label: 'Softening rate at unit tissue level', group: 'Softening agent', tag: 'D', source: 'rate of approach to the largest softening', apply: 'live' },
  // Simulation
  { key: 'nx', default: 256, min: 16, max: 4096, step: 8, integer: true, unit: 'cells', label: 'Grid cells along x', group: 'Simulation', tag: 'D', source: 'multiple of 8 that the multigrid can halve down to ≤ 16', apply: 'rebuild' },
  { key: 'ny', default: 256, min: 16, max: 4096, step: 8, integer: true, unit: 'cells', label: 'Grid cells along y', group: 'Simulation', tag: 'D', source: 'multiple of 8 that the multigrid can halve down to ≤ 16', apply: 'rebuild' },
  { key: 'dxMicrons', default: 10, min: 0.1, max: 100, step: 0.1, unit: 'µm', label: 'Grid cell size', group: 'Simulation', tag: 'D', source: 'about a cell diameter; capillaries are sub-grid (Peaceman)', apply: 'rebuild' },
  { key: 'dtMinutes', default: 10, min: 0.1, max: 240, step: 0.1, unit: 'min', label: 'Time step', group: 'Simulation', tag: 'D', source: 'set by cell motion (≤ 0.5 µm/min); transport is quasi-steady or implicit', apply: 'live' },
  { key: 'durationDays', default: 28, min: 0, max: 3650, step: 0.5, unit: 'day', label: 'Duration', group: 'Simulation', tag: 'D', source: 'long enough for three weekly SMAC mimetic doses', apply: 'live' },
  { key: 'metricsIntervalMinutes', default: 60, min: 1, max: 10080, step: 1, unit: 'min', label: 'Metrics interval', group: 'Simulation', tag: 'D', source: 'how often the summary numbers are reduced and read back', apply: 'live' },
  { key: 'snapshotIntervalHours', default: 24, min: 0.1, max: 8760, step: 0.1, unit: 'h', label: 'Field snapshot interval', group: 'Simulation', tag: 'D', source: 'how often whole fields are exported', apply: 'live' },
] as const satisfies readonly Entry[];

export type ParamKey = (typeof TABLE)[number]['key'];
export type Params = Record<ParamKey, number>;

export const PARAMS: readonly ParamSpec<ParamKey>[] = Object.freeze(
  TABLE.map((entry: Entry) => Object.freeze({ integer: false, ...entry }) as ParamSpec<ParamKey>),
);

export const PARAM_KEYS: readonly ParamKey[] = Object.freeze(PARAMS.map((p) => p.key));

export const PARAM_BY_KEY: Readonly<Record<ParamKey, ParamSpec<ParamKey>>> = Object.freeze(
  Object.fromEntries(PARAMS.map((p) => [p.key, p])) as Record<ParamKey, ParamSpec<ParamKey>>,
);

export function isParamKey(key: string): key is ParamKey {
  return Object.hasOwn(PARAM_BY_KEY, key);
}

/** A fresh, mutable copy of every default (the panel edits it in place). */
export function defaultParams(): Params {
  return Object.fromEntries(PARAMS.map((p) => [p.key, p.default])) as Params;
}
