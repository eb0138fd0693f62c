// Oxygen, quasi-steady: −∇·(D∇p) + U(p) + W·g·(p − φ·p_wall) = 0, with Michaelis–Menten uptake
// U(p) = M·ρ·p/(p + Km) (ρ: cell density, 0–1) and W = Σ_v w_vc·T_v/h² the exchange of the
// vessels whose rings touch the cell (vessel-field.ts). Perfusion φ is the vessel's fraction of
// normal flow: its lumen carries φ·p_wall behind a vessel-side resistance (1/φ − 1)/(π·Nu·D) in
// series with the tissue's, so a closed vessel neither feeds nor drains tissue; g is the share
// of the full-flow exchange left (partly_open_share, model/vessel-exchange.ts partlyOpenShare).
// A lumen cell (W < 0: its centre lies inside a vessel) is blood, not tissue: it is held at
// φ·p_wall (a = |W|, f = |W|·φ·p_wall) and nothing diffuses across its faces (k = 0); the
// vessel's exchange goes through its ring.
// One Newton step around p0 = max(p, 0) gives a·p − ∇·(k∇p) = f with
// a = M·ρ·Km/(p0+Km)² + W·g and f = W·g·φ·p_wall − M·ρ·p0²/(p0+Km)².
// W is built (vessel-field.ts) from Peaceman's T = 2πD/ln(r_eq/Rc), which holds while the tissue's
// decay length L = √(D/slope) is long against r_eq. In anoxic tumour L ≈ 28 µm, comparable to
// r_eq ≈ Rc + 1.2h, and T underestimates delivery by 13 % at h = 20 µm. Around a vessel in tissue
// with decay the field is A·K0(r/L), so the exchange is T_L = 2πD·x·K1(x)/(K0(x) − K0(y)) with
// x = Rc/L, y = r_eq/L: T times reactive_exchange_factor, read from the ring cell's own slope and
// the (Rc, r_eq) of the vessel that dominates the cell's exchange (`ring`, zero off rings).
// Units: p in mmHg, D in µm²/s, M in mmHg/s, W in 1/s.
// Bindings: params, density, vessel (W_O2, p_wall, W_smac, W_softener), perfusion, p, k, a, f, ring.
// Dispatch: linearGroups(nx·ny, WG).
override WG: u32;

struct OxygenParams {
  cells: u32,
  diffusivity: f32,
  max_uptake: f32,
  km: f32,
  nusselt: f32,
}

@group(0) @binding(0) var<uniform> params: OxygenParams;
@group(0) @binding(1) var<storage, read> density: array<f32>;
@group(0) @binding(2) var<storage, read> vessel: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> perfusion: array<f32>;
@group(0) @binding(4) var<storage, read> p: array<f32>;
@group(0) @binding(5) var<storage, read_write> k: array<f32>;
@group(0) @binding(6) var<storage, read_write> a: array<f32>;
@group(0) @binding(7) var<storage, read_write> f: array<f32>;
@group(0) @binding(8) var<storage, read> ring: array<vec2<f32>>;

// Modified Bessel functions for x > 0 by Abramowitz & Stegun 9.8.1, 9.8.3, 9.8.5–9.8.8, as in
// src/model/reference/bessel.ts.
fn bessel_i0(x: f32) -> f32 {
  let t = (x / 3.75) * (x / 3.75);
  return 1.0 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
}

fn bessel_i1(x: f32) -> f32 {
  let t = (x / 3.75) * (x / 3.75);
  return x * (0.5 + t * (0.87890594 + t * (0.51498869 + t * (0.15084934 + t * (0.02658733 + t * (0.00301532 + t * 0.00032411))))));
}

fn bessel_k0(x: f32) -> f32 {
  if (x <= 2.0) {
    let t = (x / 2.0) * (x / 2.0);
    return -log(x / 2.0) * bessel_i0(x) - 0.57721566 +
      t * (0.4227842 + t * (0.23069756 + t * (0.0348859 + t * (0.00262698 + t * (0.0001075 + t * 0.0000074)))));
  }
  let y = 2.0 / x;
  return exp(-x) / sqrt(x) *
    (1.25331414 + y * (-0.07832358 + y * (0.02189568 + y * (-0.01062446 + y * (0.00587872 + y * (-0.0025154 + y * 0.00053208))))));
}

// x·K1(x), finite as x → 0.
fn bessel_xk1(x: f32) -> f32 {
  if (x <= 2.0) {
    let t = (x / 2.0) * (x / 2.0);
    return x * log(x / 2.0) * bessel_i1(x) + 1.0 +
      t * (0.15443144 + t * (-0.67278579 + t * (-0.18156897 + t * (-0.01919402 + t * (-0.00110404 + t * -0.00004686)))));
  }
  let y = 2.0 / x;
  return sqrt(x) * exp(-x) *
    (1.25331414 + y * (0.23498619 + y * (-0.0365562 + y * (0.01504268 + y * (-0.00780353 + y * (0.00325614 + y * -0.00068245))))));
}

// T_L / T for a vessel of radius rc whose ring reads the field at r_eq, in tissue whose uptake
// slope is `slope` (1/s). Below x = 1e-4 the factor differs from 1 by less than x²·ln(1/x) ≈ 1e-7.
fn reactive_exchange_factor(rc: f32, r_eq: f32, slope: f32) -> f32 {
  if (rc <= 0.0 || r_eq <= rc) { return 1.0; }
  let inverse_length = sqrt(slope / params.diffusivity);
  let x = rc * inverse_length;
  if (x < 1e-4) { return 1.0; }
  let y = r_eq * inverse_length;
  return bessel_xk1(x) * log(r_eq / rc) / (bessel_k0(x) - bessel_k0(y));
}

// G_φ/T_L for a vessel at perfusion φ whose tissue side exchanges T_L = T·factor: the vessel
// side's resistance (1/φ − 1)/(π·Nu·D) in series, so that G_φ/T_L = φ/(φ + (1 − φ)·2·factor/(Nu·ln(r_eq/Rc))).
// ln(r_eq/Rc) is floored as MIN_EXCHANGE_LOG is in vessel-exchange.ts. Every cell with W > 0 lies
// on a ring and has its radii; a buffer left at zero (a test's bare bed) gets the plain φ.
fn partly_open_share(phi: f32, rc: f32, r_eq: f32, factor: f32) -> f32 {
  if (phi >= 1.0) { return 1.0; }
  if (phi <= 0.0) { return 0.0; }
  if (rc <= 0.0 || r_eq <= rc) { return phi; }
  let vessel_side = 2.0 * factor / (params.nusselt * max(log(r_eq / rc), 1e-3));
  return phi / (phi + (1.0 - phi) * vessel_side);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.cells) { return; }
  let v = vessel[c];
  if (v.x < 0.0) {
    k[c] = 0.0;
    a[c] = -v.x;
    f[c] = -v.x * perfusion[c] * v.y;
    return;
  }
  let p0 = max(p[c], 0.0);
  let m = params.max_uptake * density[c];
  let s = p0 + params.km;
  var slope = 0.0;
  var excess = 0.0;
  if (s > 0.0) {
    slope = m * params.km / (s * s);
    excess = m * p0 * p0 / (s * s);
  }
  let around = ring[c];
  let phi = perfusion[c];
  let factor = reactive_exchange_factor(around.x, around.y, slope);
  let w = v.x * factor * partly_open_share(phi, around.x, around.y, factor);
  k[c] = params.diffusivity;
  a[c] = slope + w;
  f[c] = w * phi * v.y - excess;
}
