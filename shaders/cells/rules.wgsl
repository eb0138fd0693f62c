// The cell rules as pure functions (README, "Cells, and the study replayed";
// docs/references.md, "Cells"). Each has a double-precision twin in src/cells/rules.ts;
// tests compare the two. Rates are per minute.

// Probability that an event of constant hazard `rate` happens within dt (or, with rate·dt the
// hazard integrated over an interval, of any hazard).
fn chance(rate: f32, dt: f32) -> f32 {
  return 1.0 - exp(-rate * dt);
}

// Division rate: full when oxygen is above the hypoxia threshold, falling linearly to zero with
// pO2 below it and with compressive stress up to the arrest stress; none where the tissue is full.
fn division_rate(p: CellParams, po2: f32, stress: f32, density: f32) -> f32 {
  let oxygen = clamp(po2 / max(p.hypoxia_mmhg, 1e-6), 0.0, 1.0);
  let mechanics = clamp(1.0 - max(stress, 0.0) / p.arrest_kpa, 0.0, 1.0);
  let room = select(1.0, 0.0, density >= 1.0);
  return p.division_rate * oxygen * mechanics * room;
}

// Speed through pores of diameter d: unhindered when d ≥ the nucleus, falling as the area ratio.
fn pore_speed(d: f32, nucleus: f32) -> f32 {
  return min(1.0, 2.0 * d * d / (d * d + nucleus * nucleus));
}

// Confined passage, graded: a cell moving through matrix whose pores have diameter d meets a
// constriction every ℓ_c of path, and one squeezes its nucleus with the chance
// q(d) = 1/(1 + (d/d_crit)ⁿ), a half at d_crit. The hazard per µm of path is q/ℓ_c, so the count
// of squeezes depends on the path walked, not on how it is cut into steps.
fn squeeze_per_micron(p: CellParams, d: f32) -> f32 {
  return 1.0 / ((1.0 + pow(max(d, 0.0) / p.critical_pore, p.squeeze_steepness)) * p.constriction_spacing);
}

// Weis–Hormuth–Yankeelov restriction of motility by von Mises stress: their law scales the
// diffusivity, D = D0·exp(−γσ_vm), and a walk's diffusivity goes as speed², so the speed takes
// the square root of it.
fn stress_speed(von_mises: f32, decay: f32) -> f32 {
  return exp(-0.5 * decay * max(von_mises, 0.0));
}

fn smac_effect(p: CellParams, smac: f32) -> f32 {
  // pow(0, n) is exp2(n·log2 0) in WGSL: defined on most adapters, but not promised.
  if (smac <= 0.0) { return 0.0; }
  let s = pow(smac, p.smac_hill);
  return s / (s + pow(p.smac_ic50, p.smac_hill));
}

// One exponential phase of IAP with the SMAC effect E and the level b held: dI/dt = −(I − b)/τ −
// k·E·I, whose solution from I = start at time anchor is I(t) = settled + (start − settled)·
// e^(−rate·(t − anchor)), with rate = 1/τ + k·E and settled = (b/τ)/rate. Times are minutes.
struct IapCourse {
  start: f32,
  settled: f32,
  rate: f32,
  effect: f32,
  anchor: f32,
}

fn iap_course(iap: f32, effect: f32, anchor: f32, level: f32, tau: f32, degradation: f32) -> IapCourse {
  let rate = 1.0 / tau + degradation * effect;
  return IapCourse(iap, (level / tau) / rate, rate, effect, anchor);
}

fn iap_at(c: IapCourse, t: f32) -> f32 {
  return c.settled + (c.start - c.settled) * exp(-c.rate * (t - c.anchor));
}

// IAP after a confined passage, in two phases (README, "Decisions, and why"): held, it rises toward
// the passage level with τ_r (hours: the rise is post-transcriptional) and stays there while the
// stabilisation lasts; then it relaxes with τ_I toward its baseline b (1, or in hypoxic tissue the
// hypoxic level). The SMAC mimetic degrades IAP at k·E in both, and ends the stabilisation sooner:
// its clock runs 1 + κ·E times as fast. A cell never squeezed, or whose stabilisation has run
// out, is in the second phase from the start (lapse = its anchor).
struct IapLife {
  held: IapCourse,
  free: IapCourse,
  lapse: f32,
}

// The life from I = iap at time `at`, with `hold` minutes of stabilisation clock left.
fn iap_life(p: CellParams, iap: f32, effect: f32, at: f32, hold: f32, level: f32, base: f32) -> IapLife {
  let lapse = at + max(hold, 0.0) / (1.0 + p.smac_hold_ageing * effect);
  let held = iap_course(iap, effect, at, level, p.iap_rise, p.smac_degradation);
  let free = iap_course(iap_at(held, lapse), effect, lapse, base, p.iap_relax, p.smac_degradation);
  return IapLife(held, free, lapse);
}

fn life_iap_at(l: IapLife, t: f32) -> f32 {
  if (t < l.lapse) { return iap_at(l.held, t); }
  return iap_at(l.free, t);
}

// protected_time along both phases.
fn life_protected_time(l: IapLife, s: f32, t0: f32, t1: f32) -> f32 {
  let split = clamp(l.lapse, t0, t1);
  return protected_time(l.held, s, t0, split) + protected_time(l.free, s, split, t1);
}

