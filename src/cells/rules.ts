// Double-precision twins of shaders/cells/rules.wgsl, one function per WGSL function, with the
// same arguments in the same units (rates per minute). Tests compare the two, and the
// statistical tests use them as the closed forms.

/** Values of every CellParams field by name (the WGSL struct is the layout). */
export type CellRuleParams = Record<string, number>;

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

/** squeeze_per_micron in shaders/cells/rules.wgsl: the squeeze hazard per µm of path, q(d)/ℓ_c. */
export function squeezePerMicron(p: CellRuleParams, d: number): number {
  return 1 / ((1 + (Math.max(d, 0) / p.critical_pore) ** p.squeeze_steepness) * p.constriction_spacing);
}

/** The Weis–Hormuth–Yankeelov law scales the diffusivity by e^(−γσ_vm): the speed by its square root. */
export function stressSpeed(vonMises: number, decay: number): number {
  return Math.exp(-0.5 * decay * Math.max(vonMises, 0));
}

export function smacEffect(p: CellRuleParams, smac: number): number {
  if (smac <= 0) return 0;
  const s = smac ** p.smac_hill;
  return s / (s + p.smac_ic50 ** p.smac_hill);
}

/** One exponential phase, I(t) = settled + (start − settled)·e^(−rate·(t − anchor)), under dI/dt = −(I − b)/τ − k·E·I (rules.wgsl). */
export interface IapCourse {
  start: number;
  settled: number;
  rate: number;
  effect: number;
  anchor: number;
}

export function iapCourse(iap: number, effect: number, anchor: number, level: number, tau: number, degradation: number): IapCourse {
  const rate = 1 / tau + degradation * effect;
  return { start: iap, settled: level / tau / rate, rate, effect, anchor };
}

export function iapAt(c: IapCourse, t: number): number {
  return c.settled + (c.start - c.settled) * Math.exp(-c.rate * (t - c.anchor));
}

/** IAP held (rising toward the passage level with τ_r) until `lapse`, then relaxing toward b with τ_I (iap_life in rules.wgsl). */
export interface IapLife {
  held: IapCourse;
  free: IapCourse;
  lapse: number;
}

/** The life from I = iap at time `at`, with `hold` minutes of stabilisation clock left; `level` the passage level, `base` b. */
export function iapLife(p: CellRuleParams, iap: number, effect: number, at: number, hold: number, level: number, base = 1): IapLife {
  const lapse = at + Math.max(hold, 0) / (1 + p.smac_hold_ageing * effect);
  const held = iapCourse(iap, effect, at, level, p.iap_rise, p.smac_degradation);
  const free = iapCourse(iapAt(held, lapse), effect, lapse, base, p.iap_relax, p.smac_degradation);
  return { held, free, lapse };
}

export function lifeIapAt(l: IapLife, t: number): number {
  return t < l.lapse ? iapAt(l.held, t) : iapAt(l.free, t);
}

export function lifeProtectedTime(l: IapLife, s: number, t0: number, t1: number): number {
  const split = clamp(l.lapse, t0, t1);
  return protectedTime(l.held, s, t0, split) + protectedTime(l.free, s, split, t1);
}

/** The passage level after `passages` squeezes: f_CM per passage, up to max_passages passages' worth. */
export function passageLevel(p: CellRuleParams, passages: number): number {
  return p.iap_factor ** Math.min(passages, p.max_passages);
}

export function motilityAt(p: CellRuleParams, m: number, anchor: number, t: number, base = 1): number {
  return base + (m - base) * Math.exp(-(t - anchor) / p.iap_relax);
}

export function motilityTime(p: CellRuleParams, m: number, anchor: number, t0: number, t1: number, base = 1): number {
  const y = (t1 - t0) / p.iap_relax;
  return (t1 - t0) * (base + (m - base) * Math.exp(-(t0 - anchor) / p.iap_relax) * Math.exp(-y) * expm1Over(y));
}

export function expm1Over(y: number): number {
  return y < 0.1 ? 1 + y * (0.5 + y * (1 / 6 + y * (1 / 24 + y / 120))) : (Math.exp(y) - 1) / y;
}

export function log1pOver(z: number): number {
  return Math.abs(z) < 0.1 ? 1 - z * (0.5 - z * (1 / 3 - z * (0.25 - z * (0.2 - z / 6)))) : Math.log(1 + z) / z;
}

/** ∫₀^len dt / (c + (p0 − c)·e^(−rate·t)). */
export function relaxingTime(p0: number, c: number, rate: number, len: number): number {
  const y = rate * len;
  if (y > 20) return (y + Math.log(c / p0) + Math.log(1 + ((p0 - c) * Math.exp(-y)) / c)) / (rate * c);
  const grow = len * expm1Over(y);
  return (grow / p0) * log1pOver((c * rate * grow) / p0);
}

/** ∫ dt / (1 + s·max(I_free(t) − 1, 0)) from t0 to t1 along the course (I_free = I·(1 − E)). */
export function protectedTime(c: IapCourse, s: number, t0: number, t1: number): number {
  const a = (1 - c.effect) * c.settled - 1;
  const b = (1 - c.effect) * (c.start - c.settled);
  const g0 = a + b * Math.exp(-c.rate * (t0 - c.anchor));
  const g1 = a + b * Math.exp(-c.rate * (t1 - c.anchor));
  if (s <= 0 || (g0 <= 0 && g1 <= 0)) return t1 - t0;
  let unprotected = 0, from = t0, to = t1;
  if (g0 < 0 || g1 < 0) {
    const crossing = clamp(c.anchor + Math.log(-b / a) / c.rate, t0, t1);
    if (g0 < 0) {
      unprotected = crossing - t0;
      from = crossing;
    } else {
      unprotected = t1 - crossing;
      to = crossing;
    }
  }
  const p0 = 1 + s * Math.max(a + b * Math.exp(-c.rate * (from - c.anchor)), 0);
  return unprotected + relaxingTime(p0, 1 + s * a, c.rate, to - from);
}

/** When within an interval of length len a hazard totalling `total` fires, given that it does. */
export function eventTime(total: number, u: number, len: number): number {
  if (total < 1e-6) return u * len;
  return clamp(-Math.log(1 - u * (1 - Math.exp(-total))) / total, 0, 1) * len;
}

export function anoikisRate(p: CellRuleParams, iap: number): number {
  return p.anoikis_rate / (1 + p.iap_protection * Math.max(iap - 1, 0));
}

export function nkProtection(p: CellRuleParams, iap: number): number {
  return 1 / (1 + p.nk_protection * Math.max(iap - 1, 0));
}

/** A confined passage on the speed gain m: it rises by its factor at once, up to max_passages passages' worth and never down. */
export function squeezedMotility(p: CellRuleParams, m: number): number {
  return Math.max(m, Math.min(m * p.motility_factor, p.motility_factor ** p.max_passages));
}

export function wrapAngle(a: number): number {
  return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
