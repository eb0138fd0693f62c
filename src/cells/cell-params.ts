// The CellParams uniform (shaders/cells/agents.wgsl) from a scenario's parameter table: units
// converted to the shader's (µm, minutes, kPa, mmHg, nM; rates per minute), once per step.
import type { Params } from '../model/params.ts';
import { iapLife, lifeIapAt, motilityAt, passageLevel, type CellRuleParams } from './rules.ts';
import { walkIntegration } from './walk.ts';

export type { CellRuleParams };

/** What an experiment sets beyond the parameter table (assays; the tissue uses the defaults). */
export interface CellSetting {
  proliferation: boolean;
  /** SMAC mimetic in the culture medium from detachment on (nM), for this many minutes. */
  mediumSmacNM: number;
  mediumSmacMinutes: number;
  /** Bit g set: group g gets the medium dose. */
  mediumGroups: number;
  /** Suspended cells leave the assay alive after this many minutes (0: never). */
  windowMinutes: number;
  /** Chemotactic drift, as a fraction of the cell's speed along x and y. */
  bias: [number, number];
  /** A wall at this x (µm) that cells do not cross (0: none). */
  wallMicrons: number;
}

export const TISSUE_SETTING: CellSetting = {
  proliferation: true, mediumSmacNM: 0, mediumSmacMinutes: 0, mediumGroups: 0, windowMinutes: 0, bias: [0, 0], wallMicrons: 0,
};

/** Cells at I ≥ this count as primed (squeezed) in the readouts: a fifth above baseline. */
export const PRIMED_IAP = 1.2;

const PER_HOUR = 1 / 60;

export interface StepState {
  nx: number;
  ny: number;
  hMicrons: number;
  capacity: number;
  seed: number;
  step: number;
  plasmaSmacNM: number;
  nkCount: number;
}

export function cellParamValues(p: Params, setting: CellSetting, s: StepState): CellRuleParams {
  const walk = walkIntegration(p.dtMinutes, p.persistenceMinutes);
  return {
    nx: s.nx, ny: s.ny, h: s.hMicrons, capacity: s.capacity, seed: s.seed, step: s.step, dt: p.dtMinutes,
    proliferation: setting.proliferation ? 1 : 0,
    division_rate: 1 / (p.cellDoublingHours * 60),
    hypoxia_mmhg: p.hypoxiaThresholdMmHg,
    arrest_kpa: p.growthArrestStressKPa,
    necrosis_mmhg: p.necrosisPO2MmHg,
    necrosis_rate: p.necrosisRatePerHour * PER_HOUR,
    speed: p.cellSpeedUmPerMin,
    persistence: p.persistenceMinutes,
    stress_decay: p.motilityStressDecayPerKPa,
    nucleus: p.nucleusDiameterMicrons,
    critical_pore: p.criticalPoreMicrons,
    squeeze_steepness: p.squeezeSteepness,
    constriction_spacing: p.constrictionSpacingMicrons,
    iap_factor: p.squeezeIapFactor,
    max_passages: p.squeezeMaxPassages,
    squeeze_refractory: p.squeezeRefractoryHours,
    motility_factor: p.squeezeMotilityFactor,
    iap_relax: p.iapRelaxationDays * 1440,
    anoikis_rate: p.anoikisRatePerHour * PER_HOUR,
    iap_protection: p.iapAnoikisProtection,
    detached_density: p.detachedDensity,
    detached_ecm: p.detachedEcm,
    intravasation_rate: p.intravasationPerHour * PER_HOUR,
    smac_ic50: p.smacIC50NM,
    smac_hill: p.smacHill,
    smac_degradation: p.smacDegradationPerHour * PER_HOUR,
    plasma_smac: s.plasmaSmacNM,
    medium_smac: setting.mediumSmacNM,
    medium_smac_minutes: setting.mediumSmacMinutes,
    medium_groups: setting.mediumGroups >>> 0,
    nk_kill: p.nkKillPerHour * PER_HOUR,
    nk_protection: p.nkIapProtection,
    nk_speed: p.nkSpeedUmPerMin,
    nk_bias: p.nkTumourBias,
    nk_refractory: p.nkRefractoryMinutes,
    nk_contact: p.nkContactMicrons,
    blood_nk_rate: p.bloodNkKillPerHour * PER_HOUR,
    transit: p.circulationTransitHours * 60,
    lung_time: p.lungExtravasationDays * 1440,
    seeding: p.seedingProbability,
    window: setting.windowMinutes,
    bias_x: setting.bias[0],
    bias_y: setting.bias[1],
    wall_x: setting.wallMicrons,
    nk_count: s.nkCount,
    hypoxia_readout: p.hypoxiaThresholdMmHg,
    primed_iap: PRIMED_IAP,
    walk_steps: walk.steps,
    walk_substep: walk.substep,
    walk_stride: walk.stride,
    walk_turn: walk.turn,
    intravasation_primes: p.intravasationPrimes,
    hypoxic_iap: p.hypoxiaIapLevel,
    hypoxic_motility: p.hypoxiaMotilityFactor,
    iap_rise: p.iapRiseHours * 60,
    iap_hold: p.iapHoldDays * 1440,
    smac_hold_ageing: p.smacHoldAgeing,
  };
}

/** IAP and speed gain of a cell `hoursAgo` after one passage from baseline, with no drug since (the rules' closed forms). */
export function afterOnePassage(p: Params, hoursAgo: number): { iap: number; motility: number } {
  const rules = cellParamValues(p, TISSUE_SETTING, { nx: 1, ny: 1, hMicrons: p.dxMicrons, capacity: 0, seed: 0, step: 0, plasmaSmacNM: 0, nkCount: 0 });
  const minutes = hoursAgo * 60;
  const life = iapLife(rules, 1, 0, 0, rules.iap_hold, passageLevel(rules, 1));
  return { iap: lifeIapAt(life, minutes), motility: motilityAt(rules, rules.motility_factor, 0, minutes) };
}
