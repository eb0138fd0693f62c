// Double-precision twins of shaders/cells/rules.wgsl, one function per WGSL function, with the
// same arguments in the same units (rates per minute). Tests compare the two, and the
// statistical tests use them as the closed forms.
import type { CellRuleParams } from './cell-params.ts';

export function chance(rate: number, dt: number): number {
  return 1 - Math.exp(-rate * dt);
}

export function divisionRate(p: CellRuleParams, po2: number, stress: number, density: number): number {
  const oxygen = clamp(po2 / Math.max(p.hypoxia_mmhg, 1e-6), 0, 1);
  const mechanics = clamp(1 - Math.max(stress, 0) / p.arrest_kpa, 0, 1);
  const room = density >= 1 ? 0 : 1;
  return p.division_rate * oxygen * mechanics * room;
}

export function poreSpeed(d: number, nucleus: number): number {
  return Math.min(1, (2 * d * d) / (d * d + nucleus * nucleus));
}

export function stressSpeed(vonMises: number, decay: number): number {
  return Math.exp(-decay * Math.max(vonMises, 0));
}

export function smacEffect(p: CellRuleParams, smac: number): number {
  if (smac <= 0) return 0;
  const s = smac ** p.smac_hill;
  return s / (s + p.smac_ic50 ** p.smac_hill);
}

export function nextIap(p: CellRuleParams, iap: number, effect: number): number {
  const relaxed = 1 + (iap - 1) * Math.exp(-p.dt / p.iap_relax);
  return relaxed * Math.exp(-p.smac_degradation * effect * p.dt);
}

export function nextMotility(p: CellRuleParams, m: number): number {
  return 1 + (m - 1) * Math.exp(-p.dt / p.iap_relax);
}

export function anoikisRate(p: CellRuleParams, iap: number): number {
  return p.anoikis_rate / (1 + p.iap_protection * Math.max(iap - 1, 0));
}

export function nkProtection(p: CellRuleParams, iap: number): number {
  return 1 / (1 + p.nk_protection * Math.max(iap - 1, 0));
}

/** A confined passage on bio = (I, m, hours since, timer): capped at three passages' worth. */
export function squeezed(p: CellRuleParams, bio: readonly number[]): number[] {
  return [Math.min(bio[0] * p.iap_factor, p.iap_factor ** 3), Math.min(bio[1] * p.motility_factor, p.motility_factor ** 3), 0, bio[3]];
}

export function wrapAngle(a: number): number {
  return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
