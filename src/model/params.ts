// The one parameter table. The scenario validator, the panel, the GPU uniforms and the docs
// all read it, so a parameter's unit, range and provenance are written down exactly once.
import type { ParamRow, ParamSpec } from './param-spec.ts';
import { CELL_TABLE } from './params-cells.ts';

// Grouped in PARAM_GROUPS order, so the panel and the docs list them as written here; the cell
// rules' rows live in params-cells.ts and are spliced in before the Simulation group.
const FIELD_TABLE = [
  // Tumour
  { key: 'tumourRadiusMicrons', default: 900, min: 20, max: 20000, step: 10, unit: 'µm', apply: 'rebuild',
    group: 'Tumour', tag: 'D', label: 'Tumour radius',
    source: 'a tumour ≈ 1.8 mm across, with its stroma inside the default 2.56 mm domain' },
  { key: 'tumourStiffnessKPa', default: 20, min: 1, max: 100, step: 0.1, unit: 'kPa', apply: 'live',
    group: 'Tumour', tag: 'A', label: 'Tumour stiffness (through its collagen)',
    source: 'Samani 2007: malignant 3–6×, high-grade IDC up to 13× fibroglandular (≈ 10–42 kPa); sets the collagen density of the tumour, (E/E_normal)^(1/k), and so its stroma\'s and both their pores' },
  { key: 'tumourPoissonRatio', default: 0.45, min: 0, max: 0.49, step: 0.01, unit: '1', apply: 'live',
    group: 'Tumour', tag: 'T', label: 'Tumour Poisson ratio',
    source: 'MCRD FEniCS code ν = 0.45; below 0.5, where plane strain locks' },
  // 'rebuild': it also sets how many cells the tumour is seeded with (initialDensityFraction of it).
  { key: 'carryingCapacityCellsPerMm2', default: 4500, min: 100, max: 20000, step: 100, unit: 'cells/mm²', apply: 'rebuild',
    group: 'Tumour', tag: 'C', label: 'Full cell density',
    source: '0.7 packing over the 154 µm² cross-section of a 14 µm cell' },
  { key: 'densitySmoothingMicrons', default: 20, min: 0, max: 200, step: 1, unit: 'µm', apply: 'rebuild',
    group: 'Tumour', tag: 'D', label: 'Length over which cell density is averaged',
    source: 'σ of the Gaussian that turns deposited cells into a density; about ten cells lie within it at full packing, so the density is the tissue\'s and not the grid\'s sampling noise' },
  // Matrix
  { key: 'stromaCollagenRatio', default: 1.41, min: 1, max: 5, step: 0.01, unit: '1', apply: 'live',
    group: 'Matrix', tag: 'D', label: 'Stroma collagen ÷ tumour collagen',
    source: 'the desmoplastic rim is denser than the tumour it surrounds; 1.41 makes it twice as stiff at k = 2 (40 kPa around a 20 kPa tumour; desmoplastic stroma 10–40 kPa)' },
  { key: 'collagenModulusExponent', default: 2, min: 1, max: 4, step: 0.1, unit: '1', apply: 'live',
    group: 'Matrix', tag: 'R', label: 'Modulus ∝ collagen density^k',
    source: 'semiflexible polymer networks G ∝ c^2.2 (MacKintosh, Käs & Janmey 1995); reconstituted collagen I gels about 2–3' },
  { key: 'stromaPoissonRatio', default: 0.45, min: 0, max: 0.49, step: 0.01, unit: '1', apply: 'live',
    group: 'Matrix', tag: 'T', label: 'Stroma Poisson ratio',
    source: 'MCRD FEniCS code ν = 0.45' },
  { key: 'stromaWidthMicrons', default: 300, min: 0, max: 5000, step: 10, unit: 'µm', apply: 'rebuild',
    group: 'Matrix', tag: 'D', label: 'Stroma rim width',
    source: 'desmoplastic rim laid down around the tumour; width exploratory' },
  { key: 'normalTissueStiffnessKPa', default: 3.2, min: 0.1, max: 200, step: 0.1, unit: 'kPa', apply: 'live',
    group: 'Matrix', tag: 'A', label: 'Normal tissue stiffness',
    source: 'Samani 2007: fat ≈ fibroglandular ≈ 3.2 kPa' },
  { key: 'normalTissuePoissonRatio', default: 0.45, min: 0, max: 0.49, step: 0.01, unit: '1', apply: 'live',
    group: 'Matrix', tag: 'T', label: 'Normal tissue Poisson ratio',
    source: 'MCRD FEniCS code ν = 0.45' },
  // Mechanics
  { key: 'growthStrainRatePerDay', default: 0.01, min: 0, max: 1, step: 0.001, unit: '1/day', apply: 'live',
    group: 'Mechanics', tag: 'D', label: 'Stored growth strain rate at full density',
    source: 'in-plane eigenstrain stored per day at full cell density (κ = 0); the rest relaxes by remodelling' },
  { key: 'maxGrowthStrain', default: 0.1, min: 0, max: 0.3, step: 0.005, unit: '1', apply: 'live',
    group: 'Mechanics', tag: 'D', label: 'Largest stored growth strain',
    source: 'linear elasticity holds to ≈ 5–10 % strain (docs/references.md, "Mechanics")' },
  // Vessels
  { key: 'capillarySpacingMicrons', default: 110, min: 20, max: 1000, step: 5, unit: 'µm', apply: 'rebuild',
    group: 'Vessels', tag: 'A', label: 'Capillary spacing',
    source: 'hypoxia beyond 100–140 µm intercapillary distance (Grote 1977; IJROBP 1988)' },
  { key: 'capillaryRadiusMicrons', default: 4, min: 1, max: 20, step: 0.5, unit: 'µm', apply: 'rebuild',
    group: 'Vessels', tag: 'A', label: 'Capillary radius',
    source: 'capillary diameter 5–10 µm; Krogh radius 2.5–5 µm' },
  { key: 'capillaryJitterFraction', default: 0.35, min: 0, max: 0.5, step: 0.05, unit: '1', apply: 'rebuild',
    group: 'Vessels', tag: 'D', label: 'Capillary lattice jitter',
    source: 'fraction of the spacing; ≤ 0.5 keeps each vessel inside its own lattice cell' },
  { key: 'vesselCollapseStressKPa', default: 3, min: 0.1, max: 50, step: 0.1, unit: 'kPa', apply: 'live',
    group: 'Vessels', tag: 'D', label: 'Vessel collapse stress σc',
    source: 'no measured threshold; 2–4 kPa ≈ tumour IFP 15–30 mmHg (docs/references.md, "Solid stress and vessels")' },
  { key: 'vesselCollapseExponent', default: 4, min: 1, max: 16, step: 0.5, unit: '1', apply: 'live',
    group: 'Vessels', tag: 'D', label: 'Vessel collapse exponent n',
    source: 'perfusion 1/(1 + (p_s/σc)^n) (docs/references.md, "Solid stress and vessels")' },
  { key: 'perfusionRecoveryHours', default: 12, min: 0.1, max: 240, step: 0.5, unit: 'h', apply: 'live',
    group: 'Vessels', tag: 'D', label: 'Perfusion recovery time',
    source: 'vessels reopen when stress is removed (Padera 2004); the rate is not measured' },
  // Oxygen
  { key: 'oxygenDiffusivityUm2PerS', default: 2000, min: 100, max: 5000, step: 10, unit: 'µm²/s', apply: 'live',
    group: 'Oxygen', tag: 'R', label: 'O₂ diffusivity',
    source: 'model default; 1750 µm²/s measured in tumour (Grote 1977)' },
  { key: 'oxygenMaxUptakeMmHgPerS', default: 2, min: 0, max: 50, step: 0.1, unit: 'mmHg/s', apply: 'live',
    group: 'Oxygen', tag: 'C', label: 'O₂ max uptake at full density',
    source: 'calibrated: the low end of the modelling range 2–15 mmHg/s (Grimes 2015; 1 ml O₂/(100 g·min) ≈ 5.6 mmHg/s), so that the untreated default tumour\'s median pO₂ sits in the breast-cancer range 5–30 mmHg (docs/references.md, "Oxygenation calibration")' },
  { key: 'oxygenUptakeKmMmHg', default: 2, min: 0.01, max: 20, step: 0.1, unit: 'mmHg', apply: 'live',
    group: 'Oxygen', tag: 'A', label: 'O₂ uptake half-saturation Km',
    source: 'Km ≈ 1–3 mmHg (Grimes 2015)' },
  { key: 'capillaryOxygenNusselt', default: 2.5, min: 0.1, max: 100, step: 0.1, unit: '1', apply: 'live',
    group: 'Oxygen', tag: 'D', label: 'Vessel-side O₂ transfer (Nusselt number Nu)',
    source: 'a partly open capillary (perfusion φ) adds the resistance (1/φ − 1)/(π·Nu·D) to its exchange; scale: intracapillary resistance, Nu ≈ 2.5 (Hellums 1977, recalled)' },
  { key: 'vesselWallPO2MmHg', default: 80, min: 0, max: 100, step: 1, unit: 'mmHg', apply: 'rebuild',
    group: 'Oxygen', tag: 'C', label: 'Capillary wall pO₂',
    source: 'calibrated: between arterial 95–100 and venous 40 mmHg, so that the untreated default\'s normal tissue has a median in the normal-breast range 52–65 mmHg (Vaupel 1991; docs/references.md, "Oxygenation calibration"); baked into the vessel exchange field' },
  { key: 'hypoxiaThresholdMmHg', default: 10, min: 0, max: 40, step: 0.5, unit: 'mmHg', apply: 'live',
    group: 'Oxygen', tag: 'R', label: 'Hypoxia threshold',
    source: '< 10 mmHg hypoxic (HIF active)' },
  // SMAC mimetic
  { key: 'smacDiffusivityUm2PerS', default: 300, min: 10, max: 2000, step: 10, unit: 'µm²/s', apply: 'live',
    group: 'SMAC mimetic', tag: 'R', label: 'SMAC mimetic diffusivity',
    source: 'MW 400–800 Da: 100–500 µm²/s in tissue' },
  { key: 'smacDecayPerMin', default: 0.1, min: 0, max: 10, step: 0.001, unit: '1/min', apply: 'live',
    group: 'SMAC mimetic', tag: 'D', label: 'SMAC mimetic tissue uptake and decay',
    source: 'lumped binding, uptake and clearance; penetration √(D/k) ≈ 420 µm' },
  { key: 'smacPermeabilityUmPerMin', default: 20, min: 0, max: 1000, step: 1, unit: 'µm/min', apply: 'live',
    group: 'SMAC mimetic', tag: 'D', label: 'SMAC mimetic vessel permeability',
    source: 'small molecules ≈ 10⁻⁵–10⁻⁴ cm/s = 6–60 µm/min (recalled)' },
  { key: 'smacDoseNM', default: 200, min: 0, max: 10000, step: 1, unit: 'nM', apply: 'live',
    group: 'SMAC mimetic', tag: 'D', label: 'SMAC mimetic plasma peak (dose/Vd)',
    source: 'exploratory; well above the cIAP1 IC50 ≈ 16 nM of birinapant' },
  { key: 'smacHalfLifeHours', default: 30, min: 0.1, max: 500, step: 0.5, unit: 'h', apply: 'live',
    group: 'SMAC mimetic', tag: 'A', label: 'SMAC mimetic plasma half-life',
    source: 'birinapant t½ 30–35 h (Amaravadi 2015)' },
  { key: 'smacIntervalHours', default: 168, min: 1, max: 2000, step: 1, unit: 'h', apply: 'live',
    group: 'SMAC mimetic', tag: 'A', label: 'SMAC mimetic dosing interval',
    source: 'birinapant IV weekly (Amaravadi 2015)' },
  { key: 'smacFirstDoseDay', default: 1, min: 0, max: 365, step: 0.5, unit: 'day', apply: 'live',
    group: 'SMAC mimetic', tag: 'D', label: 'SMAC mimetic first dose',
    source: 'schedule choice' },
  { key: 'smacDoseCount', default: 3, min: 0, max: 100, step: 1, integer: true, unit: '1', apply: 'live',
    group: 'SMAC mimetic', tag: 'A', label: 'SMAC mimetic number of doses',
    source: 'birinapant weekly, 3 weeks in 4 (Amaravadi 2015)' },
  // Softening agent
  { key: 'softenerDiffusivityUm2PerS', default: 400, min: 10, max: 2000, step: 10, unit: 'µm²/s', apply: 'live',
    group: 'Softening agent', tag: 'R', label: 'Softener diffusivity',
    source: 'losartan, MW 423 Da: 100–500 µm²/s in tissue' },
  { key: 'softenerDecayPerMin', default: 0.1, min: 0, max: 10, step: 0.001, unit: '1/min', apply: 'live',
    group: 'Softening agent', tag: 'D', label: 'Softener tissue uptake and decay',
    source: 'lumped uptake and clearance' },
  { key: 'softenerPermeabilityUmPerMin', default: 20, min: 0, max: 1000, step: 1, unit: 'µm/min', apply: 'live',
    group: 'Softening agent', tag: 'D', label: 'Softener vessel permeability',
    source: 'small molecules ≈ 6–60 µm/min (recalled)' },
  { key: 'softenerDoseRelative', default: 1, min: 0, max: 100, step: 0.1, unit: '1', apply: 'live',
    group: 'Softening agent', tag: 'D', label: 'Softener plasma peak (relative)',
    source: 'relative units: the effect is calibrated per unit tissue level' },
  { key: 'softenerHalfLifeHours', default: 6, min: 0.1, max: 200, step: 0.5, unit: 'h', apply: 'live',
    group: 'Softening agent', tag: 'R', label: 'Softener plasma half-life',
    source: 'losartan metabolite EXP3174 6–9 h' },
  { key: 'softenerIntervalHours', default: 24, min: 1, max: 2000, step: 1, unit: 'h', apply: 'live',
    group: 'Softening agent', tag: 'A', label: 'Softener dosing interval',
    source: 'losartan 40 mg/kg/day in mice' },
  { key: 'softenerStartDay', default: 0, min: 0, max: 365, step: 0.5, unit: 'day', apply: 'live',
    group: 'Softening agent', tag: 'D', label: 'Softener start',
    source: 'schedule choice' },
  { key: 'softenerDurationDays', default: 14, min: 0, max: 365, step: 0.5, unit: 'day', apply: 'live',
    group: 'Softening agent', tag: 'D', label: 'Softener course length',
    source: 'schedule choice; daily doses while the course lasts' },
  { key: 'softenerMaxSoftening', default: 0.5, min: 0, max: 0.95, step: 0.05, unit: '1', apply: 'live',
    group: 'Softening agent', tag: 'D', label: 'Largest fractional stroma softening',
    source: 'falls in stroma stiffness and stored growth strain; percentages not found (docs/references.md, "Drugs")' },
  { key: 'softenerRatePerDay', default: 1, min: 0, max: 10, step: 0.01, unit: '1/day', apply: 'live',
    group: 'Softening agent', tag: 'D', label: 'Softening rate at unit tissue level',
    source: 'rate of approach to the largest softening' },
] as const satisfies readonly ParamRow[];

