// The cell rules as pure functions (science.md "Cells"; science-reference.md §1.4). Each has a
// double-precision twin in src/cells/rules.ts; tests compare the two. Rates are per minute.

// Probability that an event of constant hazard `rate` happens within dt.
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

// Weis–Hormuth–Yankeelov restriction of motility by von Mises stress.
fn stress_speed(von_mises: f32, decay: f32) -> f32 {
  return exp(-decay * max(von_mises, 0.0));
}

fn smac_effect(p: CellParams, smac: f32) -> f32 {
  // pow(0, n) is exp2(n·log2 0) in WGSL: defined on most adapters, but not promised.
  if (smac <= 0.0) { return 0.0; }
  let s = pow(smac, p.smac_hill);
  return s / (s + pow(p.smac_ic50, p.smac_hill));
}

// IAP relaxes to baseline with τ_I, and the SMAC mimetic degrades it while present.
fn next_iap(p: CellParams, iap: f32, effect: f32) -> f32 {
  let relaxed = 1.0 + (iap - 1.0) * exp(-p.dt / p.iap_relax);
  return relaxed * exp(-p.smac_degradation * effect * p.dt);
}

// The squeeze speed gain relaxes with the IAP rise it came with.
fn next_motility(p: CellParams, m: f32) -> f32 {
  return 1.0 + (m - 1.0) * exp(-p.dt / p.iap_relax);
}

fn anoikis_rate(p: CellParams, iap: f32) -> f32 {
  return p.anoikis_rate / (1.0 + p.iap_protection * max(iap - 1.0, 0.0));
}

fn nk_protection(p: CellParams, iap: f32) -> f32 {
  return 1.0 / (1.0 + p.nk_protection * max(iap - 1.0, 0.0));
}

// A confined passage: IAP and speed rise by their factors, at most three passages' worth (the
// study tested up to three rounds), and the squeeze clock restarts. bio = (I, m, hours since, timer).
fn squeezed(p: CellParams, bio: vec4<f32>) -> vec4<f32> {
  let iap = min(bio.x * p.iap_factor, pow(p.iap_factor, 3.0));
  let m = min(bio.y * p.motility_factor, pow(p.motility_factor, 3.0));
  return vec4<f32>(iap, m, 0.0, bio.w);
}

// Headings stay in [−π, π), where WGSL's cos and sin keep their promised accuracy.
fn wrap_angle(a: f32) -> f32 {
  return a - 6.283185307179586 * floor((a + 3.141592653589793) / 6.283185307179586);
}