// The level a stabilised cell's IAP rises to after `passages` squeezes: f_CM per passage, up to
// max_passages passages' worth (1 by default: one passage's level, as the study measured).
fn passage_level(p: CellParams, passages: u32) -> f32 {
  return pow(p.iap_factor, min(f32(passages), p.max_passages));
}

// The speed gain relaxes with τ_I from m at time `anchor` toward its baseline (1, or the hypoxic
// gain in hypoxic tissue).
fn motility_at(p: CellParams, m: f32, base: f32, anchor: f32, t: f32) -> f32 {
  return base + (m - base) * exp(-(t - anchor) / p.iap_relax);
}

// ∫ m(t) dt from t0 to t1, exactly: the exposure an intravasation hazard ∝ m adds up.
fn motility_time(p: CellParams, m: f32, base: f32, anchor: f32, t0: f32, t1: f32) -> f32 {
  let y = (t1 - t0) / p.iap_relax;
  return (t1 - t0) * (base + (m - base) * exp(-(t0 - anchor) / p.iap_relax) * exp(-y) * expm1_over(y));
}

// (e^y − 1)/y and ln(1 + z)/z without the cancellation of their direct forms near 0 (series to
// f32 precision below 0.1).
fn expm1_over(y: f32) -> f32 {
  if (y < 0.1) { return 1.0 + y * (0.5 + y * (1.0 / 6.0 + y * (1.0 / 24.0 + y / 120.0))); }
  return (exp(y) - 1.0) / y;
}

fn log1p_over(z: f32) -> f32 {
  if (abs(z) < 0.1) { return 1.0 - z * (0.5 - z * (1.0 / 3.0 - z * (0.25 - z * (0.2 - z / 6.0)))); }
  return log(1.0 + z) / z;
}

// ∫ dt/P(t) over [0, len] for P(t) = c + (p0 − c)·e^(−rate·t) > 0: a hazard h0/P(t) adds up to
// h0 times this. It equals ln(1 + c·(e^y − 1)/p0)/(rate·c) with y = rate·len, written so that
// neither c → 0 nor y → 0 loses precision; c > 0 whenever y > 20 (P stays ≥ 1 in between).
fn relaxing_time(p0: f32, c: f32, rate: f32, len: f32) -> f32 {
  let y = rate * len;
  if (y > 20.0) {
    return (y + log(c / p0) + log(1.0 + (p0 - c) * exp(-y) / c)) / (rate * c);
  }
  let grow = len * expm1_over(y);
  return grow / p0 * log1p_over(c * rate * grow / p0);
}

// ∫ dt / (1 + s·max(I_free(t) − 1, 0)) from t0 to t1, exactly, with I_free = I·(1 − E) along the
// course: a hazard h0/(1 + s·max(I_free − 1, 0)) adds up to h0 times this over the interval.
// I_free − 1 = a + b·e^(−rate·(t − anchor)) is monotone, so the clamp starts or ends at most once.
fn protected_time(c: IapCourse, s: f32, t0: f32, t1: f32) -> f32 {
  let a = (1.0 - c.effect) * c.settled - 1.0;
  let b = (1.0 - c.effect) * (c.start - c.settled);
  let g0 = a + b * exp(-c.rate * (t0 - c.anchor));
  let g1 = a + b * exp(-c.rate * (t1 - c.anchor));
  if (s <= 0.0 || (g0 <= 0.0 && g1 <= 0.0)) { return t1 - t0; }
  var unprotected = 0.0;
  var lo = t0;
  var hi = t1;
  if (g0 < 0.0 || g1 < 0.0) {
    // a and b have opposite signs here: g crosses 0 where e^(−rate·(t − anchor)) = −a/b.
    let crossing = clamp(c.anchor + log(-b / a) / c.rate, t0, t1);
    if (g0 < 0.0) { unprotected = crossing - t0; lo = crossing; } else { unprotected = t1 - crossing; hi = crossing; }
  }
  let p0 = 1.0 + s * max(a + b * exp(-c.rate * (lo - c.anchor)), 0.0);
  return unprotected + relaxing_time(p0, 1.0 + s * a, c.rate, hi - lo);
}

fn anoikis_rate(p: CellParams, iap: f32) -> f32 {
  return p.anoikis_rate / (1.0 + p.iap_protection * max(iap - 1.0, 0.0));
}

fn nk_protection(p: CellParams, iap: f32) -> f32 {
  return 1.0 / (1.0 + p.nk_protection * max(iap - 1.0, 0.0));
}

// A confined passage raises the speed gain m at once by its factor, up to max_passages passages'
// worth and never down (IAP rises over hours instead: iap_life).
fn squeezed_motility(p: CellParams, m: f32) -> f32 {
  return max(m, min(m * p.motility_factor, pow(p.motility_factor, p.max_passages)));
}

// The event time within an interval of length len at which a hazard that adds up to `total` over
// it fires, given that it fires, for draw u in [0, 1): exact for a hazard constant over the
// interval (the rates here change over days, the steps over hours).
fn event_time(total: f32, u: f32, len: f32) -> f32 {
  if (total < 1e-6) { return u * len; }
  return clamp(-log(1.0 - u * (1.0 - exp(-total))) / total, 0.0, 1.0) * len;
}

// Headings stay in [−π, π), where WGSL's cos and sin keep their promised accuracy.
fn wrap_angle(a: f32) -> f32 {
  return a - 6.283185307179586 * floor((a + 3.141592653589793) / 6.283185307179586);
}