const SIMULATION_TABLE = [
  { key: 'nx', default: 256, min: 16, max: 4096, step: 8, integer: true, unit: 'cells', apply: 'rebuild',
    group: 'Simulation', tag: 'D', label: 'Grid cells along x',
    source: 'multiple of 8 that the multigrid can halve down to ≤ 16' },
  { key: 'ny', default: 256, min: 16, max: 4096, step: 8, integer: true, unit: 'cells', apply: 'rebuild',
    group: 'Simulation', tag: 'D', label: 'Grid cells along y',
    source: 'multiple of 8 that the multigrid can halve down to ≤ 16' },
  { key: 'dxMicrons', default: 10, min: 0.1, max: 100, step: 0.1, unit: 'µm', apply: 'rebuild',
    group: 'Simulation', tag: 'D', label: 'Grid cell size',
    source: 'about a cell diameter; capillaries exchange through a ring footprint (a generalised Peaceman well)' },
  { key: 'dtMinutes', default: 10, min: 0.1, max: 240, step: 0.1, unit: 'min', apply: 'live',
    group: 'Simulation', tag: 'D', label: 'Time step',
    source: 'set by cell motion (≤ 0.5 µm/min); transport is quasi-steady or implicit' },
  { key: 'durationDays', default: 28, min: 0, max: 3650, step: 0.5, unit: 'day', apply: 'live',
    group: 'Simulation', tag: 'D', label: 'Duration',
    source: 'long enough for three weekly SMAC mimetic doses' },
  { key: 'metricsIntervalMinutes', default: 60, min: 1, max: 10080, step: 1, unit: 'min', apply: 'live',
    group: 'Simulation', tag: 'D', label: 'Metrics interval',
    source: 'how often the summary numbers are reduced and read back' },
] as const satisfies readonly ParamRow[];

const TABLE = [...FIELD_TABLE, ...CELL_TABLE, ...SIMULATION_TABLE] as const;

/** Parameters that earlier scenario files may still name, with what replaced each. */
export const WITHDRAWN_PARAMS: Readonly<Record<string, string>> = {
  stromaStiffnessKPa: 'the stroma\'s modulus follows its collagen now; set stromaCollagenRatio (its collagen ÷ the tumour\'s) and collagenModulusExponent',
  stromaEcmDensity: 'the stroma\'s collagen is stromaCollagenRatio × the tumour\'s now, which tumourStiffnessKPa sets',
  snapshotIntervalHours: 'nothing read it: a run writes its fields at its end, and --checkpoint-every keeps its state as it goes',
};

export type ParamKey = (typeof TABLE)[number]['key'];
export type Params = Record<ParamKey, number>;

export const PARAMS: readonly ParamSpec<ParamKey>[] = Object.freeze(
  TABLE.map((entry: ParamRow) => Object.freeze({ integer: false, ...entry }) as ParamSpec<ParamKey>),
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
